/** A ?next= target is followed only if it is a path on this site: no scheme, no host, no protocol-relative "//". */
export function localPath(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length > 500) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if ([...next].some((c) => c.charCodeAt(0) < 0x20)) return fallback;
  return next;
}
