import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { startEmbedded } from '../db/embedded.js';
import { describeError, openDatabase } from '../runtime.js';
import { backup, KEY_ADVICE, type Manifest, prune } from './backup.js';
import { RestoreRefused, restore, verifyRestore } from './restore.js';
import { backupSettings } from './settings.js';

/**
 * `npm run backup [-- --into <dir>]` and `npm run restore -- <backup folder>` (docs/OPERATIONS.md).
 * The database is DATABASE_URL (its owner role) or the embedded one in DATA_DIR (attached to a running
 * app, or started for the command). BACKUP_DIR (default DATA_DIR/backups) holds the backups;
 * BACKUP_KEEP_DAILY / BACKUP_KEEP_WEEKLY (7 / 4) their retention.
 */
const log = (m: string) => process.stdout.write(`${m}\n`);

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const config = loadConfig();
  if (command === 'backup') {
    const settings = backupSettings(config);
    const runtime = await openDatabase(config, log, { attach: true });
    try {
      const started = Date.now();
      const { dir, manifest } = await backup({
        ownerUrl: runtime.ownerUrl,
        appRole: runtime.appRole,
        dataDir: config.dataDir,
        masterKey: config.masterKey,
        into: flag('--into') ?? settings.into,
      });
      const rows = Object.values(manifest.tables).reduce((s, t) => s + t.rows, 0);
      log(`备份完成 / backup written: ${dir}`);
      log(
        `  ${Object.keys(manifest.tables).length} 张表 tables, ${rows} 行 rows, ${manifest.files.length} 个文件 files, 审计链至 seq ${manifest.audit.seq}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      if (!flag('--into')) {
        const gone = prune(settings.into, settings);
        if (gone.length) log(`  按保留策略删除 / pruned (${settings.daily} daily, ${settings.weekly} weekly): ${gone.join(', ')}`);
      }
      log(KEY_ADVICE);
      return 0;
    } finally {
      await runtime.stop();
    }
  }
  if (command === 'restore') {
    const from = args.find((a) => !a.startsWith('--'));
    if (!from) {
      log('用法 / usage: npm run restore -- <备份目录 backup folder> [--verify-only]');
      return 2;
    }
    // The database as it is: no migrations before the restore (they would make it non-empty).
    const embedded = config.databaseUrl ? undefined : await startEmbedded(config.dataDir, { log, mode: 'attach' });
    const ownerUrl = config.databaseUrl ?? (embedded?.url as string);
    try {
      const opts = { ownerUrl, dataDir: config.dataDir, masterKey: config.masterKey, log };
      const report = args.includes('--verify-only')
        ? await verifyRestore(opts, JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8')) as Manifest)
        : await restore({ ...opts, from });
      log(
        `校验 / verified: ${report.tables} 张表 tables, ${report.rows} 行 rows, ${report.files} 个文件 files, 审计日志 ${report.auditRows} 行 audit rows`,
      );
      for (const p of report.problems) log(`  ✗ ${p}`);
      log(report.ok ? '恢复完成，数据与备份一致 / restored and verified: identical to the backup' : '恢复后校验失败 / VERIFICATION FAILED');
      return report.ok ? 0 : 1;
    } catch (e) {
      if (e instanceof RestoreRefused) {
        log(e.message);
        return 3;
      }
      throw e;
    } finally {
      await embedded?.stop();
    }
  }
  log('用法 / usage: ops/cli.ts backup [--into <dir>] | restore <backup folder> [--verify-only]');
  if (!existsSync(config.dataDir)) log(`DATA_DIR ${config.dataDir} does not exist`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${describeError(e)}\n`);
    process.exit(1);
  },
);
