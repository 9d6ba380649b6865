import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { aCart, aProduct, type ProductFixture } from '../../../test/helpers/factories.js';
import { DELIVERY } from '../../../test/helpers/journeys.js';
import { serviceModule, type ServiceModule } from '../../../test/helpers/service-module.js';
import { OWNER } from '../../../test/helpers/test-shop.js';
import type { Actor } from '../../audit/actor.js';
import { User } from '../../auth/entities/user.entity.js';
import { Variant } from '../../catalog/entities/variant.entity.js';
import { Order, PaymentMethod } from '../entities/order.entity.js';
import { OrdersModule } from '../orders.module.js';
import { OrdersService } from '../orders.service.js';
import { OrderPayment } from './entities/order-payment.entity.js';
import { PaymentRefund } from './entities/payment-refund.entity.js';
import { PaymentStatus } from './payment-status.js';
import { RefundRefusedError } from './payments.errors.js';
import { PaymentsService } from './payments.service.js';
import { Refunds } from './refunds.service.js';

/**
 * The refund rules where the database can disagree: never more than was paid, even when two refunds
 * race; units back on the shelf for a full refund of an unsent order, and for a partial one only when
 * asked. Cash on delivery, collected, needs no provider: its refunds are recorded as given back by hand.
 */
describe('Refunds on a real database', () => {
  let services: ServiceModule;
  let sut: Refunds;
  let owner: Actor;

  beforeAll(async () => {
    services = await serviceModule(OrdersModule);
    sut = services.get(Refunds);
    owner = { userId: (await repository(User).findOneByOrFail({ email: OWNER.email })).id, email: OWNER.email, ip: '203.0.113.7' };
  });
  afterAll(() => services.close());

  const repository = <T extends ObjectLiteral>(entity: EntityTarget<T>) => services.dataSource.getRepository(entity);
  const stockOf = async (product: ProductFixture) => (await repository(Variant).findOneByOrFail({ id: product.variantIds[0] })).stock;

  /** A cash-on-delivery order of `quantity`, its cash collected (the payment paid). */
  async function aPaidOrder(product: ProductFixture, quantity: number): Promise<Order> {
    const order = await services
      .get(OrdersService)
      .placeOrder(await aCart(services, [[product, quantity]]), { ...DELIVERY, paymentMethod: PaymentMethod.CashOnDelivery }, null);
    await services.get(PaymentsService).begin(order);
    await repository(OrderPayment).update({ orderId: order.id }, { status: PaymentStatus.Paid });
    return order;
  }

  it('lets exactly one of two refunds of 60% each through when they race', async () => {
    const kurta = await aProduct(services, { stock: 5, priceMinor: 500_000 });
    const order = await aPaidOrder(kurta, 2);
    const sixtyPercent = Math.round(order.totalMinor * 0.6);

    const outcomes = await Promise.allSettled([1, 2].map(() => sut.refund(order.number, { amountMinor: sixtyPercent, restock: false, reason: null }, owner)));

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(RefundRefusedError);
    expect(await repository(OrderPayment).findOneByOrFail({ orderId: order.id })).toMatchObject({ refundedMinor: sixtyPercent, status: 'partially_refunded' });
    expect(await repository(PaymentRefund).countBy({ orderPaymentId: (await repository(OrderPayment).findOneByOrFail({ orderId: order.id })).id })).toBe(1);
  });

  it('restocks a partial refund only when asked, and a full refund of an unsent order always', async () => {
    const kurta = await aProduct(services, { stock: 6, priceMinor: 300_000 });
    const order = await aPaidOrder(kurta, 3);
    expect(await stockOf(kurta)).toBe(3);

    await sut.refund(order.number, { amountMinor: 10_000, restock: false, reason: 'Loose button' }, owner);
    expect(await stockOf(kurta)).toBe(3);
    await sut.refund(order.number, { amountMinor: order.totalMinor - 10_000, restock: false, reason: null }, owner);

    expect(await stockOf(kurta)).toBe(6);
    expect(await repository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ status: 'refunded' });
    await expect(sut.refund(order.number, { amountMinor: 1, restock: false, reason: null }, owner)).rejects.toThrow('Only a paid order can be refunded.');
  });

  it('refuses nothing, a fraction of a unit, or a payment not yet made', async () => {
    const kurta = await aProduct(services, { stock: 5 });
    const paid = await aPaidOrder(kurta, 1);
    for (const amountMinor of [0, -100, 1.5]) {
      await expect(sut.refund(paid.number, { amountMinor, restock: false, reason: null }, owner)).rejects.toBeInstanceOf(RefundRefusedError);
    }
    const unpaid = await services
      .get(OrdersService)
      .placeOrder(await aCart(services, [[kurta, 1]]), { ...DELIVERY, paymentMethod: PaymentMethod.CashOnDelivery }, null);
    await services.get(PaymentsService).begin(unpaid);
    await expect(sut.refund(unpaid.number, { amountMinor: 100, restock: false, reason: null }, owner)).rejects.toThrow('Only a paid order can be refunded.');
  });
});
