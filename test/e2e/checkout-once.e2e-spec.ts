import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { InventoryService } from '../../src/catalog/inventory.service.js';
import { CouponUse } from '../../src/orders/coupons/coupon-use.entity.js';
import { Coupon } from '../../src/orders/coupons/coupon.entity.js';
import { Order } from '../../src/orders/entities/order.entity.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkout, checkoutFormIn, DELIVERY } from '../helpers/journeys.js';
import { orderFootprint } from '../helpers/order-footprint.js';
import { aCoupon } from '../helpers/pricing.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

/** One checkout form places one order, however often and however fast it is submitted; contention is a 503, never a 500. */
describe('one order per checkout', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.close());
  afterEach(() => jest.restoreAllMocks());

  const orders = () => shop.dataSource.getRepository(Order);
  const numberIn = (location: string | null) => /^\/orders\/(AK-[A-Z0-9]+)\/confirmation$/.exec(location ?? '')?.[1];
  const aShopperWith = async (product: ProductFixture, quantity = 1) => {
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, product, { quantity });
    return shopper;
  };

  it('answers a second submit of the same form (a double click, a retry, back and resubmit) with the order it placed', async () => {
    const product = await aProduct(shop, { stock: 10 });
    const shopper = await aShopperWith(product, 2);
    const form = { ...checkoutFormIn((await shopper.get('/checkout')).html), ...DELIVERY };

    const first = await shopper.post('/checkout', form);
    const again = await shopper.post('/checkout', form);

    expect(first.status).toBe(303);
    expect(again.status).toBe(303);
    expect(again.location).toBe(first.location);
    expect(await orders().countBy({ checkoutKey: form.checkoutKey })).toBe(1);
    expect(await shop.get(InventoryService).stockOf(product.variantIds[0])).toBe(8);
    const confirmation = await shopper.follow(again);
    expect(confirmation.status).toBe(200);
    expect(textOf(confirmation.html)).toContain(`Your order number is ${numberIn(first.location)}`);
  });

  it('places one order for 20 simultaneous submits of one form, and all 20 answers name it', async () => {
    const product = await aProduct(shop, { stock: 10 });
    const shopper = await aShopperWith(product, 3);
    const form = { ...checkoutFormIn((await shopper.get('/checkout')).html), ...DELIVERY };
    const footprintBefore = await orderFootprint(shop.dataSource, [product]);

    const answers = await Promise.all(Array.from({ length: 20 }, () => shopper.post('/checkout', form)));

    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(303));
    const numbers = new Set(answers.map((answer) => numberIn(answer.location)));
    expect(numbers.size).toBe(1);
    const [number] = numbers;
    expect(number).toBeDefined();
    const after = await orderFootprint(shop.dataSource, [product]);
    expect(after).toMatchObject({ orders: footprintBefore.orders + 1, orderLines: footprintBefore.orderLines + 1, stock: [7], unitsSold: [3] });
    expect(textOf((await shopper.get(`/orders/${number}/confirmation`)).html)).toContain(`Your order number is ${number}`);
  });

  it('refuses another session’s form as out of date, placing nothing and never showing that order', async () => {
    const product = await aProduct(shop, { stock: 10 });
    const owner = await aShopperWith(product);
    const form = { ...checkoutFormIn((await owner.get('/checkout')).html), ...DELIVERY };
    const placed = await owner.post('/checkout', form);
    const number = numberIn(placed.location) as string;
    const stranger = await aShopperWith(product);
    const strangersPage = checkoutFormIn((await stranger.get('/checkout')).html);
    const countBefore = await orders().count();

    const replayed = await stranger.post('/checkout', { ...form, _csrf: strangersPage._csrf });

    expect(replayed.status).toBe(409);
    expect(textOf(replayed.html)).toContain('This checkout page is out of date. Please check your order and place it again.');
    expect(replayed.html).not.toContain(number);
    expect(await orders().count()).toBe(countBefore);
    expect((await stranger.get(`/orders/${number}/confirmation`)).status).toBe(404);
    // The page they were given carries a key of their own, which places their order.
    const theirs = await stranger.post('/checkout', { ...checkoutFormIn(replayed.html), ...DELIVERY });
    expect(theirs.status).toBe(303);
    expect(numberIn(theirs.location)).not.toBe(number);
  });

  it('makes a new key once the order has emptied the cart: the next checkout is a new order', async () => {
    const product = await aProduct(shop, { stock: 10 });
    const shopper = await aShopperWith(product);
    const firstKey = checkoutFormIn((await shopper.get('/checkout')).html).checkoutKey;
    const first = await checkout(shopper);
    expect((await shopper.get('/checkout')).location).toBe('/cart');
    await addToCart(shopper, product);
    const secondKey = checkoutFormIn((await shopper.get('/checkout')).html).checkoutKey;
    expect(secondKey).not.toBe(firstKey);
    const second = await checkout(shopper);
    expect(second.status).toBe(303);
    expect(second.location).not.toBe(first.location);
  });

  it('lets exactly one of 20 shoppers racing for a single-use coupon have it; the others are told it is used up', async () => {
    const product = await aProduct(shop, { stock: 100 });
    const coupon = await aCoupon(shop, { code: 'ONLYONE', amountOffMinor: 50_000, maxUses: 1 });
    const shoppers = await Promise.all(Array.from({ length: 20 }, () => aShopperWith(product)));
    const forms = await Promise.all(shoppers.map(async (shopper) => checkoutFormIn((await shopper.get('/checkout')).html)));

    const answers = await Promise.all(
      shoppers.map((shopper, i) => shopper.post('/checkout', { ...forms[i], ...DELIVERY, email: `racer${i}@example.test`, couponCode: 'ONLYONE' })),
    );

    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 303)).toHaveLength(1);
    expect(statuses.filter((status) => status === 422)).toHaveLength(19);
    for (const refused of answers.filter((answer) => answer.status === 422)) expect(textOf(refused.html)).toContain('The code “ONLYONE” has been used up.');
    expect((await shop.dataSource.getRepository(Coupon).findOneByOrFail({ id: coupon.id })).usesCount).toBe(1);
    expect(await shop.dataSource.getRepository(CouponUse).countBy({ couponId: coupon.id })).toBe(1);
    expect(await orders().countBy({ couponCode: 'ONLYONE' })).toBe(1);
    expect(await shop.get(InventoryService).stockOf(product.variantIds[0])).toBe(99);
  });

  it('answers "please try again" (503 with Retry-After) when every try loses to a deadlock, keeping the cart and placing nothing', async () => {
    const product = await aProduct(shop, { stock: 10, name: 'Deadlocked Kurta' });
    const shopper = await aShopperWith(product);
    const before = await orderFootprint(shop.dataSource, [product]);
    const deadlock = Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { errno: 1213, code: 'ER_LOCK_DEADLOCK' });
    const taking = jest.spyOn(InventoryService.prototype, 'takeForOrder').mockRejectedValue(deadlock);
    // A 503 is expected under load: logged as a warning naming the cause, never as a failure with a stack.
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const failed = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    const answer = await checkout(shopper);

    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(textOf(answer.html)).toContain('The shop is very busy right now, and nothing was changed. Please try again in a moment.');
    expect(taking).toHaveBeenCalledTimes(3);
    expect(warned).toHaveBeenCalledWith(expect.objectContaining({ event: 'request_unavailable', path: '/checkout' }));
    expect(failed).not.toHaveBeenCalledWith(expect.objectContaining({ event: 'request_failed' }), expect.anything());
    expect(await orderFootprint(shop.dataSource, [product])).toEqual(before);
    expect(textOf((await shopper.get('/cart')).html)).toContain('Deadlocked Kurta');

    taking.mockRestore();
    expect((await checkout(shopper)).status).toBe(303);
  });

  it('answers 503 too when a lock wait times out every time', async () => {
    const product = await aProduct(shop, { stock: 10 });
    const shopper = await aShopperWith(product);
    const waited = Object.assign(new Error('Lock wait timeout exceeded; try restarting transaction'), { errno: 1205, code: 'ER_LOCK_WAIT_TIMEOUT' });
    jest.spyOn(InventoryService.prototype, 'takeForOrder').mockRejectedValue(waited);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    const answer = await checkout(shopper);

    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
  });
});
