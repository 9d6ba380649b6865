import { jest } from '@jest/globals';
import Stripe from 'stripe';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { aCart, aProduct } from '../../../test/helpers/factories.js';
import { STRIPE_TEST_KEYS } from '../../../test/helpers/fake-stripe.js';
import { DELIVERY } from '../../../test/helpers/journeys.js';
import { serviceModuleWith, type ServiceModule } from '../../../test/helpers/service-module.js';
import { freePort } from '../../../test/helpers/free-port.js';
import { type Order, PaymentMethod } from '../entities/order.entity.js';
import { OrdersModule } from '../orders.module.js';
import { OrdersService } from '../orders.service.js';
import { OrderPayment } from './entities/order-payment.entity.js';
import { PaymentEvent } from './entities/payment-event.entity.js';
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
  async function aCardOrder(): Promise<Order> {
    const order = await services
      .get(OrdersService)
      .placeOrder(await aCart(services, [[await aProduct(services), 1]]), { ...DELIVERY, paymentMethod: PaymentMethod.Stripe }, null);
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
});
