import type { HelperOptions } from 'handlebars';
import { STORE_TIME_ZONE } from '../../common/store-time.js';

const formats = {
  utc: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
  store: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: STORE_TIME_ZONE }),
};

/**
 * {{date placedAt}} → "27 Nov 2026, 14:05" in UTC; {{date placedAt zone="store"}} on the clock of the
 * store (store-time.ts), as the panel shows it so that its dates agree with its day filters.
 */
export function date(value: unknown, options?: HelperOptions): string {
  const when = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  const format = (options?.hash as { zone?: unknown } | undefined)?.zone === 'store' ? formats.store : formats.utc;
  return when && !Number.isNaN(when.getTime()) ? format.format(when) : '';
}
