import { constants, copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/config.js';
import { type BackupManifest, BackupRefused, readManifest, SQLITE_FILE } from './backup-folder.js';
import { copyPictures, countFiles } from './picture-copies.js';
import { checkedRows } from './shop-backup.js';

export interface ShopRestore {
  manifest: BackupManifest;
  /** Rows per table of the restored SQLite database, as it checks out now (empty on MySQL). */
  rows: Record<string, number>;
  pictures: number;
}

/**
 * Brings the backup in `folder` back into the shop's VAR_DIR, which must be empty (or not exist yet): a
 * restore never mixes a backup with what a shop has since written, and never overwrites a live database.
 * The shop started on it afterwards runs any newer migrations, as after an upgrade. On MySQL/MariaDB only
 * the pictures come back here; the database is loaded from its dump with the mysql client.
 */
export function restoreShop(config: AppConfig, folder: string): ShopRestore {
  const manifest = readManifest(folder);
  const onSqlite = config.database.driver === 'sqlite';
  if (manifest.database !== (onSqlite ? 'sqlite' : 'mysql')) {
    throw new BackupRefused(`${folder} holds a ${manifest.database} backup, but this shop's database is ${config.database.driver} (see DATABASE_URL)`);
  }
  const held = contentsOf(config.varDir);
  if (held.length > 0) {
    throw new BackupRefused(
      `VAR_DIR ${config.varDir} is not empty (it holds ${held.slice(0, 3).join(', ')}${held.length > 3 ? ', …' : ''}): restore into an empty one`,
    );
  }
  if (config.database.driver === 'sqlite' && existsSync(config.database.path)) {
    throw new BackupRefused(`there is a database at ${config.database.path} already: restore where there is none`);
  }

  mkdirSync(config.varDir, { recursive: true });
  let rows: Record<string, number> = {};
  if (config.database.driver === 'sqlite') {
    mkdirSync(path.dirname(config.database.path), { recursive: true });
    copyFileSync(path.join(folder, SQLITE_FILE), config.database.path, constants.COPYFILE_EXCL);
    rows = checkedRows(config.database.path);
  }
  const uploads = path.join(config.varDir, 'uploads');
  copyPictures(path.join(folder, 'uploads'), uploads);
  return { manifest, rows, pictures: countFiles(uploads) };
}

function contentsOf(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
