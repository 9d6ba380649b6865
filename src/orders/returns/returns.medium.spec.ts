import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { aCart, aProduct, type ProductFixture } from '../../../test/helpers/factories.js';
import { DELIVERY } from '../../../test/helpers/journeys.js';
import { serviceModule, type ServiceModule } from '../../../test/helpers/service-module.js';
import { OWNER } from '../../../test/helpers/test-shop.js';
import type { Actor } from '../../audit/actor.js';
import { User } from '../../auth/entities/user.entity.js';
import { StockMovement } from '../../catalog/entities/stock-movement.entity.js';
import { Variant } from '../../catalog/entities/variant.entity.js';
import { StockReason } from '../../catalog/stock-reason.js';
import { OutboxMessage } from '../../mail/entities/outbox-message.entity.js';
import { OrderLine } from '../entities/order-line.entity.js';
import { OrderStatusChange } from '../entities/order-status-change.entity.js';
import { Order, OrderStatus, PaymentMethod } from '../entities/order.entity.js';
import { OrdersModule } from '../orders.module.js';
import { OrdersService } from '../orders.service.js';
import { OrderPayment } from '../payments/entities/order-payment.entity.js';
import { PaymentRefund } from '../payments/entities/payment-refund.entity.js';
import { PaymentStatus } from '../payments/payment-status.js';
import { PaymentsService } from '../payments/payments.service.js';
import { ReturnResolution } from './return-line.entity.js';
import { ReturnRequest, ReturnStatus } from './return-request.entity.js';
import { ReturnRefusedError, type ReturnLineRequest } from './return-rules.js';
import { ReturnSettings } from './return-settings.js';
import { Returns } from './returns.service.js';

/**
 * Returns and exchanges where the database can disagree (SQLite, or MariaDB with DATABASE_URL): the
 * replacement held at the request against shoppers buying the same last unit, released on rejection,
 * returned units restocked once, the window, and lines never returned beyond their quantity.
 */
describe('Returns on a real database', () => {
  let services: ServiceModule;
  let orders: OrdersService;
  let sut: Returns;
  let owner: Actor;

  beforeAll(async () => {
    services = await serviceModule(OrdersModule);
    orders = services.get(OrdersService);
    sut = services.get(Returns);
    const ownerId = (await repository(User).findOneByOrFail({ email: OWNER.email })).id;
    owner = { userId: ownerId, email: OWNER.email, ip: '203.0.113.7' };
  });
  afterAll(() => services.close());

  const repository = <T extends ObjectLiteral>(entity: EntityTarget<T>) => services.dataSource.getRepository(entity);
  const cod = { ...DELIVERY, shippingMethod: 'standard', paymentMethod: PaymentMethod.CashOnDelivery };
  const stockOf = async (variantId: number) => (await repository(Variant).findOneByOrFail({ id: variantId })).stock;
  const setStock = (variantId: number, stock: number) => repository(Variant).update({ id: variantId }, { stock });
  const ledger = (reference: string, reason: string) => repository(StockMovement).findBy({ reference, reason });
  /** A kurta in M and L: variantIds[0] is M, [1] is L. */
  const aKurta = () => aProduct(services, { sizes: ['M', 'L'], stock: 10, priceMinor: 200_000 });

  async function aDeliveredOrder(product: ProductFixture, quantity = 1): Promise<Order> {
    const order = await orders.placeOrder(await aCart(services, [[product, quantity, { size: 'M' }]]), cod, null);
    await orders.changeStatus(order.number, OrderStatus.Shipped, owner, { shipment: { carrier: 'tcs', trackingNumber: `TCS ${order.id}` } });
    await orders.changeStatus(order.number, OrderStatus.Delivered, owner);
    return order;
  }
  const lineOf = async (order: Order) => repository(OrderLine).findOneByOrFail({ orderId: order.id });
  const exchange = async (order: Order, replacementVariantId: number, quantity = 1): Promise<ReturnLineRequest[]> => [
    { orderLineId: (await lineOf(order)).id, quantity, reason: 'too_small', resolution: ReturnResolution.Exchange, replacementVariantId },
  ];
  const refund = async (order: Order, quantity = 1): Promise<ReturnLineRequest[]> => [
    { orderLineId: (await lineOf(order)).id, quantity, reason: 'changed_mind', resolution: ReturnResolution.Refund, replacementVariantId: null },
  ];

  it('holds the last L for an exchange raced by five shoppers buying it: exactly one gets it, stock never below zero', async () => {
    const kurta = await aKurta();
    const [, large] = kurta.variantIds;
    const order = await aDeliveredOrder(kurta);
    await setStock(large, 1);
    const carts = await Promise.all(Array.from({ length: 5 }, () => aCart(services, [[kurta, 1, { size: 'L' }]])));
    const wanted = await exchange(order, large);

    const results = await Promise.allSettled([sut.request(order, wanted, null), ...carts.map((cartId) => orders.placeOrder(cartId, cod, null))]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await stockOf(large)).toBe(0);
    const [exchangeResult] = results;
    if (exchangeResult.status === 'rejected') {
      expect(exchangeResult.reason).toBeInstanceOf(ReturnRefusedError);
      expect((exchangeResult.reason as ReturnRefusedError).message).toMatch(/L \/ Indigo is sold out now/);
      expect(await repository(ReturnRequest).countBy({ orderId: order.id })).toBe(0);
    } else {
      expect(await ledger(exchangeResult.value.number, StockReason.ExchangeReserved)).toEqual([expect.objectContaining({ variantId: large, delta: -1 })]);
    }
  });

  it('makes one return of a form submitted three times at once, holding its replacement once', async () => {
    const kurta = await aKurta();
    const [, large] = kurta.variantIds;
    const order = await aDeliveredOrder(kurta, 3);
    const wanted = await exchange(order, large);

    const made = await Promise.all([1, 2, 3].map(() => sut.request(order, wanted, null, 'form-key-1')));

    expect(new Set(made.map((request) => request.number)).size).toBe(1);
    expect(await repository(ReturnRequest).countBy({ orderId: order.id })).toBe(1);
    expect(await stockOf(large)).toBe(9);
  });

  it('refuses an exchange for a size that is sold out with a message, holding nothing', async () => {
    const kurta = await aKurta();
    const order = await aDeliveredOrder(kurta);
    await setStock(kurta.variantIds[1], 0);

    await expect(sut.request(order, await exchange(order, kurta.variantIds[1]), null)).rejects.toThrow('L / Indigo is sold out now');
    expect(await repository(ReturnRequest).countBy({ orderId: order.id })).toBe(0);
  });

  it('puts the held replacement back on the shelf when the return is rejected, and tells the customer', async () => {
    const kurta = await aKurta();
    const [, large] = kurta.variantIds;
    const order = await aDeliveredOrder(kurta);
    const request = await sut.request(order, await exchange(order, large), null);
    expect(await stockOf(large)).toBe(9);

    await sut.reject(request.number, 'The tags were removed.', owner);

    expect(await stockOf(large)).toBe(10);
    expect(await ledger(request.number, StockReason.ExchangeReleased)).toEqual([expect.objectContaining({ variantId: large, delta: 1 })]);
    expect(await repository(ReturnRequest).findOneByOrFail({ id: request.id })).toMatchObject({
      status: ReturnStatus.Rejected,
      ownerNote: 'The tags were removed.',
    });
    const mail = await repository(OutboxMessage).findBy({ kind: 'return_rejected', recipient: order.email });
    expect(mail.some((message) => message.body.includes(request.number) && message.body.includes('The tags were removed.'))).toBe(true);
    await expect(sut.reject(request.number, '', owner)).rejects.toThrow('cannot be rejected');
    expect(await stockOf(large)).toBe(10);
  });

  it('restocks the returned units exactly once when "received" is submitted twice at once', async () => {
    const kurta = await aKurta();
    const [medium] = kurta.variantIds;
    const order = await aDeliveredOrder(kurta, 2);
    const request = await sut.request(order, await refund(order, 2), null);
    await sut.approve(request.number, owner);
    expect(await stockOf(medium)).toBe(8);

    const results = await Promise.allSettled([sut.receive(request.number, owner), sut.receive(request.number, owner)]);

    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await stockOf(medium)).toBe(10);
    expect(await ledger(request.number, StockReason.ReturnReceived)).toEqual([expect.objectContaining({ variantId: medium, delta: 2 })]);
  });

  it('refuses a return after the window the owner set, and takes it within a longer one', async () => {
    const kurta = await aKurta();
    const order = await aDeliveredOrder(kurta);
    const fifteenDaysAgo = new Date(Date.now() - 15 * 24 * 60 * 60_000);
    await repository(OrderStatusChange).update({ orderId: order.id, toStatus: OrderStatus.Delivered }, { createdAt: fifteenDaysAgo });

    await expect(sut.request(order, await refund(order), null)).rejects.toThrow('within 14 days of delivery');

    await services.get(ReturnSettings).saveWindowDays(30, owner);
    await expect(sut.request(order, await refund(order), null)).resolves.toMatchObject({ status: ReturnStatus.Requested });
  });

  it('refuses a return of an order not yet delivered', async () => {
    const kurta = await aKurta();
    const order = await orders.placeOrder(await aCart(services, [[kurta, 1, { size: 'M' }]]), cod, null);

    await expect(sut.request(order, await refund(order), null)).rejects.toThrow('once the order has been delivered');
  });

  it('never returns a line beyond its quantity: not in two requests, nor in two at once', async () => {
    const kurta = await aKurta();
    const order = await aDeliveredOrder(kurta, 2);
    await sut.request(order, await refund(order, 1), null);
    await expect(sut.request(order, await refund(order, 2), null)).rejects.toThrow('Only 1 of this item can still be returned.');

    const other = await aDeliveredOrder(kurta, 2);
    const results = await Promise.allSettled([sut.request(other, await refund(other, 2), null), sut.request(other, await refund(other, 2), null)]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('ships the replacement as a linked order at the price difference, its unit not taken twice, once under a double submit', async () => {
    const kurta = await aKurta();
    const [medium, large] = kurta.variantIds;
    await repository(Variant).update({ id: large }, { priceMinor: 230_000 });
    const order = await aDeliveredOrder(kurta);
    const request = await sut.request(order, await exchange(order, large), null);
    await sut.approve(request.number, owner);
    await sut.receive(request.number, owner);

    const results = await Promise.allSettled([sut.shipReplacement(request.number, owner), sut.shipReplacement(request.number, owner)]);

    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const after = await repository(ReturnRequest).findOneByOrFail({ id: request.id });
    expect(after.status).toBe(ReturnStatus.Completed);
    const linked = await repository(Order).findOneByOrFail({ number: after.replacementOrderNumber ?? '' });
    expect(linked).toMatchObject({ email: order.email, address: order.address, totalMinor: 30_000, status: OrderStatus.Placed });
    expect(await repository(OrderLine).findBy({ orderId: linked.id })).toEqual([
      expect.objectContaining({ variantId: large, quantity: 1, unitPriceMinor: 30_000 }),
    ]);
    expect(await repository(Order).countBy({ email: order.email, totalMinor: 30_000 })).toBe(1);
    expect([await stockOf(medium), await stockOf(large)]).toEqual([10, 9]);
    expect(await repository(StockMovement).countBy({ reference: linked.number })).toBe(0);
    const history = await repository(OrderStatusChange).findOneByOrFail({ orderId: linked.id });
    expect(history.note).toContain(order.number);
  });

  it('refunds a paid order’s return through its payment record, as Refunds records any refund', async () => {
    const kurta = await aKurta();
    const order = await orders.placeOrder(await aCart(services, [[kurta, 2, { size: 'M' }]]), cod, null);
    await services.get(PaymentsService).begin(order);
    await repository(OrderPayment).update({ orderId: order.id }, { status: PaymentStatus.Paid });
    await orders.changeStatus(order.number, OrderStatus.Shipped, owner, { shipment: { carrier: 'tcs', trackingNumber: `TCS ${order.id}` } });
    await orders.changeStatus(order.number, OrderStatus.Delivered, owner);
    const request = await sut.request(order, await refund(order, 1), null);
    await sut.approve(request.number, owner);
    await sut.receive(request.number, owner);

    await sut.refund(request.number, 200_000, owner);

    const payment = await repository(OrderPayment).findOneByOrFail({ orderId: order.id });
    expect(payment).toMatchObject({ refundedMinor: 200_000, status: PaymentStatus.PartiallyRefunded });
    expect(await repository(PaymentRefund).findBy({ orderPaymentId: payment.id })).toEqual([
      expect.objectContaining({ amountMinor: 200_000, reason: `Return ${request.number}`, restocked: false }),
    ]);
    expect(await repository(ReturnRequest).findOneByOrFail({ id: request.id })).toMatchObject({ status: ReturnStatus.Completed, refundedMinor: 200_000 });
  });

  it('records the refund of a cash order once and completes the return', async () => {
    const kurta = await aKurta();
    const order = await aDeliveredOrder(kurta);
    const request = await sut.request(order, await refund(order), null);
    await sut.approve(request.number, owner);
    await sut.receive(request.number, owner);

    const results = await Promise.allSettled([sut.refund(request.number, 200_000, owner), sut.refund(request.number, 200_000, owner)]);

    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await repository(ReturnRequest).findOneByOrFail({ id: request.id })).toMatchObject({ status: ReturnStatus.Completed, refundedMinor: 200_000 });
    expect(await repository(OutboxMessage).countBy({ kind: 'return_approved', recipient: order.email })).toBeGreaterThan(0);
  });
});
