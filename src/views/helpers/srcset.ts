import { thumbnailSrcset } from '../../catalog/images/thumbnail-urls.js';

/** {{srcset url widths}} → "…-240w.webp 240w, …-480w.webp 480w, …" for a picture with thumbnails ('' without). */
export function srcset(url: unknown, widths: unknown): string {
  return typeof url === 'string' ? thumbnailSrcset(url, widths) : '';
}
