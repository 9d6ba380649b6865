import { jest } from '@jest/globals';
import Stripe from 'stripe';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { aCart, aProduct } from '../../../test/helpers/factories.js';
import { STRIPE_TEST_KEYS } from '../../../test/helpers/fake-stripe.js';
import { DELIVERY } from '../../../test/helpers/journeys.js';
import { serviceModuleWith, type ServiceModule } from '../../../test/helpers/service-module.js';
import { freePort } from '../../../test/helpers/free-port.js';
import { aCoupon } from '../../../test/helpers/pricing.js';
import { CouponUse } from '../coupons/coupon-use.entity.js';
import { Coupon } from '../coupons/coupon.entity.js';
import { type Order, OrderStatus, PaymentMethod } from '../entities/order.entity.js';
import { OrdersModule } from '../orders.module.js';
import { OrdersService } from '../orders.service.js';
import { OrderPayment } from './entities/order-payment.entity.js';
import { PaymentEvent } from './entities/payment-event.entity.js';
import { PaymentReleases } from './payment-releases.service.js';
import { PaymentWebhooks } from './payment-webhooks.service.js';
import { PaymentsService } from './payments.service.js';
import { WebhookRejectedError } from './providers/payment-provider.js';

/**
 * PaymentWebhooks on the real database, below HTTP: the event row, the payment and the order commit
 * together or not at all, so a delivery that fails halfway is applied whole when the provider retries it.
 * Webhooks are signed with the Stripe SDK's own test-header helper; no request leaves the machine.
 */
describe('PaymentWebhooks on a real database', () => {
  let services: ServiceModule;
  let sut: PaymentWebhooks;
  const signer = new Stripe(STRIPE_TEST_KEYS.STRIPE_SECRET_KEY);

  beforeAll(async () => {
    // Stripe's API is a loopback port nothing listens on: begin() fails at once and offers a retry.
    services = await serviceModuleWith({ ...STRIPE_TEST_KEYS, STRIPE_API_URL: `http://127.0.0.1:${await freePort()}` }, OrdersModule);
    sut = services.get(PaymentWebhooks);
  });
  afterAll(() => services.close());
  afterEach(() => jest.restoreAllMocks());

  const repository = <T extends ObjectLiteral>(entity: EntityTarget<T>) => services.dataSource.getRepository(entity);

  /** A card order whose Checkout Session is "cs_test_<number>" (set as if Stripe had made it). */
  async function aCardOrder(form: { couponCode?: string; email?: string } = {}): Promise<Order> {
    const order = await services
      .get(OrdersService)
      .placeOrder(await aCart(services, [[await aProduct(services), 1]]), { ...DELIVERY, paymentMethod: PaymentMethod.Stripe, ...form }, null);
    expect(await services.get(PaymentsService).begin(order)).toEqual({ kind: 'retry' });
    await repository(OrderPayment).update({ orderId: order.id }, { providerReference: `cs_test_${order.number}` });
    return order;
  }

  function completed(order: Order, eventId: string) {
    const body = JSON.stringify({
      id: eventId,
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          id: `cs_test_${order.number}`,
          object: 'checkout.session',
          client_reference_id: order.number,
          payment_status: 'paid',
          payment_intent: 'pi_1',
          amount_total: order.totalMinor,
          currency: order.currency.toLowerCase(),
        },
      },
    });
    return {
      raw: Buffer.from(body),
      headers: { 'stripe-signature': signer.webhooks.generateTestHeaderString({ payload: body, secret: STRIPE_TEST_KEYS.STRIPE_WEBHOOK_SECRET }) },
    };
  }

  it('stores nothing when applying fails halfway, so the provider’s retry applies it whole', async () => {
    const order = await aCardOrder();
    const delivery = completed(order, 'evt_retried');
    jest.spyOn(OrdersService.prototype, 'recordPaymentWithin').mockRejectedValueOnce(new Error('the database went away'));

    await expect(sut.receive(PaymentMethod.Stripe, delivery.raw, delivery.headers, '127.0.0.1')).rejects.toThrow('the database went away');
    expect(await repository(PaymentEvent).countBy({ providerEventId: 'evt_retried' })).toBe(0);
    expect(await repository(OrderPayment).findOneByOrFail({ orderId: order.id })).toMatchObject({ status: 'pending' });

    expect(await sut.receive(PaymentMethod.Stripe, delivery.raw, delivery.headers, '127.0.0.1')).toEqual({ duplicate: false, outcome: 'paid' });
    expect(await repository(PaymentEvent).findOneByOrFail({ providerEventId: 'evt_retried' })).toMatchObject({
      applied: true,
      outcome: 'paid',
      type: 'checkout.session.completed',
    });
    expect(await repository(OrderPayment).findOneByOrFail({ orderId: order.id })).toMatchObject({ status: 'paid', providerPaymentId: 'pi_1' });
  });

  it('refuses a "paid" for another amount than the order’s, keeping the payment open', async () => {
    const order = await aCardOrder();
    const delivery = completed({ ...order, totalMinor: order.totalMinor - 100 }, 'evt_short');

    expect(await sut.receive(PaymentMethod.Stripe, delivery.raw, delivery.headers, '127.0.0.1')).toEqual({
      duplicate: false,
      outcome: 'ignored: amount differs from the order',
    });
    expect(await repository(OrderPayment).findOneByOrFail({ orderId: order.id })).toMatchObject({ status: 'pending' });
  });

  it('refuses a body changed by one byte after signing', async () => {
    const order = await aCardOrder();
    const delivery = completed(order, 'evt_changed');
    const changed = Buffer.from(delivery.raw.toString('utf8').replace('"paid"', '"paid" '));

    await expect(sut.receive(PaymentMethod.Stripe, changed, delivery.headers, '127.0.0.1')).rejects.toBeInstanceOf(WebhookRejectedError);
    expect(await repository(PaymentEvent).countBy({ providerEventId: 'evt_changed' })).toBe(0);
  });

  describe('a payment that arrives after its order was released', () => {
    const pastTheWindow = () => new Date(Date.now() + 31 * 60_000);
    const couponOf = (code: string) => repository(Coupon).findOneByOrFail({ code });
    /** A card order with the coupon, released unpaid: its stock and its coupon's use given back. */
    async function aReleasedOrder(code: string, email: string): Promise<Order> {
      const order = await aCardOrder({ couponCode: code, email });
      await services.get(PaymentReleases).releaseDue(pastTheWindow());
      expect(await repository(CouponUse).countBy({ orderId: order.id })).toBe(0);
      return order;
    }
    const payLate = async (order: Order, eventId: string) => {
      const delivery = completed(order, eventId);
      return sut.receive(PaymentMethod.Stripe, delivery.raw, delivery.headers, '127.0.0.1');
    };

    it('takes the coupon’s use again with the stock while the coupon still allows it', async () => {
      await aCoupon(services, { code: 'LATE1', percentBasisPoints: 1000, maxUses: 1 });
      const order = await aReleasedOrder('LATE1', 'late@example.test');
      expect((await couponOf('LATE1')).usesCount).toBe(0);

      expect(await payLate(order, 'evt_late_coupon')).toEqual({ duplicate: false, outcome: 'paid late: items taken again' });

      expect(await repository(OrderPayment).findOneByOrFail({ orderId: order.id })).toMatchObject({
        status: 'paid',
        couponOverLimit: false,
        needsRefund: false,
      });
      expect((await couponOf('LATE1')).usesCount).toBe(1);
      expect(await repository(CouponUse).findOneByOrFail({ orderId: order.id })).toMatchObject({ email: 'late@example.test' });
    });

    it('keeps the order paid but flags it for the owner when the coupon’s last use went to another order meanwhile', async () => {
      await aCoupon(services, { code: 'LATE2', percentBasisPoints: 1000, maxUses: 1 });
      const order = await aReleasedOrder('LATE2', 'slow@example.test');
      await aCardOrder({ couponCode: 'LATE2', email: 'quick@example.test' });

      expect(await payLate(order, 'evt_late_used_up')).toEqual({ duplicate: false, outcome: 'paid late: items taken again, coupon over its limit' });

      expect(await repository(OrderPayment).findOneByOrFail({ orderId: order.id })).toMatchObject({
        status: 'paid',
        couponOverLimit: true,
        needsRefund: false,
      });
      expect(await services.get(OrdersService).adminDetail(order.number)).toMatchObject({ order: { status: OrderStatus.Placed } });
      expect((await couponOf('LATE2')).usesCount).toBe(1);
      expect(await repository(CouponUse).countBy({ orderId: order.id })).toBe(0);
    });

    it('flags it, counting no use, when the customer has used the coupon as often as it allows meanwhile', async () => {
      await aCoupon(services, { code: 'LATE3', percentBasisPoints: 1000, maxUsesPerCustomer: 1 });
      const order = await aReleasedOrder('LATE3', 'again@example.test');
      await aCardOrder({ couponCode: 'LATE3', email: 'again@example.test' });

      expect(await payLate(order, 'evt_late_own_limit')).toEqual({ duplicate: false, outcome: 'paid late: items taken again, coupon over its limit' });

      expect(await repository(OrderPayment).findOneByOrFail({ orderId: order.id })).toMatchObject({ status: 'paid', couponOverLimit: true });
      // The use counted and then refused for the customer's limit was given back with its savepoint.
      expect((await couponOf('LATE3')).usesCount).toBe(1);
      expect(await repository(CouponUse).countBy({ orderId: order.id })).toBe(0);
    });
  });
});
