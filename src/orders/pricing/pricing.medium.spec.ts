import { aCart, aProduct } from '../../../test/helpers/factories.js';
import { DELIVERY } from '../../../test/helpers/journeys.js';
import { aCoupon, categoryIdOf, ownerActor, setPricing } from '../../../test/helpers/pricing.js';
import { serviceModule, type ServiceModule } from '../../../test/helpers/service-module.js';
import { CatalogEditor } from '../../catalog/catalog-editor.service.js';
import { Product } from '../../catalog/entities/product.entity.js';
import { CouponUse } from '../coupons/coupon-use.entity.js';
import { Coupon } from '../coupons/coupon.entity.js';
import type { CheckoutForm } from '../dto/checkout.form.js';
import { OrderLine } from '../entities/order-line.entity.js';
import { OrderStatus, PaymentMethod } from '../entities/order.entity.js';
import { CheckoutRefusedError } from '../orders.errors.js';
import { OrdersModule } from '../orders.module.js';
import { OrdersService } from '../orders.service.js';
import { DEFAULT_PRICING_RULES } from './pricing-rules.js';

/**
 * The pricing rules where the database has a say: a coupon's categories read from the category tree,
 * the amounts stored on the order and its lines, and coupon uses taken under concurrency, on the
 * driver this run uses (SQLite, or MariaDB when DATABASE_URL points at it).
 */
describe('pricing an order on a real database', () => {
  let services: ServiceModule;
  let orders: OrdersService;

  beforeAll(async () => {
    services = await serviceModule(OrdersModule);
    orders = services.get(OrdersService);
  });
  afterAll(() => services.close());

  const withCoupon = (couponCode?: string, email = DELIVERY.email): CheckoutForm => ({
    ...DELIVERY,
    email,
    couponCode,
    paymentMethod: PaymentMethod.CashOnDelivery,
  });
  const linesOf = (orderId: number) => services.dataSource.getRepository(OrderLine).find({ where: { orderId }, order: { id: 'ASC' } });
  const usesOf = async (code: string) => (await services.dataSource.getRepository(Coupon).findOneByOrFail({ code })).usesCount;

  it('discounts, with a coupon for a category, the items of its sub-categories too and nothing else', async () => {
    const parent = await services.get(CatalogEditor).createCategory({ slug: 'women', name: 'Women', position: 90 });
    const child = await services.get(CatalogEditor).createCategory({ slug: 'women-kurtas', name: 'Kurtas', position: 0, parentId: parent.id });
    const [kurta, shawl] = [await aProduct(services, { priceMinor: 300_000 }), await aProduct(services, { priceMinor: 100_000 })];
    await services.dataSource.getRepository(Product).update({ slug: kurta.slug }, { categoryId: child.id });
    await aCoupon(services, { code: 'WOMEN20', percentBasisPoints: 2000, categoryIds: [parent.id] });

    const order = await orders.placeOrder(
      await aCart(services, [
        [kurta, 1],
        [shawl, 2],
      ]),
      withCoupon('women20'),
      null,
    );

    expect((await linesOf(order.id)).map((line) => [line.lineTotalMinor, line.discountMinor])).toEqual([
      [300_000, 60_000],
      [200_000, 0],
    ]);
    expect(order).toMatchObject({ subtotalMinor: 500_000, discountMinor: 60_000, couponCode: 'WOMEN20', shippingMinor: 25_000, totalMinor: 465_000 });
    expect(await categoryIdOf(services, shawl.categorySlug)).not.toBe(parent.id);
  });

  it('stores each line’s tax and their sum; prices that include tax do not add it to the total', async () => {
    await setPricing(services, { ...DEFAULT_PRICING_RULES, cashOnDelivery: { feeMinor: 0, maxOrderMinor: null } }, { rateBasisPoints: 1700, inclusive: true });
    const [a, b] = [await aProduct(services, { priceMinor: 11_700 }), await aProduct(services, { priceMinor: 1_000 })];

    const order = await orders.placeOrder(
      await aCart(services, [
        [a, 1],
        [b, 3],
      ]),
      withCoupon(),
      null,
    );

    const lines = await linesOf(order.id);
    expect(lines.map((line) => line.taxMinor)).toEqual([1_700, 436]); // 3,000 × 17/117 = 435.897…
    expect(order).toMatchObject({ taxMinor: 2_136, taxRateBasisPoints: 1700, taxInclusive: true, subtotalMinor: 14_700, totalMinor: 14_700 + 25_000 });
    await setPricing(services, { ...DEFAULT_PRICING_RULES }, { rateBasisPoints: 0, inclusive: false });
  });

  it('takes a limited coupon’s uses with a conditional update: of five orders at once, two have it', async () => {
    const product = await aProduct(services, { stock: 50 });
    await aCoupon(services, { code: 'TWICE', amountOffMinor: 10_000, maxUses: 2 });
    const carts = await Promise.all(Array.from({ length: 5 }, () => aCart(services, [[product, 1]])));

    const outcomes = await Promise.allSettled(carts.map((cartId, i) => orders.placeOrder(cartId, withCoupon('TWICE', `buyer${i}@example.test`), null)));

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(2);
    const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    // Refused at the conditional update, or, once the second use has committed, already when priced.
    for (const reason of refusals) expect(reason instanceof CheckoutRefusedError && reason.fields.couponCode).toBe('The code “TWICE” has been used up.');
    expect(await usesOf('TWICE')).toBe(2);
  });

  it('holds one customer to their limit when they race two orders, and gives a use back once per cancelled order', async () => {
    const product = await aProduct(services, { stock: 50 });
    await aCoupon(services, { code: 'MINE', amountOffMinor: 10_000, maxUsesPerCustomer: 1 });
    const carts = [await aCart(services, [[product, 1]]), await aCart(services, [[product, 1]])];

    const outcomes = await Promise.allSettled(carts.map((cartId) => orders.placeOrder(cartId, withCoupon('MINE', 'same@example.test'), null)));

    const placed = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(placed).toHaveLength(1);
    expect(await usesOf('MINE')).toBe(1);
    const owner = await ownerActor(services);
    await orders.changeStatus(placed[0].number, OrderStatus.Cancelled, owner);
    expect(await usesOf('MINE')).toBe(0);
    expect(await services.dataSource.getRepository(CouponUse).countBy({ orderId: placed[0].id })).toBe(0);
  });
});
