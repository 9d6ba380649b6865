import type { default as Sharp } from 'sharp';

let loading: Promise<typeof Sharp> | undefined;

/**
 * sharp, loaded the first time a picture is read or resized rather than when the shop starts: libvips
 * and its libraries add about 27 MB to the process, which a shop serving pages between uploads never
 * uses. Its operation cache is off: each picture is processed once, so the cache (50 MB by default)
 * would only keep the last upload's pixels in memory.
 */
export function imageLibrary(): Promise<typeof Sharp> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    return sharp;
  });
  return loading;
}
