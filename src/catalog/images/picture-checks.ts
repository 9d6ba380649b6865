import type { Metadata } from 'sharp';
import type { UploadedFile, UploadLimits } from '../../common/multipart-form.js';
import { ShopError } from '../../common/errors.js';
import { imageLibrary } from './image-library.js';

/** What an upload of pictures may hold: ten files of 10 MB at most, each. */
export const PICTURE_UPLOADS: UploadLimits = { fileBytes: 10 * 1024 * 1024, files: 10 };

/**
 * About a 7,000 × 7,000 photo. A "decompression bomb" (a small file declaring huge dimensions) is
 * refused from its header, before libvips allocates its pixels.
 */
export const MAX_PICTURE_PIXELS = 50_000_000;

/** The formats a picture may arrive in, as sharp names them from the file's content ("heif" covers AVIF). */
const PICTURE_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif']);

/** A picture as it is kept: re-encoded by the shop, so none of the sender's metadata (GPS, camera) survives. */
export interface CheckedPicture {
  /** The name it was sent under, for messages only. */
  sentAs: string;
  webp: Buffer;
  width: number;
  height: number;
}

/** How big the shop keeps a picture: the product page shows it at 960 px at most, so this leaves room for zoom. */
export interface PictureBounds {
  width: number;
  height: number;
}

/** One or more files of an upload are not pictures the shop can use; none of the upload is kept. */
export class PicturesRefusedError extends ShopError {
  constructor(readonly problems: string[]) {
    super(`Nothing was uploaded: ${problems.join(' ')}`, 422);
  }
}

/**
 * Reads every file of an upload and re-encodes it as webp within `bounds`, turned upright (EXIF
 * orientation) and stripped of every other metadata. The type is decided by the content alone: the
 * file's name and the Content-Type it was sent with are never asked. Throws PicturesRefusedError
 * naming each file that is not a usable picture; nothing is written anywhere.
 */
export async function checkPictures(files: UploadedFile[], bounds: PictureBounds): Promise<CheckedPicture[]> {
  const checked: CheckedPicture[] = [];
  const problems: string[] = [];
  // One at a time: each decode may take a few hundred megabytes and the shop's two cores.
  for (const file of files) {
    const outcome = await checkPicture(file, bounds);
    if (typeof outcome === 'string') problems.push(outcome);
    else checked.push(outcome);
  }
  if (problems.length > 0) throw new PicturesRefusedError(problems);
  return checked;
}

async function checkPicture(file: UploadedFile, bounds: PictureBounds): Promise<CheckedPicture | string> {
  const name = `“${file.originalname || 'a file without a name'}”`;
  const sharp = await imageLibrary();
  let metadata: Metadata;
  try {
    metadata = await sharp(file.buffer, { limitInputPixels: false }).metadata();
  } catch {
    return `${name} is not a picture. Please upload JPEG, PNG, WebP, AVIF, GIF or TIFF files.`;
  }
  if (!metadata.format || !PICTURE_FORMATS.has(metadata.format)) {
    return `${name} is not a picture we accept (it is ${metadata.format?.toUpperCase() ?? 'unknown'}). Please upload JPEG, PNG, WebP, AVIF, GIF or TIFF files.`;
  }
  if (!metadata.width || !metadata.height || metadata.width * metadata.height > MAX_PICTURE_PIXELS) {
    return `${name} says it is ${metadata.width ?? '?'} × ${metadata.height ?? '?'} pixels, more than the ${MAX_PICTURE_PIXELS / 1_000_000} million a picture may have.`;
  }
  try {
    // failOn 'warning': a truncated or damaged file fails here instead of being kept half grey.
    const { data, info } = await sharp(file.buffer, { limitInputPixels: MAX_PICTURE_PIXELS, failOn: 'warning', autoOrient: true })
      .resize({ width: bounds.width, height: bounds.height, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 85 })
      .toBuffer({ resolveWithObject: true });
    return { sentAs: file.originalname, webp: data, width: info.width, height: info.height };
  } catch {
    return `${name} is damaged or incomplete and could not be read. Please export it again and upload the new file.`;
  }
}
