import type { HelperOptions } from 'handlebars';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) formats.set(timeZone, (format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone })));
  return format;
}

/**
 * {{date placedAt}} → "27 Nov 2026, 14:05" in UTC; {{date placedAt zone="store"}} on the store's clock
 * (STORE_TIME_ZONE, set for every page as `storeTimeZone`), as the panel shows it so that its dates
 * agree with its day filters and the dashboard's days.
 */
export function date(value: unknown, options?: HelperOptions): string {
  const when = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  const store = (options?.hash as { zone?: unknown } | undefined)?.zone === 'store';
  const storeZone = (options?.data as { root?: { storeTimeZone?: unknown } } | undefined)?.root?.storeTimeZone;
  const zone = store && typeof storeZone === 'string' ? storeZone : 'UTC';
  return when && !Number.isNaN(when.getTime()) ? formatIn(zone).format(when) : '';
}
