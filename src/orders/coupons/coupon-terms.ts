import { CouponKind } from './coupon.entity.js';

/** A coupon as pricing reads it: its terms, its categories with their sub-categories, and its uses so far. */
export interface CouponTerms {
  id: number;
  code: string;
  kind: CouponKind;
  percentBasisPoints: number;
  amountOffMinor: number;
  minSubtotalMinor: number;
  startsAt: Date | null;
  endsAt: Date | null;
  maxUses: number | null;
  usesCount: number;
  maxUsesPerCustomer: number | null;
  active: boolean;
  /** The categories whose lines it discounts (sub-categories included); empty: every line. */
  categoryIds: Set<number>;
}

/** Why a code is refused; each has its message in CouponRefusedError. */
export type CouponRefusal = 'unknown' | 'not_started' | 'expired' | 'used_up' | 'below_minimum' | 'customer_limit' | 'nothing_eligible';

export interface CouponCheck {
  now: Date;
  /** The items' total before any discount. */
  subtotalMinor: number;
  /** The total of the lines the coupon applies to. */
  eligibleMinor: number;
  /** Orders this customer (account, or email for a guest) already holds it on. */
  customerUses: number;
}

/**
 * Whether the coupon applies to this order, in the order a shopper can act on: a code that is off or
 * unknown first, then its dates, its uses, the order's minimum, the customer's own limit.
 */
export function couponRefusal(terms: CouponTerms, check: CouponCheck): CouponRefusal | null {
  if (!terms.active) return 'unknown';
  if (terms.startsAt && check.now < terms.startsAt) return 'not_started';
  if (terms.endsAt && check.now >= terms.endsAt) return 'expired';
  if (terms.maxUses !== null && terms.usesCount >= terms.maxUses) return 'used_up';
  if (check.subtotalMinor < terms.minSubtotalMinor) return 'below_minimum';
  if (terms.maxUsesPerCustomer !== null && check.customerUses >= terms.maxUsesPerCustomer) return 'customer_limit';
  if (terms.kind !== CouponKind.FreeShipping && check.eligibleMinor === 0) return 'nothing_eligible';
  return null;
}

/** Whether a line of this category is discounted by the coupon. */
export function couponCovers(terms: CouponTerms, categoryId: number): boolean {
  return terms.categoryIds.size === 0 || terms.categoryIds.has(categoryId);
}
