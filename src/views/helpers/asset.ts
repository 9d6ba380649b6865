import type { HelperOptions } from 'handlebars';

/**
 * {{asset "/css/shop.css"}} → "/css/shop.<hash>.css", the fingerprinted URL computed at start (view
 * local "assetUrls"), which browsers may cache for a year. A path with no fingerprint comes back as it
 * is, so the page still loads it, with the plain files' short cache.
 */
export function asset(url: unknown, options: HelperOptions): string {
  const root = (options.data as { root?: { assetUrls?: ReadonlyMap<string, string> } } | undefined)?.root;
  const plain = typeof url === 'string' ? url : '';
  return root?.assetUrls?.get(plain) ?? plain;
}
