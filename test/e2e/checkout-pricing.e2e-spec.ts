import { AddressBookService } from '../../src/auth/address-book.service.js';
import { User } from '../../src/auth/entities/user.entity.js';
import { Variant } from '../../src/catalog/entities/variant.entity.js';
import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { CouponUse } from '../../src/orders/coupons/coupon-use.entity.js';
import { Coupon, CouponKind } from '../../src/orders/coupons/coupon.entity.js';
import { OrderLine } from '../../src/orders/entities/order-line.entity.js';
import { Order, OrderStatus } from '../../src/orders/entities/order.entity.js';
import { OrdersService } from '../../src/orders/orders.service.js';
import { registerAndSignIn } from '../helpers/accounts.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkout, checkoutFormIn, DELIVERY } from '../helpers/journeys.js';
import { aCoupon, categoryIdOf, CITY_RATES, ownerActor, setPricing } from '../helpers/pricing.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The checkout page's summary and the order agree, whatever the form says: amounts come from the
 * server's prices and the owner's rules (Lahore and Karachi rates, 17% tax on top, a Rs 50 COD fee).
 */
describe('checkout totals: delivery by city, tax, coupons, COD', () => {
  let shop: TestShop;
  let kurta: ProductFixture;

  beforeAll(async () => {
    shop = await startShop();
    await setPricing(shop, CITY_RATES, { rateBasisPoints: 1700, inclusive: false });
    kurta = await aProduct(shop, { name: 'Ravi Kurta', priceMinor: 199_999, stock: 500 });
    await aCoupon(shop, { code: 'SAVE10', percentBasisPoints: 1000 });
  });
  afterAll(() => shop.close());

  const orders = () => shop.dataSource.getRepository(Order);
  const orderOf = (location: string | null) => orders().findOneByOrFail({ number: /\/orders\/([^/]+)\//.exec(location ?? '')?.[1] ?? '' });
  const aShopperWith = async (product: ProductFixture, quantity: number) => {
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, product, { quantity });
    return shopper;
  };
  /** "Update totals" without JavaScript: the form posted to /checkout/totals. */
  const updateTotals = async (shopper: Shopper, fields: Record<string, string>) => {
    const page = await shopper.get('/checkout');
    return shopper.post('/checkout/totals', { ...checkoutFormIn(page.html), ...DELIVERY, ...fields });
  };

  it('shows every total before the order is placed, places nothing on Update totals, and stores exactly those amounts', async () => {
    const shopper = await aShopperWith(kurta, 3);
    const before = await orders().count();

    const summary = await updateTotals(shopper, { couponCode: 'save10' });

    expect(summary.status).toBe(200);
    const text = textOf(summary.html);
    for (const row of [
      'Subtotal Rs 5,999.97',
      'Discount (SAVE10) −Rs 600',
      'Delivery (Standard delivery (3–5 days)) Rs 150',
      'Cash on delivery fee Rs 50',
      'Tax (17%) Rs 917.99',
      'Total Rs 6,517.96',
    ]) {
      expect(text).toContain(row);
    }
    expect(text).toContain('Coupon SAVE10 applied.');
    expect(await orders().count()).toBe(before);

    const placed = await shopper.post('/checkout', { ...checkoutFormIn(summary.html), ...DELIVERY, couponCode: 'save10' });

    expect(placed.status).toBe(303);
    const order = await orderOf(placed.location);
    expect(order).toMatchObject({
      subtotalMinor: 599_997,
      discountMinor: 60_000,
      shippingMinor: 15_000,
      codFeeMinor: 5_000,
      taxMinor: 91_799,
      taxRateBasisPoints: 1700,
      taxInclusive: false,
      totalMinor: 651_796,
      couponCode: 'SAVE10',
      shippingMethod: 'Standard delivery (3–5 days)',
    });
    expect(await shop.dataSource.getRepository(OrderLine).findBy({ orderId: order.id })).toEqual([
      expect.objectContaining({ unitPriceMinor: 199_999, quantity: 3, lineTotalMinor: 599_997, discountMinor: 60_000, taxMinor: 91_799 }),
    ]);
    const confirmation = textOf((await shopper.follow(placed)).html);
    for (const row of ['Discount (SAVE10) −Rs 600', 'Cash on delivery fee Rs 50', 'Tax (17%) Rs 917.99', 'Total Rs 6,517.96'])
      expect(confirmation).toContain(row);
    const email = await shop.dataSource.getRepository(OutboxMessage).findOneByOrFail({ subject: `Your Anarkali order ${order.number}` });
    for (const row of ['Discount (SAVE10)  −Rs 600', 'Cash on delivery fee  Rs 50', 'Tax (17%)  Rs 917.99', 'Total     Rs 6,517.96']) {
      expect(email.body.replace(/\u00a0/g, ' ')).toContain(row);
    }
  });

  it('charges the city’s own rate and offers a Lahore-only method only in Lahore', async () => {
    const shopper = await aShopperWith(kurta, 1);
    const karachi = textOf((await updateTotals(shopper, { city: 'Karachi' })).html);
    expect(karachi).toContain('Standard delivery (3–5 days) Rs 200');
    expect(karachi).not.toContain('Same-day Lahore');
    const refused = await checkout(shopper, { city: 'Karachi', shippingMethod: 'same-day' });
    expect(refused.status).toBe(422);
    expect(textOf(refused.html)).toContain('Please choose one of the delivery options offered for your city.');
    const placed = await checkout(shopper, { city: 'Lahore', shippingMethod: 'same-day' });
    expect(placed.status).toBe(303);
    expect(await orderOf(placed.location)).toMatchObject({ shippingMethod: 'Same-day Lahore', shippingMinor: 40_000 });
  });

  it('changes nothing for a tampered price, discount, delivery, tax or total field', async () => {
    const honest = await checkout(await aShopperWith(kurta, 2));
    const shopper = await aShopperWith(kurta, 2);
    const tampered = await checkout(shopper, {
      ...({ priceMinor: '1', unitPriceMinor: '1', discountMinor: '399998', shippingMinor: '0', taxMinor: '0', codFeeMinor: '0', totalMinor: '100' } as object),
    });
    expect(tampered.status).toBe(303);
    const [fair, forged] = [await orderOf(honest.location), await orderOf(tampered.location)];
    const amounts = (order: Order) => [order.subtotalMinor, order.discountMinor, order.shippingMinor, order.codFeeMinor, order.taxMinor, order.totalMinor];
    expect(amounts(forged)).toEqual(amounts(fair));
    expect(amounts(fair)).toEqual([399_998, 0, 15_000, 5_000, 68_000, 487_998]);
  });

  it('refuses each kind of unusable code with its reason, keeping the rest of the form and placing nothing', async () => {
    const now = Date.now();
    await aCoupon(shop, { code: 'OLD', percentBasisPoints: 1000, endsAt: new Date(now - DAY) });
    await aCoupon(shop, { code: 'SOON', percentBasisPoints: 1000, startsAt: new Date(now + DAY) });
    await aCoupon(shop, { code: 'GONE', percentBasisPoints: 1000, maxUses: 3, usesCount: 3 });
    await aCoupon(shop, { code: 'BIG', amountOffMinor: 50_000, minSubtotalMinor: 1_000_000 });
    await aCoupon(shop, { code: 'OFF', percentBasisPoints: 1000, active: false });
    const other = await aProduct(shop, { name: 'Other Shawl' });
    const otherCategory = await categoryIdOf(shop, other.categorySlug);
    await aCoupon(shop, { code: 'SHAWLS', percentBasisPoints: 1000, categoryIds: [otherCategory] });
    const shopper = await aShopperWith(kurta, 1);
    const ordersBefore = await orders().count();
    const reasons: [string, string][] = [
      ['NOPE', 'We do not know the code “NOPE”. Please check it.'],
      ['OFF', 'We do not know the code “OFF”.'],
      ['OLD', 'The code “OLD” expired on'],
      ['SOON', 'The code “SOON” can be used from'],
      ['GONE', 'The code “GONE” has been used up.'],
      ['BIG', 'The code “BIG” needs items worth at least Rs 10,000 in your cart.'],
      ['SHAWLS', 'The code “SHAWLS” is for other categories than the items in your cart.'],
    ];
    for (const [code, reason] of reasons) {
      const refused = await checkout(shopper, { couponCode: code, fullName: 'Sana Kept' });
      expect({ code, status: refused.status }).toEqual({ code, status: 422 });
      expect(textOf(refused.html)).toContain(reason);
      expect(refused.html).toContain('value="Sana Kept"');
      expect(refused.html).toContain(`value="${code}"`);
      expect(refused.html).toContain('aria-describedby="couponCode-error"');
    }
    expect(await orders().count()).toBe(ordersBefore);
  });

  it('holds uses per customer by email for guests and by account for customers, and a cancelled order gives its use back', async () => {
    const coupon = await aCoupon(shop, { code: 'ONCE', amountOffMinor: 10_000, maxUsesPerCustomer: 1 });
    const first = await checkout(await aShopperWith(kurta, 1), { couponCode: 'ONCE', email: 'sana@example.test' });
    expect(first.status).toBe(303);
    const again = await checkout(await aShopperWith(kurta, 1), { couponCode: 'ONCE', email: 'SANA@example.test' });
    expect(again.status).toBe(422);
    expect(textOf(again.html)).toContain('You have already used the code “ONCE” as many times as it allows.');

    const customer = new Shopper(shop.baseUrl);
    await registerAndSignIn(customer, { name: 'Hina Account', email: 'hina@example.test', password: 'hina-password-123' });
    await addToCart(customer, kurta);
    expect((await checkout(customer, { couponCode: 'ONCE', email: 'hina@example.test' })).status).toBe(303);
    await addToCart(customer, kurta);
    // Another email on the same account is the same customer.
    const sameAccount = await checkout(customer, { couponCode: 'ONCE', email: 'hina.other@example.test' });
    expect(sameAccount.status).toBe(422);

    const firstOrder = await orderOf(first.location);
    await shop.get(OrdersService).changeStatus(firstOrder.number, OrderStatus.Cancelled, await ownerActor(shop));
    expect(await shop.dataSource.getRepository(CouponUse).countBy({ orderId: firstOrder.id })).toBe(0);
    expect((await shop.dataSource.getRepository(Coupon).findOneByOrFail({ id: coupon.id })).usesCount).toBe(1);
    expect((await checkout(await aShopperWith(kurta, 1), { couponCode: 'ONCE', email: 'sana@example.test' })).status).toBe(303);
  });

  it('gives free delivery with a free-delivery coupon and above the method’s threshold', async () => {
    await aCoupon(shop, { code: 'SHIPFREE', kind: CouponKind.FreeShipping });
    const withCoupon = textOf((await updateTotals(await aShopperWith(kurta, 1), { couponCode: 'SHIPFREE' })).html);
    expect(withCoupon).toContain('Delivery (Standard delivery (3–5 days)) Free');
    const aboveThreshold = textOf((await updateTotals(await aShopperWith(kurta, 6), {})).html);
    expect(aboveThreshold).toContain('Delivery (Standard delivery (3–5 days)) Free');
  });

  it('points out a price that changed since the page was shown, placing nothing until the shopper has seen it', async () => {
    const product = await aProduct(shop, { name: 'Chenab Dupatta', priceMinor: 100_000 });
    const shopper = await aShopperWith(product, 1);
    const page = await shopper.get('/checkout');
    await shop.dataSource.getRepository(Variant).update({ id: product.variantIds[0] }, { priceMinor: 120_000 });

    const refused = await shopper.post('/checkout', { ...checkoutFormIn(page.html), ...DELIVERY });

    expect(refused.status).toBe(409);
    const text = textOf(refused.html);
    expect(text).toContain('Chenab Dupatta (M / Indigo) now costs Rs 1,200 (it was Rs 1,000).');
    expect(text).toContain('Subtotal Rs 1,200');
    const placed = await shopper.post('/checkout', { ...checkoutFormIn(refused.html), ...DELIVERY });
    expect(placed.status).toBe(303);
    expect((await orderOf(placed.location)).subtotalMinor).toBe(120_000);
  });

  it('fills a saved address with "Use this address" (without JavaScript), saves a new one when asked, and never reads another’s', async () => {
    const customer = new Shopper(shop.baseUrl);
    await registerAndSignIn(customer, { name: 'Zara Book', email: 'zara@example.test', password: 'zara-password-123' });
    const userId = (await shop.dataSource.getRepository(User).findOneByOrFail({ email: 'zara@example.test' })).id;
    const book = shop.get(AddressBookService);
    await book.add(userId, { fullName: 'Zara at work', phone: '0300 5556667', address: '9 II Chundrigar Road', city: 'Karachi', postalCode: '74000' }, false);
    const [saved] = await book.list(userId);
    await addToCart(customer, kurta);

    const filled = await customer.post('/checkout/totals', {
      ...checkoutFormIn((await customer.get('/checkout')).html),
      intent: 'useAddress',
      savedAddress: String(saved.id),
    });

    expect(filled.status).toBe(200);
    for (const value of ['Zara at work', '9 II Chundrigar Road', 'Karachi', '74000']) expect(filled.html).toContain(`value="${value}"`);
    expect(textOf(filled.html)).toContain('Standard delivery (3–5 days) Rs 200');
    const stranger = new Shopper(shop.baseUrl);
    await registerAndSignIn(stranger, { name: 'Not Zara', email: 'notzara@example.test', password: 'notzara-password-123' });
    await addToCart(stranger, kurta);
    const peek = await stranger.post('/checkout/totals', {
      ...checkoutFormIn((await stranger.get('/checkout')).html),
      intent: 'useAddress',
      savedAddress: String(saved.id),
    });
    expect(peek.status).toBe(404);

    const placed = await checkout(customer, { email: 'zara@example.test', address: '4 Blue Area', city: 'Islamabad', postalCode: '44000', saveAddress: '1' });
    expect(placed.status).toBe(303);
    expect(textOf((await customer.follow(placed)).html)).toContain('The address was saved in your address book.');
    expect((await book.list(userId)).map((address) => address.city)).toEqual(['Karachi', 'Islamabad']);
  });

  it('does not offer cash on delivery above the owner’s maximum', async () => {
    const gown = await aProduct(shop, { name: 'Bridal Gown', priceMinor: 300_000, stock: 50 });
    const shopper = await aShopperWith(gown, 20);
    const page = await updateTotals(shopper, {});
    expect(textOf(page.html)).toContain('No way of paying is open to this order.');
    expect(page.html).not.toContain('name="paymentMethod" value="cod"');
    const refused = await checkout(shopper);
    expect(refused.status).toBe(422);
    expect(textOf(refused.html)).toContain('Cash on delivery is for orders up to Rs 50,000. Please choose another way to pay.');
  });
});
