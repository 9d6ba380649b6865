import { formatMoney } from '../../common/money.js';
import type { PriceSummary } from './price-summary.js';

/**
 * The items the checkout page showed, with their prices, carried back in a hidden field
 * ("<variant>x<quantity>@<unit price>,…") so that placing the order can point out what changed since
 * the shopper read it: a price the owner changed, or a cart changed in another tab. What the shopper
 * chose on the form itself (delivery, coupon, way to pay) is theirs and is simply priced. The field
 * can only ever stop an order; the amounts charged are always computed afresh on the server.
 */
export function shownSummary(summary: PriceSummary): string {
  return summary.lines.map(({ line }) => `${line.variantId}x${line.quantity}@${line.priceMinor}`).join(',');
}

interface NamedLine {
  variantId: number;
  categoryId: number;
  quantity: number;
  priceMinor: number;
  productName: string;
  label: string;
}

/** What the shopper must be told before paying: each line whose price changed, or a cart whose lines changed; nothing when all is as shown. */
export function changesSince(shown: string, summary: PriceSummary<NamedLine>, currency: string): string[] {
  const money = (minor: number) => formatMoney(minor, currency);
  const before = new Map(
    shown
      .split(',')
      .map((part) => /^(\d+)x(\d+)@(\d+)$/.exec(part))
      .filter((match) => match !== null)
      .map((match) => [Number(match[1]), { quantity: Number(match[2]), priceMinor: Number(match[3]) }]),
  );
  const changes: string[] = [];
  for (const { line } of summary.lines) {
    const was = before.get(line.variantId);
    if (was && was.priceMinor !== line.priceMinor) {
      changes.push(`${line.productName} (${line.label}) now costs ${money(line.priceMinor)} (it was ${money(was.priceMinor)}).`);
    }
  }
  const sameLines = before.size === summary.lines.length && summary.lines.every(({ line }) => before.get(line.variantId)?.quantity === line.quantity);
  if (!sameLines) changes.push('The items in your cart changed.');
  return changes.length === 0 ? [] : [...changes, `The total is now ${money(summary.totalMinor)}.`];
}
