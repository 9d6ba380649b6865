import { randomBytes } from 'node:crypto';
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { imageLibrary } from './image-library.js';
import { THUMBNAIL_WIDTHS, thumbnailHeight, thumbnailUrl } from './thumbnail-urls.js';

/** About a 7,000 × 7,000 photo: a "decompression bomb" is refused before libvips allocates its pixels. */
const MAX_INPUT_PIXELS = 50_000_000;
/**
 * libwebp effort 2 instead of the default 4: measured here, twice as fast (a photo's three sizes 150 ms
 * instead of 340 ms) for files 4% larger (12% for the flat demo drawings), which matters when a
 * start-up pass or the demo seed resizes hundreds of pictures on the shop's own two cores.
 */
const WEBP = { quality: 80, effort: 2 };

/**
 * Writes the webp thumbnails of one picture file beside it (`<name>-<width>w.webp`, 4:5, cropped to
 * cover) and returns the widths written; throws if the file is not a picture sharp can read. No
 * database here, so the bench seed can use it too.
 */
export async function writeThumbnails(original: string, widths: readonly number[] = THUMBNAIL_WIDTHS): Promise<number[]> {
  // Read once into memory: an SVG decoded from a buffer has no base folder, so it cannot pull in other local files.
  const input = await readFile(original);
  const sharp = await imageLibrary();
  const { format, width: originalWidth, height: originalHeight } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  if (!originalWidth || !originalHeight) throw new Error(`${path.basename(original)} has no size`);
  for (const width of widths) {
    const height = thumbnailHeight(width);
    // A vector picture is drawn at the size wanted instead of enlarged from a 72 dpi raster, so it stays crisp at 960 px.
    const density = format === 'svg' ? Math.min(100_000, 72 * Math.max(width / originalWidth, height / originalHeight)) : undefined;
    const target = thumbnailUrl(original, width);
    await writeAtomically(target, (file) =>
      sharp(input, { density, limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true }).resize(width, height, { fit: 'cover' }).webp(WEBP).toFile(file),
    );
  }
  return [...widths];
}

/**
 * Writes through a temporary file in the same folder and renames it into place, so a visitor is never
 * served half a file. The temporary name starts with a dot: the static file server does not serve dotfiles.
 */
export async function writeAtomically(target: string, write: (file: string) => Promise<unknown>): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await write(temporary);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
