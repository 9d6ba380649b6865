import type { Actor } from '../../src/audit/actor.js';
import { User } from '../../src/auth/entities/user.entity.js';
import { Category } from '../../src/catalog/entities/category.entity.js';
import { CouponCategory } from '../../src/orders/coupons/coupon-category.entity.js';
import { Coupon, CouponKind } from '../../src/orders/coupons/coupon.entity.js';
import { PricingSettings, type ShippingSettings } from '../../src/orders/pricing/pricing-settings.service.js';
import type { TaxRule } from '../../src/orders/pricing/pricing-rules.js';
import type { ServiceModule } from './service-module.js';
import { OWNER, type TestShop } from './test-shop.js';

type Shop = Pick<TestShop, 'dataSource' | 'get'> | ServiceModule;

/** The owner, as the audit log records a change made in a test. */
export async function ownerActor(shop: Shop): Promise<Actor> {
  const owner = await shop.dataSource.getRepository(User).findOneByOrFail({ email: OWNER.email });
  return { userId: owner.id, email: owner.email, ip: '127.0.0.1' };
}

/** Delivery as a shop in Pakistan sets it: Lahore and Karachi zones, standard everywhere, same-day in Lahore only. */
export const CITY_RATES: ShippingSettings = {
  zones: [
    { name: 'Lahore', cities: ['Lahore', 'Lahore Cantt'] },
    { name: 'Karachi', cities: ['Karachi'] },
  ],
  methods: [
    { code: 'standard', name: 'Standard delivery (3–5 days)', enabled: true, priceMinor: 30_000, zonePrices: [15_000, 20_000], freeFromMinor: 1_000_000 },
    { code: 'same-day', name: 'Same-day Lahore', enabled: true, priceMinor: null, zonePrices: [40_000, null], freeFromMinor: null },
    { code: 'express', name: 'Express delivery (1–2 days)', enabled: false, priceMinor: 60_000, zonePrices: [], freeFromMinor: null },
  ],
  cashOnDelivery: { feeMinor: 5_000, maxOrderMinor: 5_000_000 },
};

/** Saves delivery (and tax, when given) as the owner would in the panel. */
export async function setPricing(shop: Shop, shipping: ShippingSettings, tax?: TaxRule): Promise<void> {
  const actor = await ownerActor(shop);
  await shop.get(PricingSettings).saveShipping(shipping, actor);
  if (tax) await shop.get(PricingSettings).saveTax(tax, actor);
}

/** aCoupon(shop, { code: 'EID10', percentBasisPoints: 1000 }): a coupon on, for the whole order, with no limits unless given. */
export async function aCoupon(shop: Shop, terms: Partial<Omit<Coupon, 'id'>> & { code: string; categoryIds?: number[] }): Promise<Coupon> {
  const { categoryIds = [], ...fields } = terms;
  const kind = fields.kind ?? (fields.amountOffMinor ? CouponKind.Fixed : fields.percentBasisPoints ? CouponKind.Percent : CouponKind.FreeShipping);
  const coupons = shop.dataSource.getRepository(Coupon);
  const inserted = await coupons.insert({ active: true, ...fields, kind });
  const id = Number(inserted.identifiers[0].id);
  if (categoryIds.length > 0) await shop.dataSource.getRepository(CouponCategory).insert(categoryIds.map((categoryId) => ({ couponId: id, categoryId })));
  return coupons.findOneByOrFail({ id });
}

/** The id of the category with this address (aProduct's categorySlug). */
export async function categoryIdOf(shop: Shop, slug: string): Promise<number> {
  return (await shop.dataSource.getRepository(Category).findOneByOrFail({ slug })).id;
}
