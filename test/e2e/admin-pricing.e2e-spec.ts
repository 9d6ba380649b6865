import { AuditEntry } from '../../src/audit/entities/audit-entry.entity.js';
import { Coupon, CouponKind } from '../../src/orders/coupons/coupon.entity.js';
import { CouponCategory } from '../../src/orders/coupons/coupon-category.entity.js';
import { PricingSettings } from '../../src/orders/pricing/pricing-settings.service.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart } from '../helpers/journeys.js';
import { categoryIdOf } from '../helpers/pricing.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { addStaffMember, signedInOwner } from '../helpers/staff.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

/** The owner's pricing screens: delivery zones and methods, tax, and coupons (which staff may manage too). */
describe('delivery, tax and coupons in the admin panel', () => {
  let shop: TestShop;
  let owner: Shopper;
  let staff: Shopper;

  beforeAll(async () => {
    shop = await startShop();
    owner = await signedInOwner(shop);
    staff = await addStaffMember(shop, owner, { name: 'Bilal Staff', email: 'bilal@anarkali.test', password: 'staff-password-123' });
  });
  afterAll(() => shop.close());

  const audit = (action: string) => shop.dataSource.getRepository(AuditEntry).find({ where: { action }, order: { id: 'ASC' } });

  it('shows the two delivery methods the shop always had until the owner saves others', async () => {
    const page = await owner.get('/admin/settings/shipping');
    expect(page.status).toBe(200);
    expect(page.html).toContain('value="Standard delivery (3–5 days)"');
    expect(page.html).toContain('value="250.00"');
    expect(page.html).toContain('value="5,000.00"');
    expect(page.html).toContain('value="Express delivery (1–2 days)"');
  });

  it('saves zones, a per-zone rate, a local-only method and the COD terms; checkout offers only what reaches the city', async () => {
    const saved = await owner.submit('/admin/settings/shipping', '/admin/settings/shipping', {
      zoneName_0: 'Lahore',
      zoneCities_0: 'Lahore, Lahore Cantt',
      zoneName_1: 'Karachi',
      zoneCities_1: 'Karachi',
      methodCode_0: 'standard',
      methodName_0: 'Standard delivery (3–5 days)',
      methodEnabled_0: '1',
      methodPrice_0: '300',
      methodZone_0_0: '150',
      methodZone_0_1: '200',
      methodFreeFrom_0: '10,000',
      methodCode_1: 'express',
      methodName_1: 'Express delivery (1–2 days)',
      methodPrice_1: '600',
      methodName_2: 'Same-day Lahore',
      methodEnabled_2: '1',
      methodZone_2_0: '400',
      codFee: '50',
      codMaxOrder: '50,000',
    });
    expect(saved.status).toBe(303);
    expect(textOf((await owner.follow(saved)).html)).toContain('The delivery settings were saved.');

    const rules = await shop.get(PricingSettings).current();
    expect(rules.zones).toEqual([
      { name: 'Lahore', cities: ['Lahore', 'Lahore Cantt'] },
      { name: 'Karachi', cities: ['Karachi'] },
    ]);
    expect(rules.methods).toEqual([
      { code: 'standard', name: 'Standard delivery (3–5 days)', enabled: true, priceMinor: 30_000, zonePrices: [15_000, 20_000], freeFromMinor: 1_000_000 },
      { code: 'express', name: 'Express delivery (1–2 days)', enabled: false, priceMinor: 60_000, zonePrices: [null, null], freeFromMinor: null },
      { code: 'same-day-lahore', name: 'Same-day Lahore', enabled: true, priceMinor: null, zonePrices: [40_000, null], freeFromMinor: null },
    ]);
    expect(rules.cashOnDelivery).toEqual({ feeMinor: 5_000, maxOrderMinor: 5_000_000 });
    expect((await audit('setting.changed')).map((entry) => entry.subjectId)).toEqual(
      expect.arrayContaining(['shipping_zones', 'shipping_methods', 'cod_fee_minor', 'cod_max_order_minor']),
    );

    const product = await aProduct(shop, { priceMinor: 200_000 });
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, product);
    const lahore = textOf((await shopper.post('/checkout/totals', { _csrf: await csrfOf(shopper), city: 'lahore cantt', paymentMethod: 'cod' })).html);
    expect(lahore).toContain('Standard delivery (3–5 days) Rs 150');
    expect(lahore).toContain('Same-day Lahore Rs 400');
    expect(lahore).not.toContain('Express delivery');
    const quetta = textOf((await shopper.post('/checkout/totals', { _csrf: await csrfOf(shopper), city: 'Quetta', paymentMethod: 'cod' })).html);
    expect(quetta).toContain('Standard delivery (3–5 days) Rs 300');
    expect(quetta).not.toContain('Same-day Lahore');
    expect(quetta).toContain('Cash on delivery fee Rs 50');
    // The help page states the same prices.
    const help = textOf((await shopper.get('/pages/shipping')).html);
    expect(help).toContain('Standard delivery (3–5 days) Lahore: Rs 150; Karachi: Rs 200; Elsewhere in Pakistan: Rs 300 — free on orders from Rs 10,000');
  });

  it('refuses a delivery form with a message at each field, keeping what was typed and saving nothing', async () => {
    const before = await shop.get(PricingSettings).current();
    const refused = await owner.submit('/admin/settings/shipping', '/admin/settings/shipping', {
      zoneName_0: 'Islamabad',
      methodCode_0: 'standard',
      methodName_0: 'Standard delivery (3–5 days)',
      methodEnabled_0: '1',
      methodPrice_0: 'cheap',
      codFee: '50',
    });
    expect(refused.status).toBe(422);
    const text = textOf(refused.html);
    expect(text).toContain('Please list the cities of this zone');
    expect(text).toContain('Please enter an amount such as 250');
    expect(refused.html).toContain('value="Islamabad"');
    expect(refused.html).toContain('value="cheap"');
    expect(await shop.get(PricingSettings).current()).toEqual(before);

    const allOff = await owner.submit('/admin/settings/shipping', '/admin/settings/shipping', { methodName_0: 'Standard', methodPrice_0: '250' });
    expect(allOff.status).toBe(422);
    expect(textOf(allOff.html)).toContain('Please keep at least one delivery method switched on');
  });

  it('saves the tax rate and whether prices include it, refusing a rate that is no percent', async () => {
    expect((await owner.get('/admin/settings/tax')).status).toBe(200);
    const refused = await owner.submit('/admin/settings/tax', '/admin/settings/tax', { rate: '117', prices: 'inclusive' });
    expect(refused.status).toBe(422);
    expect(textOf(refused.html)).toContain('Please enter a rate from 0 to 100 percent');
    expect(refused.html).toContain('value="117"');

    const saved = await owner.submit('/admin/settings/tax', '/admin/settings/tax', { rate: '17.5', prices: 'inclusive' });
    expect(saved.status).toBe(303);
    expect((await shop.get(PricingSettings).current()).tax).toEqual({ rateBasisPoints: 1750, inclusive: true });
    expect((await audit('setting.changed')).filter((entry) => entry.subjectId === 'tax_rate_bp').map((entry) => entry.after)).toEqual(['{"value":"1750"}']);
    await owner.submit('/admin/settings/tax', '/admin/settings/tax', { rate: '0', prices: 'exclusive' });
  });

  it('keeps delivery and tax settings to the owner: staff are refused', async () => {
    for (const path of ['/admin/settings/shipping', '/admin/settings/tax']) expect((await staff.get(path)).status).toBe(403);
    expect((await staff.post('/admin/settings/tax', { _csrf: await csrfOf(staff, '/admin/coupons'), rate: '1', prices: 'exclusive' })).status).toBe(403);
  });

  it('lets staff make and edit a coupon for categories, audited, and refuses a taken code or a percent coupon without its percent', async () => {
    const kurtas = await aProduct(shop, { name: 'Coupon Kurta' });
    const categoryId = await categoryIdOf(shop, kurtas.categorySlug);
    const eid = {
      code: 'eid10',
      kind: 'percent',
      percent: '10',
      amount: '',
      minSubtotal: '2,000',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      maxUses: '100',
      maxUsesPerCustomer: '1',
      categoryIds: String(categoryId),
      active: '1',
    };
    const made = await staff.submit('/admin/coupons/new', '/admin/coupons', eid);
    expect(made.status).toBe(303);
    const coupon = await shop.dataSource.getRepository(Coupon).findOneByOrFail({ code: 'EID10' });
    expect(coupon).toMatchObject({
      kind: CouponKind.Percent,
      percentBasisPoints: 1000,
      minSubtotalMinor: 200_000,
      maxUses: 100,
      maxUsesPerCustomer: 1,
      active: true,
    });
    expect(await shop.dataSource.getRepository(CouponCategory).findBy({ couponId: coupon.id })).toEqual([{ couponId: coupon.id, categoryId }]);
    const list = textOf((await staff.get('/admin/coupons')).html);
    expect(list).toContain('EID10');
    expect(list).toContain('0 of 100');

    const edit = await staff.get(`/admin/coupons/${coupon.id}`);
    expect(edit.html).toContain('value="2026-12-31"');
    const saved = await staff.submit(`/admin/coupons/${coupon.id}`, `/admin/coupons/${coupon.id}`, { ...eid, code: 'EID10', percent: '15' });
    expect(saved.status).toBe(303);
    const [created, updated] = [await audit('coupon.created'), await audit('coupon.updated')];
    expect(created).toHaveLength(1);
    expect(updated.map((entry) => [entry.subjectId, entry.before, entry.after])).toEqual([
      ['EID10', '{"percentBasisPoints":1000}', '{"percentBasisPoints":1500}'],
    ]);

    const taken = await owner.submit('/admin/coupons/new', '/admin/coupons', {
      code: 'Eid10',
      kind: 'fixed',
      amount: '500',
      percent: '',
      minSubtotal: '',
      startsOn: '',
      endsOn: '',
      maxUses: '',
      maxUsesPerCustomer: '',
    });
    expect(taken.status).toBe(422);
    expect(textOf(taken.html)).toContain('The code EID10 is taken by another coupon.');
    expect(taken.html).toContain('value="500"');
    const blank = { code: 'HALF', kind: 'percent', percent: '', amount: '', minSubtotal: '', startsOn: '', endsOn: '', maxUses: '', maxUsesPerCustomer: '' };
    const noPercent = await owner.submit('/admin/coupons/new', '/admin/coupons', blank);
    expect(noPercent.status).toBe(422);
    expect(textOf(noPercent.html)).toContain('Please enter a percent from 0.01 to 100');
    const noUses = await owner.submit('/admin/coupons/new', '/admin/coupons', {
      ...blank,
      percent: '50',
      maxUses: '0',
      startsOn: '2026-02-01',
      endsOn: '2026-01-01',
    });
    expect(noUses.status).toBe(422);
    expect(textOf(noUses.html)).toContain('Please enter a whole number from 1');
    expect(await shop.dataSource.getRepository(Coupon).countBy({ code: 'HALF' })).toBe(0);
    expect((await owner.get('/admin/coupons/999999')).status).toBe(404);
  });

  async function csrfOf(shopper: Shopper, path = '/checkout'): Promise<string> {
    const match = /name="_csrf" value="([^"]+)"/.exec((await shopper.get(path)).html);
    return match?.[1] ?? '';
  }
});
