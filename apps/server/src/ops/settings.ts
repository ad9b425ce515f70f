import { join, resolve } from 'node:path';
import type { Config } from '../config.js';

/** BACKUP_DIR (default DATA_DIR/backups) and the retention BACKUP_KEEP_DAILY / BACKUP_KEEP_WEEKLY (default 7 / 4). */
export function backupSettings(config: Config, env: NodeJS.ProcessEnv = process.env) {
  return {
    into: resolve(env.BACKUP_DIR || join(config.dataDir, 'backups')),
    daily: Number(env.BACKUP_KEEP_DAILY || 7),
    weekly: Number(env.BACKUP_KEEP_WEEKLY || 4),
  };
}
