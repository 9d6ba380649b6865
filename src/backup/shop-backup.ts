import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AppConfig } from '../config/config.js';
import { type BackupManifest, BackupRefused, folderNameFor, SQLITE_FILE, writeManifest } from './backup-folder.js';
import { copyPictures, countFiles } from './picture-copies.js';

/**
 * better-sqlite3's online backup copies a number of pages a step, and starts again whenever another
 * connection (the running shop) writes between two steps: under steady checkout traffic a small step
 * would start over and over. One step for every page copies the database as one read transaction sees
 * it — a consistent snapshot — and in WAL mode that reader holds no writer up.
 */
const EVERY_PAGE_AT_ONCE = 0x7fffffff;

export interface ShopBackup {
  folder: string;
  manifest: BackupManifest;
}

/**
 * Writes a dated folder under `backupDir`: a consistent copy of the SQLite database (taken through the
 * same file the running shop uses, while it serves) and the uploaded pictures, then backup.json. The
 * folder is filled under a ".partial" name and renamed when complete, so an interrupted backup is never
 * taken for one. On MySQL/MariaDB only the pictures are copied: the database is dumped with mysqldump.
 */
export async function backUpShop(config: AppConfig, backupDir: string, now: () => Date = () => new Date()): Promise<ShopBackup> {
  const folder = path.join(backupDir, folderNameFor(now()));
  if (existsSync(folder)) throw new BackupRefused(`${folder} exists already: a backup was made this second`);
  const partial = `${folder}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    const uploads = path.join(config.varDir, 'uploads');
    const copiedUploads = path.join(partial, 'uploads');
    copyPictures(uploads, copiedUploads);
    const madeAt = now().toISOString();
    const rows = config.database.driver === 'sqlite' ? await snapshotSqlite(config.database.path, path.join(partial, SQLITE_FILE)) : {};
    copyPictures(uploads, copiedUploads);
    const manifest: BackupManifest = {
      format: 1,
      madeAt,
      database: config.database.driver === 'sqlite' ? 'sqlite' : 'mysql',
      rows,
      pictures: countFiles(copiedUploads),
    };
    writeManifest(partial, manifest);
    renameSync(partial, folder);
    return { folder, manifest };
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/** Copies the database at `source` into `target` and returns the copy's rows per table, once it checks out. */
async function snapshotSqlite(source: string, target: string): Promise<Record<string, number>> {
  if (!existsSync(source)) throw new BackupRefused(`there is no SQLite database at ${source} (is VAR_DIR or DATABASE_URL the shop's?)`);
  const shopDatabase = new Database(source, { fileMustExist: true });
  try {
    // The shop may be writing: wait for it as the shop's own connections do, instead of failing.
    shopDatabase.pragma('busy_timeout = 5000');
    await shopDatabase.backup(target, { progress: () => EVERY_PAGE_AT_ONCE });
  } finally {
    shopDatabase.close();
  }
  // The copy keeps the shop's WAL mode, in which merely opening it makes -wal and -shm files beside it:
  // back to a rollback journal, it is one self-contained file (the shop turns WAL on again when it opens it).
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return checkedRows(target);
}

/** Rows per table of the SQLite file at `file`, after SQLite's own check of its structure passes. */
export function checkedRows(file: string): Record<string, number> {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy of the database at ${file} does not check out: ${String(check)}`);
    const tables = copy
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
      )
      .all();
    return Object.fromEntries(tables.map(({ name }) => [name, copy.prepare<[], { rows: number }>(`SELECT COUNT(*) AS rows FROM "${name}"`).get()?.rows ?? 0]));
  } finally {
    copy.close();
  }
}
