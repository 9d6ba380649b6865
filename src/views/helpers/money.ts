import type { HelperOptions } from 'handlebars';
import { formatMoney } from '../../common/money.js';

/** {{money priceMinor}} in the store currency (set once in settings, exposed as the view local "currency"). */
export function money(minor: unknown, options: HelperOptions): string {
  const root = (options.data as { root?: { currency?: string } } | undefined)?.root;
  return typeof minor === 'number' ? formatMoney(minor, root?.currency ?? 'PKR') : '';
}
