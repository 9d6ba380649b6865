import { parseThumbnailWidths, thumbnailSrc, thumbnailSrcset, thumbnailUrl } from './thumbnail-urls.js';

describe('thumbnail URLs', () => {
  const url = '/uploads/products/lawn-kurta-rust.svg';

  it('names a thumbnail after its original, without the extension, with the width and .webp', () => {
    expect(thumbnailUrl(url, 480)).toBe('/uploads/products/lawn-kurta-rust-480w.webp');
    expect(thumbnailUrl('/uploads/products/photo.final.JPG', 240)).toBe('/uploads/products/photo.final-240w.webp');
    expect(thumbnailUrl('/uploads/products/no-extension', 960)).toBe('/uploads/products/no-extension-960w.webp');
    expect(thumbnailUrl('/uploads/v1.2/photo', 240)).toBe('/uploads/v1.2/photo-240w.webp');
  });

  it('lists every width in the srcset, narrowest first, with its w descriptor', () => {
    expect(thumbnailSrcset(url, '240,480,960')).toBe(
      '/uploads/products/lawn-kurta-rust-240w.webp 240w, /uploads/products/lawn-kurta-rust-480w.webp 480w, /uploads/products/lawn-kurta-rust-960w.webp 960w',
    );
    expect(thumbnailSrcset(url, '960, 240')).toBe('/uploads/products/lawn-kurta-rust-240w.webp 240w, /uploads/products/lawn-kurta-rust-960w.webp 960w');
  });

  it('uses the 480 px thumbnail as src, the next larger when there is none, the original without thumbnails', () => {
    expect(thumbnailSrc(url, '240,480,960')).toBe('/uploads/products/lawn-kurta-rust-480w.webp');
    expect(thumbnailSrc(url, '240,960')).toBe('/uploads/products/lawn-kurta-rust-960w.webp');
    expect(thumbnailSrc(url, '240')).toBe('/uploads/products/lawn-kurta-rust-240w.webp');
    expect(thumbnailSrc(url, '')).toBe(url);
  });

  it('ignores anything in thumbnailWidths that is not a width, so a bad value falls back to the original', () => {
    expect(parseThumbnailWidths('240,abc,,0,-5,480x,1e3,960')).toEqual([240, 960]);
    expect(parseThumbnailWidths(undefined)).toEqual([]);
    expect(thumbnailSrcset(url, 'junk')).toBe('');
    expect(thumbnailSrc(url, 'junk')).toBe(url);
  });
});
