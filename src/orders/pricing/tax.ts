import { roundHalfUp } from './rounding.js';
import type { TaxRule } from './pricing-rules.js';

/**
 * The tax on one order line, the shop's one tax rule: computed per line, on the line's total after its
 * share of the discount, rounded half up to a whole minor unit (roundHalfUp); the order's tax is the
 * sum of its lines'. Delivery and the COD fee are not taxed.
 *
 * Prices excluding tax: tax = net × rate. Prices including tax: the price holds the tax already, and
 * the tax is the part of it the rate makes up: gross × rate / (1 + rate).
 */
export function lineTax(discountedTotalMinor: number, tax: TaxRule): number {
  if (tax.rateBasisPoints === 0 || discountedTotalMinor <= 0) return 0;
  return tax.inclusive
    ? roundHalfUp(discountedTotalMinor * tax.rateBasisPoints, 10_000 + tax.rateBasisPoints)
    : roundHalfUp(discountedTotalMinor * tax.rateBasisPoints, 10_000);
}
