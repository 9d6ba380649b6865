import { CouponKind } from '../coupons/coupon.entity.js';
import type { CouponTerms } from '../coupons/coupon-terms.js';
import { priceOrder, type PricingChoice, type PricingLine } from './price-summary.js';
import { DEFAULT_PRICING_RULES, type PricingRules } from './pricing-rules.js';
import { roundHalfUp, shareInProportion } from './rounding.js';
import { lineTax } from './tax.js';

const rules = (changes: Partial<PricingRules> = {}): PricingRules => ({ ...DEFAULT_PRICING_RULES, ...changes });
const line = (variantId: number, priceMinor: number, quantity = 1, categoryId = 1): PricingLine => ({ variantId, priceMinor, quantity, categoryId });
const choice = (lines: PricingLine[], changes: Partial<PricingChoice> = {}): PricingChoice => ({
  lines,
  city: 'Lahore',
  shippingCode: 'standard',
  coupon: null,
  cashOnDelivery: true,
  ...changes,
});
const coupon = (terms: Partial<CouponTerms>): CouponTerms => ({
  id: 1,
  code: 'TEST',
  kind: CouponKind.Percent,
  percentBasisPoints: 0,
  amountOffMinor: 0,
  minSubtotalMinor: 0,
  startsAt: null,
  endsAt: null,
  maxUses: null,
  usesCount: 0,
  maxUsesPerCustomer: null,
  active: true,
  categoryIds: new Set(),
  ...terms,
});

describe('the shop’s rounding', () => {
  it.each([
    [5, 10, 1],
    [4, 10, 0],
    [15, 10, 2],
    [25, 10, 3],
    [0, 7, 0],
  ])('rounds %i / %i half up to %i', (numerator, denominator, expected) => {
    expect(roundHalfUp(numerator, denominator)).toBe(expected);
  });

  it('shares an amount in proportion, to the unit, the remainders to the largest shares first', () => {
    expect(shareInProportion(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(shareInProportion(300, [1000, 2000])).toEqual([100, 200]);
    expect(shareInProportion(7, [3, 0, 3])).toEqual([4, 0, 3]);
    expect(shareInProportion(0, [5, 5])).toEqual([0, 0]);
  });
});

describe('tax', () => {
  it('adds the rate to prices that exclude it, rounded half up per line', () => {
    expect(lineTax(10_000, { rateBasisPoints: 1700, inclusive: false })).toBe(1_700);
    expect(lineTax(333, { rateBasisPoints: 1700, inclusive: false })).toBe(57); // 56.61
    expect(lineTax(250, { rateBasisPoints: 1000, inclusive: false })).toBe(25);
    expect(lineTax(5, { rateBasisPoints: 1000, inclusive: false })).toBe(1); // 0.5 goes up
  });

  it('takes the tax out of prices that include it', () => {
    expect(lineTax(11_700, { rateBasisPoints: 1700, inclusive: true })).toBe(1_700);
    expect(lineTax(1_000, { rateBasisPoints: 1700, inclusive: true })).toBe(145); // 145.299…
  });

  it('is per line: two lines of 3.33 at 17% are taxed 0.57 each, 1.14 in all (not 1.13 on their sum)', () => {
    const summary = priceOrder(rules({ tax: { rateBasisPoints: 1700, inclusive: false } }), choice([line(1, 333), line(2, 333)]));
    expect(summary.lines.map((priced) => priced.taxMinor)).toEqual([57, 57]);
    expect(summary.taxMinor).toBe(114);
  });

  it('adds the tax to the total when prices exclude it, and not when they include it', () => {
    const lines = [line(1, 100_000, 2)];
    const exclusive = priceOrder(rules({ tax: { rateBasisPoints: 1700, inclusive: false } }), choice(lines));
    const inclusive = priceOrder(rules({ tax: { rateBasisPoints: 1700, inclusive: true } }), choice(lines));
    expect(exclusive).toMatchObject({ subtotalMinor: 200_000, shippingMinor: 25_000, taxMinor: 34_000, totalMinor: 259_000 });
    expect(inclusive).toMatchObject({ subtotalMinor: 200_000, shippingMinor: 25_000, taxMinor: 29_060, totalMinor: 225_000 });
  });

  it('taxes each line after its share of the discount', () => {
    const summary = priceOrder(
      rules({ tax: { rateBasisPoints: 1000, inclusive: false } }),
      choice([line(1, 1_000), line(2, 2_000)], { coupon: coupon({ percentBasisPoints: 1000 }) }),
    );
    expect(summary.lines.map((priced) => [priced.discountMinor, priced.taxMinor])).toEqual([
      [100, 90],
      [200, 180],
    ]);
    expect(summary).toMatchObject({ subtotalMinor: 3_000, discountMinor: 300, taxMinor: 270 });
  });
});

describe('coupons', () => {
  it('rounds a percent off half up and never takes off more than the lines cost', () => {
    expect(priceOrder(rules(), choice([line(1, 199_999, 3)], { coupon: coupon({ percentBasisPoints: 1000 }) })).discountMinor).toBe(60_000);
    expect(priceOrder(rules(), choice([line(1, 3_000)], { coupon: coupon({ kind: CouponKind.Fixed, amountOffMinor: 5_000 }) })).discountMinor).toBe(3_000);
  });

  it('discounts only the lines of its categories, shared among them by their totals', () => {
    const forKurtas = coupon({ kind: CouponKind.Fixed, amountOffMinor: 1_000, categoryIds: new Set([7, 8]) });
    const summary = priceOrder(rules(), choice([line(1, 10_000, 1, 7), line(2, 50_000, 1, 3), line(3, 30_000, 1, 8)], { coupon: forKurtas }));
    expect(summary.lines.map((priced) => priced.discountMinor)).toEqual([250, 0, 750]);
    expect(summary.discountMinor).toBe(1_000);
  });

  it('gives free delivery as a kind, whatever the method costs', () => {
    const summary = priceOrder(rules(), choice([line(1, 10_000)], { shippingCode: 'express', coupon: coupon({ kind: CouponKind.FreeShipping }) }));
    expect(summary).toMatchObject({ shippingMinor: 0, discountMinor: 0, coupon: { code: 'TEST', freeShipping: true } });
    expect(summary.shippingOptions.map((option) => option.priceMinor)).toEqual([0, 0]);
  });
});

describe('delivery', () => {
  const zoned = rules({
    zones: [{ name: 'Lahore', cities: ['Lahore', 'Lahore Cantt'] }],
    methods: [
      { code: 'standard', name: 'Standard', enabled: true, priceMinor: 30_000, zonePrices: [15_000], freeFromMinor: 500_000 },
      { code: 'local', name: 'Same-day Lahore', enabled: true, priceMinor: null, zonePrices: [40_000], freeFromMinor: null },
      { code: 'express', name: 'Express', enabled: false, priceMinor: 60_000, zonePrices: [], freeFromMinor: null },
    ],
  });

  it('offers each method switched on at the zone’s price, matching the city however it is typed', () => {
    const lahore = priceOrder(zoned, choice([line(1, 10_000)], { city: '  lahore   CANTT ' }));
    expect(lahore.shippingOptions.map((option) => [option.code, option.priceMinor])).toEqual([
      ['standard', 15_000],
      ['local', 40_000],
    ]);
    const quetta = priceOrder(zoned, choice([line(1, 10_000)], { city: 'Quetta' }));
    expect(quetta.shippingOptions.map((option) => [option.code, option.priceMinor])).toEqual([['standard', 30_000]]);
  });

  it('chooses no method that does not reach the city', () => {
    expect(priceOrder(zoned, choice([line(1, 10_000)], { city: 'Quetta', shippingCode: 'local' })).shipping).toBeNull();
  });

  it('is free from the threshold, counted on the items after the discount', () => {
    expect(priceOrder(zoned, choice([line(1, 500_000)])).shippingMinor).toBe(0);
    expect(priceOrder(zoned, choice([line(1, 500_000)], { coupon: coupon({ percentBasisPoints: 1000 }) })).shippingMinor).toBe(15_000);
  });
});

describe('cash on delivery', () => {
  const cod = rules({ cashOnDelivery: { feeMinor: 5_000, maxOrderMinor: 100_000 } });

  it('adds its fee only when paying that way', () => {
    expect(priceOrder(cod, choice([line(1, 10_000)])).codFeeMinor).toBe(5_000);
    expect(priceOrder(cod, choice([line(1, 10_000)], { cashOnDelivery: false })).codFeeMinor).toBe(0);
  });

  it('is allowed up to the maximum, counted before the fee', () => {
    expect(priceOrder(cod, choice([line(1, 75_000)])).cashOnDeliveryAllowed).toBe(true); // 75,000 + 25,000 delivery
    expect(priceOrder(cod, choice([line(1, 75_001)])).cashOnDeliveryAllowed).toBe(false);
  });
});
