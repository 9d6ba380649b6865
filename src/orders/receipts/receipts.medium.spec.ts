import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { aCart, aProduct } from '../../../test/helpers/factories.js';
import { DELIVERY } from '../../../test/helpers/journeys.js';
import { serviceModule, type ServiceModule } from '../../../test/helpers/service-module.js';
import { OWNER } from '../../../test/helpers/test-shop.js';
import type { Actor } from '../../audit/actor.js';
import { User } from '../../auth/entities/user.entity.js';
import { dayOf } from '../../common/store-calendar.js';
import { Product } from '../../catalog/entities/product.entity.js';
import { Variant } from '../../catalog/entities/variant.entity.js';
import { Order, OrderStatus, PaymentMethod } from '../entities/order.entity.js';
import { OrderLinks } from '../order-links.js';
import { PaymentsService } from '../payments/payments.service.js';
import { Transactions } from '../../database/transactions.js';
import { SettingsService } from '../../settings/settings.service.js';
import { OrdersModule } from '../orders.module.js';
import { OrdersService } from '../orders.service.js';
import { InvoiceNumbers } from './invoice-numbers.js';
import { Invoice } from './invoice.entity.js';
import { Receipts } from './receipts.service.js';

/** Receipts kept as placed, and invoice numbers without gaps, on the driver this run uses (SQLite, or MariaDB with DATABASE_URL). */
describe('Receipts and invoice numbers on a real database', () => {
  let services: ServiceModule;
  let orders: OrdersService;
  let receipts: Receipts;
  let owner: Actor;

  beforeAll(async () => {
    services = await serviceModule(OrdersModule);
    orders = services.get(OrdersService);
    receipts = services.get(Receipts);
    const ownerId = (await repository(User).findOneByOrFail({ email: OWNER.email })).id;
    owner = { userId: ownerId, email: OWNER.email, ip: '203.0.113.7' };
  });
  afterAll(() => services.close());

  const repository = <T extends ObjectLiteral>(entity: EntityTarget<T>) => services.dataSource.getRepository(entity);
  const cod = { ...DELIVERY, shippingMethod: 'standard', paymentMethod: PaymentMethod.CashOnDelivery };

  it('keeps the receipt as placed: later edits to the product, its price and the order’s address change nothing on it', async () => {
    const kurta = await aProduct(services, { priceMinor: 180_000, name: 'Ravi Kurta' });
    const order = await orders.placeOrder(await aCart(services, [[kurta, 2]]), cod, null);

    await repository(Variant).update({ id: kurta.variantIds[0] }, { priceMinor: 99_000 });
    await repository(Product).update({ slug: kurta.slug }, { name: 'Renamed Kurta' });
    await repository(Order).update({ id: order.id }, { address: 'Somewhere else 1', fullName: 'Someone Else' });

    const { receipt, invoice } = await receipts.forOwner(order.number);
    expect(invoice).toBeNull();
    expect(receipt).toMatchObject({
      orderNumber: order.number,
      lines: [{ productName: 'Ravi Kurta', variantLabel: 'M / Indigo', quantity: 2, unitPriceMinor: 180_000, lineTotalMinor: 360_000 }],
      subtotalMinor: 360_000,
      shippingMinor: 25_000,
      totalMinor: 385_000,
      paymentMethod: 'Cash on delivery',
      shipTo: { fullName: DELIVERY.fullName, address: DELIVERY.address, city: DELIVERY.city },
    });
  });

  it('shows the receipt to its customer by a signed link, and to nobody else', async () => {
    const kurta = await aProduct(services);
    const order = await orders.placeOrder(await aCart(services, [[kurta, 1]]), cod, null);
    const token = services.get(OrderLinks).token(order.number);

    await expect(receipts.forCustomer(order.number, { placedInSession: [], token })).resolves.toMatchObject({ receipt: { orderNumber: order.number } });
    await expect(receipts.forCustomer(order.number, { placedInSession: [], token: token.slice(1) + 'x' })).rejects.toThrow('could not be found');
    await expect(receipts.forCustomer(order.number, { placedInSession: [], userId: owner.userId })).rejects.toThrow('could not be found');
  });

  /** A cash-on-delivery order shipped and delivered, its cash not collected yet: collecting it pays it. */
  async function delivered(order: Order): Promise<Order> {
    await orders.changeStatus(order.number, OrderStatus.Shipped, owner, { shipment: { carrier: 'tcs', trackingNumber: `TCS ${order.id}` } });
    await orders.changeStatus(order.number, OrderStatus.Delivered, owner);
    return order;
  }

  it('numbers 50 orders paid at once 1 to 50 of the year: distinct, consecutive, one each', async () => {
    const kurta = await aProduct(services, { stock: 60 });
    const placed: Order[] = [];
    for (let i = 0; i < 50; i++) placed.push(await delivered(await orders.placeOrder(await aCart(services, [[kurta, 1]]), cod, null)));
    const year = Number(dayOf(services.config.storeTimeZone, new Date()).slice(0, 4));
    const before = await repository(Invoice).countBy({ year });

    await Promise.all(placed.map((order) => orders.collectCash(order.number, owner)));

    const invoices = await repository(Invoice).find({ where: { year }, order: { sequence: 'ASC' } });
    expect(invoices).toHaveLength(before + 50);
    expect(invoices.map((invoice) => invoice.sequence)).toEqual(Array.from({ length: before + 50 }, (_, i) => i + 1));
    expect(new Set(invoices.map((invoice) => invoice.orderId))).toEqual(new Set(placed.map((order) => order.id)));
    expect(invoices[0].number).toBe(`${year}-000001`);
    expect(invoices.at(-1)?.number).toBe(`${year}-${String(before + 50).padStart(6, '0')}`);
  });

  it('numbers a bank transfer in the transaction where the owner marks it received, and a second click gives no second number', async () => {
    await services
      .get(Transactions)
      .run((manager) =>
        services
          .get(SettingsService)
          .saveBankAccount(manager, { accountTitle: 'Anarkali', bankName: 'HBL', accountNumber: 'PK36HABB0000001123456702', instructions: '' }, owner),
      );
    const kurta = await aProduct(services);
    const order = await orders.placeOrder(await aCart(services, [[kurta, 1]]), { ...cod, paymentMethod: PaymentMethod.BankTransfer }, null);
    // The payment record begins once the order has committed, as checkout's next step does.
    await services.get(PaymentsService).begin(order);
    expect(await repository(Invoice).countBy({ orderId: order.id })).toBe(0);

    await services.get(PaymentsService).markReceived(order.number, owner);
    await expect(services.get(PaymentsService).markReceived(order.number, owner)).rejects.toThrow('marked received already');

    expect(await repository(Invoice).countBy({ orderId: order.id })).toBe(1);
  });

  it('leaves no gap when the payment’s transaction rolls back: its number goes to the next order paid', async () => {
    const kurta = await aProduct(services);
    const [first, second] = [
      await orders.placeOrder(await aCart(services, [[kurta, 1]]), cod, null),
      await delivered(await orders.placeOrder(await aCart(services, [[kurta, 1]]), cod, null)),
    ];
    const last = async () => (await repository(Invoice).find({ order: { sequence: 'DESC' }, take: 1 }))[0]?.sequence ?? 0;
    const before = await last();

    await expect(
      services.get(Transactions).run(async (manager) => {
        await services.get(InvoiceNumbers).assign(manager, first);
        throw new Error('the payment failed after its number was taken');
      }),
    ).rejects.toThrow('the payment failed');
    await orders.collectCash(second.number, owner);

    expect(await repository(Invoice).findOneByOrFail({ orderId: second.id })).toMatchObject({ sequence: before + 1 });
    expect(await repository(Invoice).countBy({ orderId: first.id })).toBe(0);
  });

  it('numbers by the store’s year: paid at 20:00 UTC on 31 December, in Lahore it is already the new year', async () => {
    const kurta = await aProduct(services);
    const order = await orders.placeOrder(await aCart(services, [[kurta, 1]]), cod, null);

    const invoice = await services.get(Transactions).run((manager) => services.get(InvoiceNumbers).assign(manager, order, new Date('2031-12-31T20:00:00Z')));

    expect(invoice.number).toBe('2032-000001');
  });

  it('gives an order its invoice once: delivered and paid in one step, refunded, the same number on its invoice page', async () => {
    const kurta = await aProduct(services);
    const order = await orders.placeOrder(await aCart(services, [[kurta, 1]]), cod, null);

    await orders.changeStatus(order.number, OrderStatus.Shipped, owner, { shipment: { carrier: 'tcs', trackingNumber: `TCS ${order.id}` } });
    await orders.changeStatus(order.number, OrderStatus.Delivered, owner, { cashCollected: true });
    await orders.changeStatus(order.number, OrderStatus.Refunded, owner);

    const mine = await repository(Invoice).findBy({ orderId: order.id });
    expect(mine).toHaveLength(1);
    expect((await receipts.forOwner(order.number)).invoice).toMatchObject({ number: mine[0].number, paidAt: expect.any(Date) });
  });
});
