import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { aCart, aProduct, type ProductFixture } from '../../../test/helpers/factories.js';
import { DELIVERY } from '../../../test/helpers/journeys.js';
import { serviceModuleWith, type ServiceModule } from '../../../test/helpers/service-module.js';
import { OWNER } from '../../../test/helpers/test-shop.js';
import type { Actor } from '../../audit/actor.js';
import { User } from '../../auth/entities/user.entity.js';
import { StockMovement } from '../../catalog/entities/stock-movement.entity.js';
import { Variant } from '../../catalog/entities/variant.entity.js';
import { NotFoundError } from '../../common/errors.js';
import { OutboxMessage } from '../../mail/entities/outbox-message.entity.js';
import type { CheckoutForm } from '../dto/checkout.form.js';
import { OrderStatusChange } from '../entities/order-status-change.entity.js';
import { Order, OrderStatus, PaymentMethod } from '../entities/order.entity.js';
import { OrdersModule } from '../orders.module.js';
import { OrdersService } from '../orders.service.js';
import { CodConfirmationExpiry } from './cod-confirmation-expiry.service.js';
import { CodConfirmations } from './cod-confirmations.service.js';
import { CodRisk } from './cod-risk.service.js';

/**
 * Cash-on-delivery risk on the driver this run uses: the count by phone and email, the threshold that
 * makes an order wait, the customer's link, and the job that cancels what nobody confirmed.
 */
describe('cash-on-delivery risk on a real database', () => {
  let services: ServiceModule;
  let owner: Actor;
  let risk: CodRisk;
  let orders: OrdersService;

  beforeAll(async () => {
    services = await serviceModuleWith({ COD_CONFIRMATION_HOURS: '48' }, OrdersModule);
    risk = services.get(CodRisk);
    orders = services.get(OrdersService);
    owner = { userId: (await repository(User).findOneByOrFail({ email: OWNER.email })).id, email: OWNER.email, ip: '203.0.113.7' };
  });
  afterAll(() => services.close());
  afterEach(() => risk.saveThreshold(0, owner));

  const repository = <T extends ObjectLiteral>(entity: EntityTarget<T>) => services.dataSource.getRepository(entity);
  const stockOf = async (product: ProductFixture) => (await repository(Variant).findOneByOrFail({ id: product.variantIds[0] })).stock;
  let customers = 0;
  /** A customer of their own, so tests do not count each other's orders. */
  const aCustomer = () => {
    customers += 1;
    return { email: `buyer${customers}@example.test`, digits: `3${String(100_000_000 + customers * 7919).slice(0, 9)}` };
  };

  async function anOrder(product: ProductFixture, fields: Partial<CheckoutForm>, quantity = 1): Promise<Order> {
    const cartId = await aCart(services, [[product, quantity]]);
    return orders.placeOrder(cartId, { ...DELIVERY, paymentMethod: PaymentMethod.CashOnDelivery, ...fields }, null);
  }
  async function riskOf(order: Order): Promise<number> {
    return (await risk.countsOf([await repository(Order).findOneByOrFail({ id: order.id })])).get(order.id) ?? -1;
  }
  /** Refused at the door. The delivery life's move is not on this branch yet, so the order is set so by hand. */
  const refuse = (order: Order) => repository(Order).update({ id: order.id }, { status: OrderStatus.Refused });
  const cancel = (order: Order) => orders.changeStatus(order.number, OrderStatus.Cancelled, owner);

  it('counts earlier refused and cancelled orders of one phone however it was typed, and of one email in any case', async () => {
    const kurta = await aProduct(services, { stock: 50 });
    const { email, digits } = aCustomer();
    const local = `0${digits.slice(0, 3)} ${digits.slice(3)}`;
    const refused = await anOrder(kurta, { phone: `+92 ${digits.slice(0, 3)}-${digits.slice(3)}`, email: 'someone.else@example.test' });
    await refuse(refused);
    const cancelled = await anOrder(kurta, { phone: `0092${digits}`, email: 'third@example.test' });
    await cancel(cancelled);
    const byEmail = await anOrder(kurta, { phone: '0321 7654321', email: email.toUpperCase() });
    await cancel(byEmail);
    // An order still open counts for nothing.
    await anOrder(kurta, { phone: local, email });

    const next = await anOrder(kurta, { phone: local, email: email.replace('buyer', 'BUYER') });
    expect(await riskOf(next)).toBe(3);
    // An order counts only what came before it.
    expect(await riskOf(refused)).toBe(0);
    expect(await riskOf(cancelled)).toBe(1);
    expect(await riskOf(byEmail)).toBe(0);
    // One order matching by both phone and email counts once.
    const both = await anOrder(kurta, { phone: local, email });
    await cancel(both);
    expect(await riskOf(await anOrder(kurta, { phone: local, email }))).toBe(4);
  });

  it('lets a cash-on-delivery order at the threshold wait for confirmation, its stock taken, and emails a link that confirms it once', async () => {
    const kurta = await aProduct(services, { stock: 10 });
    const { email, digits } = aCustomer();
    const phone = `0${digits}`;
    await cancel(await anOrder(kurta, { phone, email }));
    await risk.saveThreshold(2, owner);
    const below = await anOrder(kurta, { phone, email });
    expect(below.status).toBe(OrderStatus.Placed);
    await cancel(below);

    const waiting = await anOrder(kurta, { phone, email }, 3);
    expect(waiting.status).toBe(OrderStatus.AwaitingConfirmation);
    expect(await stockOf(kurta)).toBe(7);
    const mails = await repository(OutboxMessage).findBy({ recipient: email, kind: 'cod_confirmation' });
    expect(mails).toHaveLength(1);
    expect(mails[0].body).toContain(waiting.number);
    const link = new RegExp(`/orders/${waiting.number}/confirm/([\\w-]+)`).exec(mails[0].body);
    expect(link).not.toBeNull();
    const signature = link![1];

    const confirmations = services.get(CodConfirmations);
    expect(await confirmations.stateFor(waiting.number, signature)).toEqual({ number: waiting.number, state: 'awaiting' });
    expect(await Promise.all([confirmations.confirm(waiting.number, signature), confirmations.confirm(waiting.number, signature)])).toEqual([
      'confirmed',
      'confirmed',
    ]);
    expect((await repository(Order).findOneByOrFail({ id: waiting.id })).status).toBe(OrderStatus.Placed);
    const history = await repository(OrderStatusChange).find({ where: { orderId: waiting.id }, order: { id: 'ASC' } });
    expect(history.map((row) => [row.fromStatus, row.toStatus, row.note])).toEqual([
      [null, OrderStatus.AwaitingConfirmation, null],
      [OrderStatus.AwaitingConfirmation, OrderStatus.Placed, 'Confirmed by the customer'],
    ]);
  });

  it('refuses a forged link, and a link signed for another order', async () => {
    const kurta = await aProduct(services, { stock: 10 });
    const { email, digits } = aCustomer();
    await cancel(await anOrder(kurta, { phone: `0${digits}`, email }));
    await risk.saveThreshold(1, owner);
    const [first, second] = [await anOrder(kurta, { phone: `0${digits}`, email }), await anOrder(kurta, { phone: `0${digits}`, email })];
    const mail = await repository(OutboxMessage).findOneByOrFail({
      recipient: email,
      kind: 'cod_confirmation',
      subject: `Please confirm your order ${first.number}`,
    });
    const signature = new RegExp(`/confirm/([\\w-]+)`).exec(mail.body)![1];
    const confirmations = services.get(CodConfirmations);

    await expect(confirmations.confirm(second.number, signature)).rejects.toBeInstanceOf(NotFoundError);
    await expect(confirmations.confirm(first.number, 'A'.repeat(signature.length))).rejects.toBeInstanceOf(NotFoundError);
    await expect(confirmations.stateFor(first.number, '')).rejects.toBeInstanceOf(NotFoundError);
    expect((await repository(Order).findBy({ id: first.id }))[0].status).toBe(OrderStatus.AwaitingConfirmation);
    expect((await repository(Order).findBy({ id: second.id }))[0].status).toBe(OrderStatus.AwaitingConfirmation);
  });

  it('cancels an unconfirmed order after COD_CONFIRMATION_HOURS once, restocking it once, however many runs race', async () => {
    const kurta = await aProduct(services, { stock: 10 });
    const { email, digits } = aCustomer();
    await cancel(await anOrder(kurta, { phone: `0${digits}`, email }));
    await risk.saveThreshold(1, owner);
    const waiting = await anOrder(kurta, { phone: `0${digits}`, email }, 4);
    expect(await stockOf(kurta)).toBe(6);
    const expiry = services.get(CodConfirmationExpiry);
    const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000);

    expect(await expiry.cancelDue(hoursFromNow(47))).not.toContain(waiting.number);
    expect(await stockOf(kurta)).toBe(6);
    const runs = await Promise.all([expiry.cancelDue(hoursFromNow(49)), expiry.cancelDue(hoursFromNow(49)), expiry.cancelDue(hoursFromNow(49))]);
    expect(runs.flat().filter((number) => number === waiting.number)).toHaveLength(1);
    expect(await expiry.cancelDue(hoursFromNow(60))).toEqual([]);

    expect(await stockOf(kurta)).toBe(10);
    const ledger = await repository(StockMovement).findBy({ reference: waiting.number });
    expect(ledger.map((row) => row.reason).sort()).toEqual(['not confirmed', 'sale']);
    const history = await repository(OrderStatusChange).findBy({ orderId: waiting.id, toStatus: OrderStatus.Cancelled });
    expect(history).toHaveLength(1);
    expect(history[0].note).toMatch(/Not confirmed within 48 hours/);
  });
});
