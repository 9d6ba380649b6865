import path from 'node:path';
import { type AppConfig, loadConfig } from './config.js';

export interface BackupConfig {
  /** The shop's own settings: where its SQLite file and pictures are (VAR_DIR, DATABASE_URL). */
  shop: AppConfig;
  /** BACKUP_DIR: where `npm run backup` makes its dated folders, by default VAR_DIR/backups. */
  backupDir: string;
}

/** What `npm run backup` and `npm run restore` read: the shop's configuration and BACKUP_DIR. */
export function loadBackupConfig(env: NodeJS.ProcessEnv = process.env): BackupConfig {
  const shop = loadConfig(env);
  return { shop, backupDir: path.resolve(env.BACKUP_DIR || path.join(shop.varDir, 'backups')) };
}
