import { CouponKind } from '../coupons/coupon.entity.js';
import { couponCovers, type CouponTerms } from '../coupons/coupon-terms.js';
import type { PricingRules, TaxRule } from './pricing-rules.js';
import { roundHalfUp, shareInProportion } from './rounding.js';
import { type ShippingOption, shippingOptionsFor } from './shipping-rates.js';
import { lineTax } from './tax.js';

/** A cart line as pricing needs it: the server's price of this moment, never one from a form. */
export interface PricingLine {
  variantId: number;
  categoryId: number;
  quantity: number;
  /** The unit price. */
  priceMinor: number;
}

export interface PricedLine<L extends PricingLine = PricingLine> {
  line: L;
  /** priceMinor × quantity. */
  lineTotalMinor: number;
  /** This line's share of the coupon's discount. */
  discountMinor: number;
  taxMinor: number;
}

export interface PricingChoice<L extends PricingLine = PricingLine> {
  lines: L[];
  city: string;
  /** The delivery method asked for; when it does not reach the city (or none was asked), none is chosen. */
  shippingCode: string | undefined;
  /** A coupon already found to apply (couponRefusal said nothing), or null. */
  coupon: CouponTerms | null;
  /** Whether the shopper pays in cash on delivery (the COD fee applies). */
  cashOnDelivery: boolean;
}

/** Every total of an order, all in integer minor units, computed in one place for the page and the order alike. */
export interface PriceSummary<L extends PricingLine = PricingLine> {
  lines: PricedLine<L>[];
  subtotalMinor: number;
  discountMinor: number;
  shippingMinor: number;
  codFeeMinor: number;
  taxMinor: number;
  totalMinor: number;
  tax: TaxRule;
  /** The methods that reach the city, priced for this order. */
  shippingOptions: ShippingOption[];
  /** The method chosen, when it is one of shippingOptions. */
  shipping: ShippingOption | null;
  coupon: { code: string; freeShipping: boolean } | null;
  /** Whether this order may be paid in cash (its total before the fee is within the owner's maximum). */
  cashOnDeliveryAllowed: boolean;
  /** The owner's fee for paying in cash, charged (codFeeMinor) when the shopper pays that way. */
  cashOnDeliveryFeeMinor: number;
}

/**
 * Prices an order: the items' subtotal; the coupon's discount on the lines it covers (a percent of
 * their total, or a fixed amount up to it, rounded half up and shared among them in proportion); the
 * delivery method's price for the city (free above its threshold or with a free-delivery coupon); the
 * COD fee when paying in cash; the tax per line (lineTax); and the total: items − discount + delivery
 * + COD fee, plus the tax when prices exclude it.
 */
export function priceOrder<L extends PricingLine>(rules: PricingRules, choice: PricingChoice<L>): PriceSummary<L> {
  const totals = choice.lines.map((line) => line.priceMinor * line.quantity);
  const subtotalMinor = totals.reduce((a, b) => a + b, 0);
  const coupon = choice.coupon;
  const covered = totals.map((total, i) => (coupon && couponCovers(coupon, choice.lines[i].categoryId) ? total : 0));
  const discountMinor = coupon
    ? couponDiscount(
        coupon,
        covered.reduce((a, b) => a + b, 0),
      )
    : 0;
  const discounts = shareInProportion(discountMinor, covered);
  const lines = choice.lines.map((line, i) => ({
    line,
    lineTotalMinor: totals[i],
    discountMinor: discounts[i],
    taxMinor: lineTax(totals[i] - discounts[i], rules.tax),
  }));
  const goodsMinor = subtotalMinor - discountMinor;
  const freeShipping = coupon?.kind === CouponKind.FreeShipping;
  const shippingOptions = shippingOptionsFor(rules, choice.city, goodsMinor, freeShipping);
  const shipping = shippingOptions.find((option) => option.code === choice.shippingCode) ?? null;
  const shippingMinor = shipping?.priceMinor ?? 0;
  const taxMinor = lines.reduce((sum, line) => sum + line.taxMinor, 0);
  const beforeFee = goodsMinor + shippingMinor + (rules.tax.inclusive ? 0 : taxMinor);
  const { maxOrderMinor, feeMinor } = rules.cashOnDelivery;
  const cashOnDeliveryAllowed = maxOrderMinor === null || beforeFee <= maxOrderMinor;
  const codFeeMinor = choice.cashOnDelivery ? feeMinor : 0;
  return {
    lines,
    subtotalMinor,
    discountMinor,
    shippingMinor,
    codFeeMinor,
    taxMinor,
    totalMinor: beforeFee + codFeeMinor,
    tax: rules.tax,
    shippingOptions,
    shipping,
    coupon: coupon ? { code: coupon.code, freeShipping } : null,
    cashOnDeliveryAllowed,
    cashOnDeliveryFeeMinor: feeMinor,
  };
}

/** The discount on `coveredMinor`, the total of the lines the coupon covers: never more than they cost. */
function couponDiscount(coupon: CouponTerms, coveredMinor: number): number {
  if (coupon.kind === CouponKind.Percent) return Math.min(coveredMinor, roundHalfUp(coveredMinor * coupon.percentBasisPoints, 10_000));
  if (coupon.kind === CouponKind.Fixed) return Math.min(coveredMinor, coupon.amountOffMinor);
  return 0;
}
