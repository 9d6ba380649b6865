import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The files a backup folder holds, beside its uploads/ folder of pictures. */
export const MANIFEST_FILE = 'backup.json';
export const SQLITE_FILE = 'shop.sqlite';

/** What a backup holds, written last: a folder without it is not a (finished) backup. */
export interface BackupManifest {
  format: 1;
  /** When the database's snapshot was taken (ISO 8601, UTC). */
  madeAt: string;
  database: 'sqlite' | 'mysql';
  /** Rows of each table in the SQLite copy (none for MySQL, whose dump is made apart with mysqldump). */
  rows: Record<string, number>;
  pictures: number;
}

/** A backup or restore that must not go ahead, with the reason the person running it can act on. */
export class BackupRefused extends Error {}

/** "2026-12-04T21-05-03Z": sorts by time, and is a valid folder name everywhere (no colons). */
export function folderNameFor(moment: Date): string {
  return moment
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
}

export function writeManifest(folder: string, manifest: BackupManifest): void {
  writeFileSync(path.join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

export function readManifest(folder: string): BackupManifest {
  const file = path.join(folder, MANIFEST_FILE);
  if (!existsSync(file)) throw new BackupRefused(`${folder} is not a backup made by npm run backup (it has no ${MANIFEST_FILE})`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== 1) throw new BackupRefused(`${file} is of a format this version does not know (${String(manifest.format)})`);
  return manifest;
}

/** The table of orders, named in the summaries a person reads after a backup or a restore. */
export const ordersIn = (manifest: Pick<BackupManifest, 'rows'>): number => manifest.rows.shop_order ?? 0;
