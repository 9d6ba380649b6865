import { jest } from '@jest/globals';
import type { Actor } from '../audit/actor.js';
import { AuditEntry } from '../audit/entities/audit-entry.entity.js';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { aCart, aProduct, type ProductFixture } from '../../test/helpers/factories.js';
import { DELIVERY } from '../../test/helpers/journeys.js';
import { orderFootprint } from '../../test/helpers/order-footprint.js';
import { serviceModule, type ServiceModule } from '../../test/helpers/service-module.js';
import { OWNER } from '../../test/helpers/test-shop.js';
import { AuthService } from '../auth/auth.service.js';
import { Role, User } from '../auth/entities/user.entity.js';
import { CartService } from '../cart/cart.service.js';
import { SoldOutError } from '../catalog/catalog.errors.js';
import { Product } from '../catalog/entities/product.entity.js';
import { StockMovement } from '../catalog/entities/stock-movement.entity.js';
import { Variant } from '../catalog/entities/variant.entity.js';
import { InventoryService } from '../catalog/inventory.service.js';
import { StockReason } from '../catalog/stock-reason.js';
import { OutboxMessage, OutboxStatus } from '../mail/entities/outbox-message.entity.js';
import type { CheckoutForm } from './dto/checkout.form.js';
import { OrderLine } from './entities/order-line.entity.js';
import { OrderStatusChange } from './entities/order-status-change.entity.js';
import { Order, OrderStatus, PaymentMethod } from './entities/order.entity.js';
import { EmptyCartError, StatusChangeNotAllowedError } from './orders.errors.js';
import { OrdersModule } from './orders.module.js';
import { OrdersService } from './orders.service.js';

/**
 * The money and stock rules of placing and moving orders, proven where the database can disagree:
 * OrdersService's real transaction on the driver this run uses (SQLite, or MySQL/MariaDB when
 * DATABASE_URL points at one), without HTTP.
 */
describe('OrdersService on a real database', () => {
  let services: ServiceModule;
  let sut: OrdersService;
  let carts: CartService;
  let inventory: InventoryService;
  let ownerId: number;
  let owner: Actor;

  beforeAll(async () => {
    services = await serviceModule(OrdersModule);
    sut = services.get(OrdersService);
    carts = services.get(CartService);
    inventory = services.get(InventoryService);
    ownerId = (await repository(User).findOneByOrFail({ email: OWNER.email })).id;
    owner = { userId: ownerId, email: OWNER.email, ip: '203.0.113.7' };
  });
  afterAll(() => services.close());
  afterEach(() => jest.restoreAllMocks());

  const repository = <T extends ObjectLiteral>(entity: EntityTarget<T>) => services.dataSource.getRepository(entity);
  const delivery = (shippingMethod = 'standard'): CheckoutForm => ({ ...DELIVERY, shippingMethod, paymentMethod: PaymentMethod.CashOnDelivery });
  const footprint = (...products: ProductFixture[]) => orderFootprint(services.dataSource, products);
  const cartLines = async (cartId: number) => (await carts.view(cartId)).lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity }));
  const unitsSold = async (product: ProductFixture) => (await repository(Product).findOneByOrFail({ slug: product.slug })).unitsSold;
  /** An order for `quantity` of the product, placed by a guest (or the customer given). */
  const anOrder = async (product: ProductFixture, quantity = 1, userId: number | null = null) =>
    sut.placeOrder(await aCart(services, [[product, quantity]]), delivery(), userId);

  describe('placing an order', () => {
    // Standard delivery costs 250.00 and is free from a subtotal of 5,000.00; express costs 600.00 always.
    it.each([
      {
        what: 'charges standard delivery below the free threshold',
        shipping: 'standard',
        prices: [120_000, 99_900],
        subtotalMinor: 339_900,
        shippingMinor: 25_000,
      },
      {
        what: 'delivers free by standard from a subtotal of exactly the threshold',
        shipping: 'standard',
        prices: [200_000, 100_000],
        subtotalMinor: 500_000,
        shippingMinor: 0,
      },
      { what: 'charges express delivery whatever the subtotal', shipping: 'express', prices: [250_000, 99_900], subtotalMinor: 599_900, shippingMinor: 60_000 },
    ])('totals in minor units: subtotal Σ price × quantity, shipping by method; $what', async ({ shipping, prices, subtotalMinor, shippingMinor }) => {
      const [first, second] = [await aProduct(services, { priceMinor: prices[0] }), await aProduct(services, { priceMinor: prices[1] })];
      const cartId = await aCart(services, [
        [first, 2],
        [second, 1],
      ]);

      const order = await sut.placeOrder(cartId, delivery(shipping), null);

      expect(order).toMatchObject({ subtotalMinor, shippingMinor, totalMinor: subtotalMinor + shippingMinor, currency: expect.stringMatching(/^[A-Z]{3}$/) });
      const lines = await repository(OrderLine).find({ where: { orderId: order.id }, order: { variantId: 'ASC' } });
      expect(lines.map(({ unitPriceMinor, quantity, lineTotalMinor }) => ({ unitPriceMinor, quantity, lineTotalMinor }))).toEqual([
        { unitPriceMinor: prices[0], quantity: 2, lineTotalMinor: prices[0] * 2 },
        { unitPriceMinor: prices[1], quantity: 1, lineTotalMinor: prices[1] },
      ]);
    });

    it('keeps the prices of the moment it was placed: a later price change leaves the order as it was', async () => {
      const kurta = await aProduct(services, { priceMinor: 180_000, name: 'Ravi Kurta' });
      const order = await anOrder(kurta, 2);

      await repository(Variant).update({ id: kurta.variantIds[0] }, { priceMinor: 99_000 });

      expect(await repository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ subtotalMinor: 360_000, shippingMinor: 25_000, totalMinor: 385_000 });
      expect(await repository(OrderLine).findOneByOrFail({ orderId: order.id })).toMatchObject({
        productName: 'Ravi Kurta',
        variantLabel: 'M / Indigo',
        unitPriceMinor: 180_000,
        lineTotalMinor: 360_000,
      });
    });

    it('takes the stock, counts the sale, starts the history, queues one confirmation email and empties the cart', async () => {
      const [kurta, dupatta] = [await aProduct(services, { stock: 6 }), await aProduct(services, { stock: 4 })];
      const cartId = await aCart(services, [
        [kurta, 2],
        [dupatta, 1],
      ]);
      const before = await footprint(kurta, dupatta);

      const order = await sut.placeOrder(cartId, delivery(), null);

      expect(order).toMatchObject({
        status: OrderStatus.Placed,
        email: DELIVERY.email,
        fullName: DELIVERY.fullName,
        paymentMethod: PaymentMethod.CashOnDelivery,
      });
      expect(await footprint(kurta, dupatta)).toEqual({
        ...before,
        orders: before.orders + 1,
        orderLines: before.orderLines + 2,
        statusChanges: before.statusChanges + 1,
        outbox: before.outbox + 1,
        stockMovements: before.stockMovements + 2,
        stock: [4, 3],
        unitsSold: [2, 1],
      });
      expect(await repository(StockMovement).countBy({ reason: StockReason.Sale, reference: order.number })).toBe(2);
      expect(await repository(OrderStatusChange).findBy({ orderId: order.id })).toEqual([
        expect.objectContaining({ fromStatus: null, toStatus: OrderStatus.Placed, changedByUserId: null }),
      ]);
      expect(await repository(OutboxMessage).findBy({ subject: `Your Anarkali order ${order.number}` })).toEqual([
        expect.objectContaining({
          kind: 'order_confirmation',
          recipient: DELIVERY.email,
          status: OutboxStatus.Pending,
          body: expect.stringContaining(order.number),
        }),
      ]);
      expect((await carts.view(cartId)).isEmpty).toBe(true);
    });

    it("queues the confirmation email in the order's own transaction: a failure after it leaves neither order nor email", async () => {
      const kurta = await aProduct(services, { stock: 3 });
      const cartId = await aCart(services, [[kurta, 1]]);
      const before = await footprint(kurta);
      jest.spyOn(carts, 'empty').mockRejectedValueOnce(new Error('the connection dropped'));

      await expect(sut.placeOrder(cartId, delivery(), null)).rejects.toThrow('the connection dropped');

      expect(await footprint(kurta)).toEqual(before);
      expect(await cartLines(cartId)).toEqual([{ variantId: kurta.variantIds[0], quantity: 1 }]);
    });

    it.each([
      { what: 'no cart at all', cart: () => Promise.resolve(undefined) },
      { what: 'a cart that does not exist', cart: () => Promise.resolve(987_654) },
      {
        what: 'a cart whose lines were all removed',
        cart: async () => {
          const cartId = await aCart(services, [[await aProduct(services), 1]]);
          await carts.removeLine(cartId, (await carts.view(cartId)).lines[0].lineId);
          return cartId;
        },
      },
    ])('refuses $what with EmptyCartError and writes nothing', async ({ cart }) => {
      const cartId = await cart();
      const before = await footprint();

      await expect(sut.placeOrder(cartId, delivery(), null)).rejects.toThrow(EmptyCartError);

      expect(await footprint()).toEqual(before);
    });

    it('refuses a cart whose second line sold out meanwhile with SoldOutError, writing nothing and taking no stock from the first line', async () => {
      const [kurta, shawl] = [await aProduct(services, { stock: 5, name: 'Jhelum Kurta' }), await aProduct(services, { stock: 1, name: 'Indus Shawl' })];
      const cartId = await aCart(services, [
        [kurta, 2],
        [shawl, 1],
      ]);
      // Another customer buys the last shawl while this one fills in the delivery form.
      await anOrder(shawl);
      const before = await footprint(kurta, shawl);

      await expect(sut.placeOrder(cartId, delivery(), null)).rejects.toThrow(SoldOutError);

      expect(await footprint(kurta, shawl)).toEqual(before);
      expect(before.stock).toEqual([5, 0]);
      expect(await cartLines(cartId)).toEqual([
        { variantId: kurta.variantIds[0], quantity: 2 },
        { variantId: shawl.variantIds[0], quantity: 1 },
      ]);
    });

    it('sells the last unit to exactly one of 10 simultaneous checkouts; the nine others keep it in their carts', async () => {
      const shawl = await aProduct(services, { stock: 1 });
      const cartIds: number[] = [];
      for (let i = 0; i < 10; i++) cartIds.push(await aCart(services, [[shawl, 1]]));
      const before = await footprint(shawl);

      const outcomes = await Promise.allSettled(cartIds.map((cartId) => sut.placeOrder(cartId, delivery(), null)));

      const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      expect(refusals).toHaveLength(9);
      for (const refusal of refusals) expect(refusal).toBeInstanceOf(SoldOutError);
      expect(await footprint(shawl)).toMatchObject({ orders: before.orders + 1, outbox: before.outbox + 1, stock: [0], unitsSold: [1] });
      const kept = await Promise.all(cartIds.map(async (cartId) => (await cartLines(cartId)).length));
      expect(kept.filter((lines) => lines === 1)).toHaveLength(9);
    });

    it('places a cart submitted twice at the same moment once; the second submit finds it empty', async () => {
      const kurta = await aProduct(services, { stock: 5 });
      const cartId = await aCart(services, [[kurta, 2]]);
      const before = await footprint(kurta);

      const outcomes = await Promise.allSettled([sut.placeOrder(cartId, delivery(), null), sut.placeOrder(cartId, delivery(), null)]);

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []))).toEqual([expect.any(EmptyCartError)]);
      expect(await footprint(kurta)).toMatchObject({ orders: before.orders + 1, outbox: before.outbox + 1, stock: [3], unitsSold: [2] });
    });
  });

  describe("changing an order's status", () => {
    const statusOf = async (number: string) => (await repository(Order).findOneByOrFail({ number })).status;

    it.each([
      { from: OrderStatus.Placed, movesFirst: [] },
      { from: OrderStatus.Confirmed, movesFirst: [OrderStatus.Confirmed] },
    ])('puts a cancelled $from order back on the shelf and takes it out of units sold', async ({ movesFirst }) => {
      const dupatta = await aProduct(services, { stock: 5 });
      const { number } = await anOrder(dupatta, 2);
      for (const status of movesFirst) await sut.changeStatus(number, status, owner);
      expect([await inventory.stockOf(dupatta.variantIds[0]), await unitsSold(dupatta)]).toEqual([3, 2]);

      await sut.changeStatus(number, OrderStatus.Cancelled, owner);

      expect(await statusOf(number)).toBe(OrderStatus.Cancelled);
      expect([await inventory.stockOf(dupatta.variantIds[0]), await unitsSold(dupatta)]).toEqual([5, 0]);
      const ledger = await repository(StockMovement).find({ where: { reference: number }, order: { id: 'ASC' } });
      expect(ledger.map(({ reason, delta }) => [reason, delta])).toEqual([
        [StockReason.Sale, -2],
        [StockReason.OrderCancelled, 2],
      ]);
    });

    it('refuses to cancel a shipped order, whose goods have left: its status, stock and history stay as they were', async () => {
      const dupatta = await aProduct(services, { stock: 5 });
      const order = await anOrder(dupatta, 2);
      await sut.changeStatus(order.number, OrderStatus.Shipped, owner, { shipment: { carrier: 'tcs', trackingNumber: '7781 2290 14' } });
      const before = await footprint(dupatta);

      await expect(sut.changeStatus(order.number, OrderStatus.Cancelled, owner)).rejects.toThrow(new StatusChangeNotAllowedError('Shipped', 'Cancelled'));

      expect(await statusOf(order.number)).toBe(OrderStatus.Shipped);
      expect(await footprint(dupatta)).toEqual(before);
    });

    it('moves an order once when two staff cancel it at the same moment, so its units go back once', async () => {
      const dupatta = await aProduct(services, { stock: 5 });
      const order = await anOrder(dupatta, 2);

      const outcomes = await Promise.allSettled([1, 2].map(() => sut.changeStatus(order.number, OrderStatus.Cancelled, owner)));

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []))).toEqual([
        expect.any(StatusChangeNotAllowedError),
      ]);
      expect(await repository(OrderStatusChange).countBy({ orderId: order.id, toStatus: OrderStatus.Cancelled })).toBe(1);
      expect([await inventory.stockOf(dupatta.variantIds[0]), await unitsSold(dupatta)]).toEqual([5, 0]);
    });

    it('records every move in the history with who made it, from the customer who placed the order on', async () => {
      const auth = services.get(AuthService);
      const customer = await auth.register({ name: 'Ayesha Khan', email: 'ayesha.history@example.test', password: 'a long customer password' });
      const staff = await auth.register({ name: 'Bilal Staff', email: 'bilal.history@example.test', password: 'a long staff password' }, Role.Staff);
      const { number } = await anOrder(await aProduct(services), 1, customer.id);

      await sut.changeStatus(number, OrderStatus.Confirmed, owner);
      await sut.changeStatus(
        number,
        OrderStatus.Shipped,
        { userId: staff.id, email: staff.email, ip: '198.51.100.4' },
        { shipment: { carrier: 'tcs', trackingNumber: '7781 2290' } },
      );
      await sut.changeStatus(number, OrderStatus.Delivered, owner);

      const rows = await repository(OrderStatusChange).find({
        where: { orderId: (await repository(Order).findOneByOrFail({ number })).id },
        order: { id: 'ASC' },
      });
      expect(rows.map(({ fromStatus, toStatus, changedByUserId, note }) => ({ fromStatus, toStatus, changedByUserId, note }))).toEqual([
        { fromStatus: null, toStatus: OrderStatus.Placed, changedByUserId: customer.id, note: null },
        { fromStatus: OrderStatus.Placed, toStatus: OrderStatus.Confirmed, changedByUserId: ownerId, note: null },
        { fromStatus: OrderStatus.Confirmed, toStatus: OrderStatus.Shipped, changedByUserId: staff.id, note: 'TCS, tracking number 7781 2290' },
        { fromStatus: OrderStatus.Shipped, toStatus: OrderStatus.Delivered, changedByUserId: ownerId, note: null },
      ]);
      const { history } = await sut.adminDetail(number);
      expect(history.map(({ label, changedBy }) => ({ label, changedBy }))).toEqual([
        { label: 'Placed', changedBy: null },
        { label: 'Confirmed', changedBy: OWNER.email },
        { label: 'Shipped', changedBy: staff.email },
        { label: 'Delivered', changedBy: OWNER.email },
      ]);
      // The audit log has the same moves, with where each came from.
      const audited = await repository(AuditEntry).find({ where: { subjectType: 'order', subjectId: number }, order: { id: 'ASC' } });
      expect(audited.map(({ action, actorUserId, actorEmail, ip, before, after }) => ({ action, actorUserId, actorEmail, ip, before, after }))).toEqual([
        {
          action: 'order.status_changed',
          actorUserId: ownerId,
          actorEmail: OWNER.email,
          ip: '203.0.113.7',
          before: '{"status":"placed"}',
          after: '{"status":"confirmed"}',
        },
        {
          action: 'order.status_changed',
          actorUserId: staff.id,
          actorEmail: staff.email,
          ip: '198.51.100.4',
          before: '{"status":"confirmed"}',
          after: '{"status":"shipped","note":"TCS, tracking number 7781 2290","carrier":"tcs","trackingNumber":"7781 2290"}',
        },
        {
          action: 'order.status_changed',
          actorUserId: ownerId,
          actorEmail: OWNER.email,
          ip: '203.0.113.7',
          before: '{"status":"shipped"}',
          after: '{"status":"delivered"}',
        },
      ]);
    });

    it('writes no audit row for a move that was refused', async () => {
      const order = await anOrder(await aProduct(services), 1);
      await sut.changeStatus(order.number, OrderStatus.Shipped, owner, { shipment: { carrier: 'tcs', trackingNumber: '7781 2290 14' } });
      await expect(sut.changeStatus(order.number, OrderStatus.Cancelled, owner)).rejects.toBeInstanceOf(StatusChangeNotAllowedError);
      expect(await repository(AuditEntry).countBy({ subjectType: 'order', subjectId: order.number })).toBe(1);
    });
  });
});
