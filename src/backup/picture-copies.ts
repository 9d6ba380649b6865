import { copyFileSync, mkdirSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

/**
 * Copies every file under `from` into `to` that is not there yet or has changed since (size or
 * modification time), keeping modification times. A picture the shop deletes meanwhile is skipped, not
 * an error. Run before and after a database snapshot, it leaves every picture the snapshot names in the
 * copy: those deleted after the snapshot from the first pass, those added before it from the second.
 */
export function copyPictures(from: string, to: string): void {
  for (const entry of listing(from)) {
    if (!entry.isFile()) continue;
    const source = path.join(entry.parentPath, entry.name);
    const target = path.join(to, path.relative(from, source));
    try {
      const original = statSync(source);
      const copy = statSync(target, { throwIfNoEntry: false });
      if (!copy || copy.size !== original.size || copy.mtimeMs !== original.mtimeMs) {
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(source, target);
        utimesSync(target, original.atime, original.mtime);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** How many files the folder holds, in it and below (0 when it does not exist). */
export function countFiles(folder: string): number {
  return listing(folder).filter((entry) => entry.isFile()).length;
}

function listing(folder: string) {
  try {
    return readdirSync(folder, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
