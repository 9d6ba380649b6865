import { User } from '../../src/auth/entities/user.entity.js';
import { CartService } from '../../src/cart/cart.service.js';
import { Cart } from '../../src/cart/entities/cart.entity.js';
import { InventoryService } from '../../src/catalog/inventory.service.js';
import { StockReason } from '../../src/catalog/stock-reason.js';
import { StockMovement } from '../../src/catalog/entities/stock-movement.entity.js';
import { Transactions } from '../../src/database/transactions.js';
import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { CodConfirmationExpiry } from '../../src/orders/cod-risk/cod-confirmation-expiry.service.js';
import { CodRisk } from '../../src/orders/cod-risk/cod-risk.service.js';
import { Order, OrderStatus, PaymentMethod } from '../../src/orders/entities/order.entity.js';
import { OrdersService } from '../../src/orders/orders.service.js';
import { CartReminders } from '../../src/reminders/cart-reminders.service.js';
import { StockAlerts } from '../../src/reminders/stock-alerts.service.js';
import { aCart, aProduct } from '../helpers/factories.js';
import { DELIVERY } from '../helpers/journeys.js';
import { OWNER, sameDatabaseAs, shopsClosedAfterEach, type TestShop } from '../helpers/test-shop.js';

/**
 * The after-sale jobs with two instances of the shop on one database, each running the job at the same
 * moment, as every instance does on its own timer: each order, cart and alert is acted on once.
 */
describe('after-sale jobs on two instances at once', () => {
  const open = shopsClosedAfterEach();
  let first: TestShop;
  let second: TestShop;

  beforeEach(async () => {
    first = await open({ MAIL_WORKER: '0', JOBS: '0' });
    second = await open({ ...sameDatabaseAs(first), MAIL_WORKER: '0', JOBS: '0' });
  });

  const inBoth = <T>(job: (shop: TestShop) => Promise<T>) => Promise.all([job(first), job(second)]);
  const mails = (kind: string) => first.dataSource.getRepository(OutboxMessage).findBy({ kind });

  it('cancels an unconfirmed risky order once, putting its units back once', async () => {
    const owner = { userId: (await first.dataSource.getRepository(User).findOneByOrFail({ email: OWNER.email })).id, email: OWNER.email, ip: '-' };
    const kurta = await aProduct(first, { stock: 5 });
    const orders = first.get(OrdersService);
    const place = async (quantity: number) =>
      orders.placeOrder(await aCart(first, [[kurta, quantity]]), { ...DELIVERY, paymentMethod: PaymentMethod.CashOnDelivery }, null);
    await orders.changeStatus((await place(1)).number, OrderStatus.Cancelled, owner);
    await first.get(CodRisk).saveThreshold(1, owner);
    const waiting = await place(2);
    expect(waiting.status).toBe(OrderStatus.AwaitingConfirmation);

    const later = new Date(Date.now() + 49 * 3_600_000);
    const runs = await inBoth((shop) => shop.get(CodConfirmationExpiry).cancelDue(later));

    expect(runs.flat()).toEqual([waiting.number]);
    expect((await first.dataSource.getRepository(Order).findOneByOrFail({ id: waiting.id })).status).toBe(OrderStatus.Cancelled);
    expect(await first.get(InventoryService).stockOf(kurta.variantIds[0])).toBe(5);
    expect(await first.dataSource.getRepository(StockMovement).countBy({ reference: waiting.number, reason: StockReason.NotConfirmed })).toBe(1);
  });

  it('reminds a cart once and emails a restocked size once', async () => {
    const kurta = await aProduct(first, { stock: 0 });
    const cartId = await aCart(first, [[await aProduct(first), 1]]);
    await first.get(CartService).rememberEmail(cartId, 'guest@example.test');
    await first.dataSource.getRepository(Cart).update({ id: cartId }, { updatedAt: new Date(Date.now() - 25 * 3_600_000) });
    await first.get(StockAlerts).subscribe(kurta.variantIds[0], 'waiting@example.test');

    expect((await inBoth((shop) => shop.get(CartReminders).sendDue(new Date()))).flat()).toEqual([cartId]);
    expect(await inBoth((shop) => shop.get(StockAlerts).sendDue())).toEqual([0, 0]);
    await first.get(Transactions).run((manager) => first.get(InventoryService).changeStock(manager, kurta.variantIds[0], 2, StockReason.Received, null));
    const sent = await inBoth((shop) => shop.get(StockAlerts).sendDue());

    expect(sent[0] + sent[1]).toBe(1);
    expect(await mails('cart_reminder')).toHaveLength(1);
    expect(await mails('back_in_stock')).toHaveLength(1);
  });
});
