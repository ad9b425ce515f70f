import type { Config } from '../config.js';
import type { HandlerDef } from '../platform/queue/queue.js';
import { backup, prune } from './backup.js';
import { backupSettings } from './settings.js';

/**
 * The daily backup on the queue (issue 17 item 3): a cron job (BACKUP_CRON, UTC, default 02:30;
 * `off` disables it) that pg-boss hands to one node, then the retention (7 daily, 4 weekly by
 * default). A failure is retried twice with backoff and logged.
 */
export function backupJob(o: {
  config: Config;
  ownerUrl: string;
  appRole: string;
  log: { info(obj: object, msg: string): void };
  env?: NodeJS.ProcessEnv;
}): Record<string, HandlerDef> {
  const env = o.env ?? process.env;
  const cron = env.BACKUP_CRON || '30 2 * * *';
  if (cron === 'off') return {};
  const settings = backupSettings(o.config, env);
  return {
    'ops.backup': {
      cron,
      policy: 'stately',
      retryLimit: 2,
      retryDelay: 300,
      run: async () => {
        const { dir, manifest } = await backup({ ...o, dataDir: o.config.dataDir, masterKey: o.config.masterKey, into: settings.into });
        const pruned = prune(settings.into, settings);
        o.log.info({ dir, tables: Object.keys(manifest.tables).length, pruned }, 'daily backup written');
      },
    },
  };
}
