import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { aCart, aProduct, type ProductFixture } from '../../test/helpers/factories.js';
import { DELIVERY } from '../../test/helpers/journeys.js';
import { serviceModule, type ServiceModule } from '../../test/helpers/service-module.js';
import { OWNER } from '../../test/helpers/test-shop.js';
import { type Actor, systemActor } from '../audit/actor.js';
import { User } from '../auth/entities/user.entity.js';
import { StockMovement } from '../catalog/entities/stock-movement.entity.js';
import { Variant } from '../catalog/entities/variant.entity.js';
import { StockReason } from '../catalog/stock-reason.js';
import { formatMoney } from '../common/money.js';
import { OutboxMessage } from '../mail/entities/outbox-message.entity.js';
import { OrderStatusChange } from './entities/order-status-change.entity.js';
import { Order, OrderStatus, PaymentMethod } from './entities/order.entity.js';
import { OrderLinks } from './order-links.js';
import { CancellationRefusedError, PaymentStepRefusedError, ShipmentRefusedError, StatusChangeNotAllowedError, UnpaidShipmentError } from './orders.errors.js';
import { OrdersModule } from './orders.module.js';
import { OrdersService } from './orders.service.js';
import { OrderPayment } from './payments/entities/order-payment.entity.js';
import { PaymentStatus } from './payments/payment-status.js';
import { PaymentsService } from './payments/payments.service.js';
import { Refunds } from './payments/refunds.service.js';

const TCS = { carrier: 'tcs', trackingNumber: '7781 2290 14' };

/**
 * The order's life after checkout on a real database (SQLite, or MariaDB with DATABASE_URL): the moves
 * of both kinds of payment, what each does to stock, payment and the outbox, and the races an owner and
 * a customer can run (double submits, cancel against ship).
 */
describe('the order life on a real database', () => {
  let services: ServiceModule;
  let sut: OrdersService;
  let owner: Actor;

  beforeAll(async () => {
    services = await serviceModule(OrdersModule);
    sut = services.get(OrdersService);
    owner = { userId: (await repository(User).findOneByOrFail({ email: OWNER.email })).id, email: OWNER.email, ip: '203.0.113.7' };
  });
  afterAll(() => services.close());

  const repository = <T extends ObjectLiteral>(entity: EntityTarget<T>) => services.dataSource.getRepository(entity);
  const stockOf = async (product: ProductFixture) => (await repository(Variant).findOneByOrFail({ id: product.variantIds[0] })).stock;
  const orderOf = (number: string) => repository(Order).findOneByOrFail({ number });
  const paymentOf = async (number: string) => repository(OrderPayment).findOneByOrFail({ orderNumber: number });
  const mailsOf = async (number: string, kind: string) =>
    (await repository(OutboxMessage).find({ where: { kind }, order: { id: 'ASC' } })).filter((mail) => mail.body.includes(number));

  /** A cash-on-delivery order of `quantity` with its payment record, as checkout leaves it. */
  async function aCodOrder(product: ProductFixture, quantity = 1): Promise<Order> {
    const order = await sut.placeOrder(await aCart(services, [[product, quantity]]), { ...DELIVERY, paymentMethod: PaymentMethod.CashOnDelivery }, null);
    await services.get(PaymentsService).begin(order);
    return order;
  }

  /** The same order, as if paid by bank transfer and waiting for the money. */
  async function aBankTransferOrder(product: ProductFixture): Promise<Order> {
    const order = await aCodOrder(product);
    await repository(Order).update({ id: order.id }, { paymentMethod: PaymentMethod.BankTransfer });
    await repository(OrderPayment).update({ orderId: order.id }, { provider: PaymentMethod.BankTransfer });
    return orderOf(order.number);
  }

  describe('shipping', () => {
    it('stores the courier and tracking number, and queues one email with them and the courier’s tracking link', async () => {
      const kurta = await aProduct(services);
      const { number } = await aCodOrder(kurta);
      await sut.changeStatus(number, OrderStatus.Confirmed, owner);

      await sut.changeStatus(number, OrderStatus.Shipped, owner, { shipment: TCS });

      expect(await orderOf(number)).toMatchObject({ status: OrderStatus.Shipped, carrier: 'tcs', trackingNumber: '7781 2290 14' });
      const [mail, ...more] = await mailsOf(number, 'order_shipped');
      expect(more).toEqual([]);
      expect(mail.recipient).toBe(DELIVERY.email.toLowerCase());
      expect(mail.body).toContain('7781 2290 14');
      expect(mail.body).toContain('https://www.tcsexpress.com/track/7781229014');
      expect(mail.html).toContain('TCS');
      const link = services.get(OrderLinks).trackingUrl(number);
      expect(mail.body).toContain(link);
    });

    it('refuses to ship without a courier or tracking number, naming each, and changes nothing', async () => {
      const { number } = await aCodOrder(await aProduct(services));

      const refused = sut.changeStatus(number, OrderStatus.Shipped, owner, { shipment: { carrier: 'pigeon', trackingNumber: ' ' } });

      await expect(refused).rejects.toBeInstanceOf(ShipmentRefusedError);
      await expect(refused).rejects.toMatchObject({ fields: { carrier: 'Choose the courier.', trackingNumber: 'Enter the tracking number.' } });
      expect(await orderOf(number)).toMatchObject({ status: OrderStatus.Placed, carrier: null, trackingNumber: null });
      expect(await mailsOf(number, 'order_shipped')).toEqual([]);
    });

    it('refuses to ship a prepaid order whose payment has not arrived, then ships it once paid', async () => {
      const { number } = await aBankTransferOrder(await aProduct(services));

      await expect(sut.changeStatus(number, OrderStatus.Shipped, owner, { shipment: TCS })).rejects.toThrow(new UnpaidShipmentError(number, 'bank transfer'));
      expect((await orderOf(number)).status).toBe(OrderStatus.Placed);

      await services.get(PaymentsService).markReceived(number, owner);
      await sut.changeStatus(number, OrderStatus.Shipped, owner, { shipment: TCS });

      expect((await orderOf(number)).status).toBe(OrderStatus.Shipped);
      const mail = (await mailsOf(number, 'order_shipped'))[0];
      // Paid already: nothing to pay at the door.
      expect(mail.body).not.toContain('ready to pay the courier');
      const { history } = await sut.adminDetail(number);
      expect(history.map((step) => step.label)).toEqual(['Placed', 'Payment received', 'Shipped']);
    });

    it('ships an order once when the owner submits the ship form twice at the same moment: one move, one history row, one email', async () => {
      const { number, id } = await aCodOrder(await aProduct(services));

      const outcomes = await Promise.allSettled([1, 2].map(() => sut.changeStatus(number, OrderStatus.Shipped, owner, { shipment: TCS })));

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []))).toEqual([
        expect.any(StatusChangeNotAllowedError),
      ]);
      expect(await repository(OrderStatusChange).countBy({ orderId: id, toStatus: OrderStatus.Shipped })).toBe(1);
      expect(await mailsOf(number, 'order_shipped')).toHaveLength(1);
    });
  });

  describe('cash on delivery', () => {
    it('is paid in one step with "delivered and paid", with one email', async () => {
      const { number } = await aCodOrder(await aProduct(services));
      await sut.changeStatus(number, OrderStatus.Shipped, owner, { shipment: TCS });

      await sut.changeStatus(number, OrderStatus.Delivered, owner, { cashCollected: true });

      expect((await orderOf(number)).status).toBe(OrderStatus.Delivered);
      expect((await paymentOf(number)).status).toBe(PaymentStatus.Paid);
      expect((await sut.adminDetail(number)).history.map((step) => step.label)).toEqual(['Placed', 'Shipped', 'Delivered, cash collected']);
      expect(await mailsOf(number, 'order_delivered')).toHaveLength(1);
    });

    it('is paid by "cash collected" once delivered, and only then, and only once', async () => {
      const { number } = await aCodOrder(await aProduct(services));
      await sut.changeStatus(number, OrderStatus.Shipped, owner, { shipment: TCS });
      await expect(sut.collectCash(number, owner)).rejects.toThrow(
        new PaymentStepRefusedError('Cash is collected when the order is delivered: mark it delivered first.'),
      );
      await sut.changeStatus(number, OrderStatus.Delivered, owner);
      expect((await paymentOf(number)).status).toBe(PaymentStatus.Pending);

      const outcomes = await Promise.allSettled([1, 2].map(() => sut.collectCash(number, owner)));

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect((await paymentOf(number)).status).toBe(PaymentStatus.Paid);
      const detail = await sut.adminDetail(number);
      expect(detail.history.map((step) => step.label)).toEqual(['Placed', 'Shipped', 'Delivered', 'Cash collected']);
      expect(detail).toMatchObject({ paid: true, canCollectCash: false });
    });

    it('puts the units of a parcel refused at the door back on the shelf under their own ledger reason, with no email', async () => {
      const kurta = await aProduct(services, { stock: 5 });
      const { number } = await aCodOrder(kurta, 2);
      await sut.changeStatus(number, OrderStatus.Shipped, owner, { shipment: TCS });
      expect(await stockOf(kurta)).toBe(3);

      await sut.changeStatus(number, OrderStatus.Refused, owner, 'Customer not at home twice');

      expect(await stockOf(kurta)).toBe(5);
      const ledger = await repository(StockMovement).find({ where: { reference: number }, order: { id: 'ASC' } });
      expect(ledger.map(({ reason, delta }) => [reason, delta])).toEqual([
        [StockReason.Sale, -2],
        [StockReason.Refused, 2],
      ]);
      await expect(sut.changeStatus(number, OrderStatus.Delivered, owner)).rejects.toBeInstanceOf(StatusChangeNotAllowedError);
      expect(await repository(OutboxMessage).countBy({ kind: 'order_refused' })).toBe(0);
    });

    it('is refunded by hand once collected, recording the amount, with one email naming it', async () => {
      const kurta = await aProduct(services, { priceMinor: 300_000 });
      const order = await aCodOrder(kurta);
      await sut.changeStatus(order.number, OrderStatus.Shipped, owner, { shipment: TCS });
      await sut.changeStatus(order.number, OrderStatus.Delivered, owner, { cashCollected: true });

      await services.get(Refunds).refund(order.number, { amountMinor: order.totalMinor, restock: false, reason: 'Wrong size' }, owner);

      expect((await orderOf(order.number)).status).toBe(OrderStatus.Refunded);
      expect(await paymentOf(order.number)).toMatchObject({ status: PaymentStatus.Refunded, refundedMinor: order.totalMinor });
      const [mail] = await mailsOf(order.number, 'order_refunded');
      expect(mail.body).toContain(`We have refunded ${formatMoney(order.totalMinor, order.currency)} for your order`);
    });
  });

  describe('the customer cancelling', () => {
    const customer = systemActor('Customer (tracking page)');

    it('puts the units back, emails the customer and tells the owner, all once', async () => {
      const kurta = await aProduct(services, { stock: 4 });
      const { number } = await aCodOrder(kurta, 3);

      await sut.cancelByCustomer(number, customer);

      expect((await orderOf(number)).status).toBe(OrderStatus.Cancelled);
      expect(await stockOf(kurta)).toBe(4);
      expect(await mailsOf(number, 'order_cancelled')).toHaveLength(1);
      const [notice] = await mailsOf(number, 'order_cancelled_by_customer');
      expect(notice.recipient).toBe(OWNER.email);
      expect((await sut.adminDetail(number)).history.at(-1)).toMatchObject({ label: 'Cancelled', changedBy: 'Customer (tracking page)' });
    });

    it('is refused once the order has shipped, and changes nothing', async () => {
      const kurta = await aProduct(services, { stock: 4 });
      const { number } = await aCodOrder(kurta, 1);
      await sut.changeStatus(number, OrderStatus.Shipped, owner, { shipment: TCS });

      await expect(sut.cancelByCustomer(number, customer)).rejects.toBeInstanceOf(CancellationRefusedError);

      expect(await stockOf(kurta)).toBe(3);
      expect(await mailsOf(number, 'order_cancelled_by_customer')).toEqual([]);
    });

    it('races the owner shipping at the same moment: exactly one wins, and stock and emails follow the winner', async () => {
      const outcomes: OrderStatus[] = [];
      for (let round = 0; round < 6; round++) {
        const kurta = await aProduct(services, { stock: 3 });
        const { number } = await aCodOrder(kurta, 1);
        // Alternate who starts first, so both orders of arrival are tried.
        const cancel = () => sut.cancelByCustomer(number, customer);
        const ship = () => sut.changeStatus(number, OrderStatus.Shipped, owner, { shipment: TCS });
        const [first, second] = round % 2 === 0 ? [cancel, ship] : [ship, cancel];
        const settled = await Promise.allSettled([first(), second()]);

        expect(settled.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const status = (await orderOf(number)).status;
        outcomes.push(status);
        if (status === OrderStatus.Cancelled) {
          expect(await stockOf(kurta)).toBe(3);
          expect(await mailsOf(number, 'order_shipped')).toEqual([]);
          expect(await mailsOf(number, 'order_cancelled_by_customer')).toHaveLength(1);
        } else {
          expect(status).toBe(OrderStatus.Shipped);
          expect(await stockOf(kurta)).toBe(2);
          expect(await mailsOf(number, 'order_shipped')).toHaveLength(1);
          expect(await mailsOf(number, 'order_cancelled')).toEqual([]);
          expect(await mailsOf(number, 'order_cancelled_by_customer')).toEqual([]);
        }
      }
      expect(outcomes.every((status) => status === OrderStatus.Cancelled || status === OrderStatus.Shipped)).toBe(true);
    });
  });
});
