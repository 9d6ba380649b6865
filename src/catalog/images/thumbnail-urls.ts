/**
 * How a product picture's webp thumbnails are named, in one place: the generator writes these files and
 * the views link them, so the two can never disagree. Pure functions, no I/O.
 */

/** Widths (px) generated for every picture: a listing card, a phone-wide product picture, a retina one. */
export const THUMBNAIL_WIDTHS: readonly number[] = [240, 480, 960];

/** Thumbnails keep the originals' 4:5 portrait shape (400 × 500). */
export const thumbnailHeight = (width: number): number => Math.round((width * 5) / 4);

/** The width a plain `src` uses when the browser ignores srcset: the middle size, sharp on most phones. */
const FALLBACK_WIDTH = 480;

/** "/uploads/products/kurta-rust.svg", 480 → "/uploads/products/kurta-rust-480w.webp". */
export function thumbnailUrl(url: string, width: number): string {
  const slash = url.lastIndexOf('/');
  const dot = url.lastIndexOf('.');
  const stem = dot > slash + 1 ? url.slice(0, dot) : url;
  return `${stem}-${width}w.webp`;
}

/** product_image.thumbnailWidths ("240,480,960") as numbers; anything that is not a positive width is ignored. */
export function parseThumbnailWidths(widths: unknown): number[] {
  if (typeof widths !== 'string') return [];
  return widths
    .split(',')
    .map((part) => part.trim())
    .filter((part) => /^[1-9]\d{0,4}$/.test(part))
    .map(Number)
    .sort((a, b) => a - b);
}

export const formatThumbnailWidths = (widths: readonly number[]): string => [...widths].sort((a, b) => a - b).join(',');

/** The `srcset` of a picture: "…-240w.webp 240w, …-480w.webp 480w, …-960w.webp 960w"; '' without thumbnails. */
export function thumbnailSrcset(url: string, widths: unknown): string {
  return parseThumbnailWidths(widths)
    .map((width) => `${thumbnailUrl(url, width)} ${width}w`)
    .join(', ');
}

/** The `src` of a picture: its 480 px thumbnail (or the nearest larger, else the largest); the original without thumbnails. */
export function thumbnailSrc(url: string, widths: unknown): string {
  const available = parseThumbnailWidths(widths);
  if (available.length === 0) return url;
  const width = available.find((w) => w >= FALLBACK_WIDTH) ?? available[available.length - 1];
  return thumbnailUrl(url, width);
}
