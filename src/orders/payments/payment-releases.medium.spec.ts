import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { aCart, aProduct, type ProductFixture } from '../../../test/helpers/factories.js';
import { STRIPE_TEST_KEYS } from '../../../test/helpers/fake-stripe.js';
import { freePort } from '../../../test/helpers/free-port.js';
import { DELIVERY } from '../../../test/helpers/journeys.js';
import { serviceModuleWith, type ServiceModule } from '../../../test/helpers/service-module.js';
import { OWNER } from '../../../test/helpers/test-shop.js';
import type { Actor } from '../../audit/actor.js';
import { User } from '../../auth/entities/user.entity.js';
import { StockMovement } from '../../catalog/entities/stock-movement.entity.js';
import { Variant } from '../../catalog/entities/variant.entity.js';
import { type Order, OrderStatus, PaymentMethod } from '../entities/order.entity.js';
import { OrdersModule } from '../orders.module.js';
import { OrdersService } from '../orders.service.js';
import { OrderPayment } from './entities/order-payment.entity.js';
import { PaymentReleases } from './payment-releases.service.js';
import { PaymentsService } from './payments.service.js';

/**
 * The release of unpaid card payments, driven by an injected clock, on the driver this run uses. Stripe's
 * keys are set but its API is a loopback port nothing listens on, so the order records the payment and
 * its deadline and begin() offers a retry: exactly the state a provider that was down leaves behind.
 */
describe('PaymentReleases on a real database', () => {
  let services: ServiceModule;
  let sut: PaymentReleases;
  let owner: Actor;

  beforeAll(async () => {
    services = await serviceModuleWith(
      { PAYMENT_RELEASE_MINUTES: '20', ...STRIPE_TEST_KEYS, STRIPE_API_URL: `http://127.0.0.1:${await freePort()}` },
      OrdersModule,
    );
    sut = services.get(PaymentReleases);
    owner = { userId: (await repository(User).findOneByOrFail({ email: OWNER.email })).id, email: OWNER.email, ip: '203.0.113.7' };
  });
  afterAll(() => services.close());

  const repository = <T extends ObjectLiteral>(entity: EntityTarget<T>) => services.dataSource.getRepository(entity);
  const stockOf = async (product: ProductFixture) => (await repository(Variant).findOneByOrFail({ id: product.variantIds[0] })).stock;
  const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

  async function aCardOrder(product: ProductFixture, quantity: number): Promise<Order> {
    const order = await services
      .get(OrdersService)
      .placeOrder(await aCart(services, [[product, quantity]]), { ...DELIVERY, paymentMethod: PaymentMethod.Stripe }, null);
    expect(await services.get(PaymentsService).begin(order)).toEqual({ kind: 'retry' });
    return order;
  }

  it('holds the stock for PAYMENT_RELEASE_MINUTES, then releases it once with the reason "payment not received"', async () => {
    const kurta = await aProduct(services, { stock: 5 });
    const order = await aCardOrder(kurta, 2);

    expect(await sut.releaseDue(minutesFromNow(19))).toEqual([]);
    expect(await stockOf(kurta)).toBe(3);
    expect(await sut.releaseDue(minutesFromNow(21))).toEqual([order.number]);
    expect(await sut.releaseDue(minutesFromNow(60))).toEqual([]);

    expect(await stockOf(kurta)).toBe(5);
    const ledger = await repository(StockMovement).findBy({ reference: order.number });
    expect(ledger.map((row) => row.reason)).toEqual(['sale', 'payment not received']);
  });

  it('leaves a paid payment alone, and expires one whose order was cancelled by hand without restocking it twice', async () => {
    const kurta = await aProduct(services, { stock: 5 });
    const paid = await aCardOrder(kurta, 1);
    await repository(OrderPayment).update({ orderId: paid.id }, { status: 'paid' as OrderPayment['status'] });
    const cancelled = await aCardOrder(kurta, 2);
    await services.get(OrdersService).changeStatus(cancelled.number, OrderStatus.Cancelled, owner);
    expect(await stockOf(kurta)).toBe(4);

    expect(await sut.releaseDue(minutesFromNow(21))).toEqual([cancelled.number]);

    expect(await stockOf(kurta)).toBe(4);
    expect(await repository(OrderPayment).findOneByOrFail({ orderId: paid.id })).toMatchObject({ status: 'paid' });
    expect(await repository(OrderPayment).findOneByOrFail({ orderId: cancelled.id })).toMatchObject({ status: 'expired' });
  });
});
