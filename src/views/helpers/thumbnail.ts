import { thumbnailSrc } from '../../catalog/images/thumbnail-urls.js';

/** {{thumbnail url widths}} → the picture's 480 px webp for `src`, or the original URL when it has no thumbnails. */
export function thumbnail(url: unknown, widths: unknown): string {
  return typeof url === 'string' ? thumbnailSrc(url, widths) : '';
}
