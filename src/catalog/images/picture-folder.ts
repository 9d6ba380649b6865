import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CheckedPicture } from './picture-checks.js';
import { writeAtomically, writeThumbnails } from './thumbnail-files.js';
import { parseThumbnailWidths, thumbnailUrl } from './thumbnail-urls.js';

/** A picture kept in the uploads folder: its public address and the widths of its thumbnails ('' for none). */
export interface StoredPicture {
  url: string;
  thumbnailWidths: number[];
}

/**
 * One folder of VAR_DIR/uploads (served at /uploads/), where pictures are kept under names the shop
 * makes: random, so nobody can guess another's address, and never the sender's, which could hold
 * anything (a path, a script's name, a customer's name).
 */
export class PictureFolder {
  private readonly dir: string;

  constructor(
    uploadsDir: string,
    private readonly folder: string,
  ) {
    this.dir = path.join(uploadsDir, folder);
  }

  /**
   * Writes each picture (and, with `thumbnails`, its webp thumbnails) and answers where they are; if
   * any write fails, the ones already written are removed and the error thrown: all or none.
   */
  async store(pictures: CheckedPicture[], options: { prefix: string; thumbnails: boolean }): Promise<StoredPicture[]> {
    await mkdir(this.dir, { recursive: true });
    const stored: StoredPicture[] = [];
    try {
      for (const picture of pictures) {
        const name = `${options.prefix}-${randomBytes(12).toString('hex')}.webp`;
        const file = path.join(this.dir, name);
        const url = `/uploads/${this.folder}/${name}`;
        await writeAtomically(file, (temporary) => writeFile(temporary, picture.webp));
        stored.push({ url, thumbnailWidths: [] });
        if (options.thumbnails) stored[stored.length - 1].thumbnailWidths = await writeThumbnails(file);
      }
    } catch (error) {
      await this.remove(stored);
      throw error;
    }
    return stored;
  }

  /** Removes pictures and their thumbnails; a file already gone is no error. */
  async remove(pictures: { url: string; thumbnailWidths: number[] | string }[]): Promise<void> {
    for (const picture of pictures) {
      const file = this.fileOf(picture.url);
      if (!file) continue;
      const widths = typeof picture.thumbnailWidths === 'string' ? parseThumbnailWidths(picture.thumbnailWidths) : picture.thumbnailWidths;
      for (const target of [file, ...widths.map((width) => thumbnailUrl(file, width))]) await rm(target, { force: true });
    }
  }

  /** The file behind one of this folder's addresses; undefined for any other (a demo picture elsewhere, another site). */
  fileOf(url: string): string | undefined {
    const prefix = `/uploads/${this.folder}/`;
    const name = url.startsWith(prefix) ? url.slice(prefix.length) : '';
    return /^\w[\w.-]*$/.test(name) ? path.join(this.dir, name) : undefined;
  }
}
