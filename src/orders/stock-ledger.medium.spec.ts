import { jest } from '@jest/globals';
import { aCart, aProduct, type ProductFixture } from '../../test/helpers/factories.js';
import { DELIVERY } from '../../test/helpers/journeys.js';
import { serviceModule, type ServiceModule } from '../../test/helpers/service-module.js';
import { OWNER } from '../../test/helpers/test-shop.js';
import type { Actor } from '../audit/actor.js';
import { User } from '../auth/entities/user.entity.js';
import { DemoCatalogSeeder } from '../catalog/demo-catalog.seeder.js';
import { ProductImageThumbnails } from '../catalog/images/thumbnails.js';
import { InventoryService } from '../catalog/inventory.service.js';
import { StockReason } from '../catalog/stock-reason.js';
import { OrderStatus, PaymentMethod } from './entities/order.entity.js';
import { OrdersModule } from './orders.module.js';
import { OrdersService } from './orders.service.js';

/**
 * The inventory ledger always sums to the stock: for every variant, the changes in stock_movement add
 * up to variant.stock, after the demo seed's initial stock, orders, cancellations, refused orders and
 * adjustments by hand, some of them at the same moment. Proven on the driver this run uses.
 */
describe('the stock ledger on a real database', () => {
  let services: ServiceModule;
  let orders: OrdersService;
  let inventory: InventoryService;
  let owner: Actor;

  beforeAll(async () => {
    services = await serviceModule(OrdersModule);
    orders = services.get(OrdersService);
    inventory = services.get(InventoryService);
    const ownerId = (await services.dataSource.getRepository(User).findOneByOrFail({ email: OWNER.email })).id;
    owner = { userId: ownerId, email: OWNER.email, ip: '203.0.113.5' };
    // The demo's pictures need no thumbnails here; resizing them would only load the machine.
    jest.spyOn(services.get(ProductImageThumbnails), 'startForProducts').mockImplementation(() => undefined);
    await services.get(DemoCatalogSeeder).seed();
  });
  afterAll(() => services.close());

  /** Variants whose ledger does not add up to their stock, as "id: stock ≠ sum": none, when the ledger holds. */
  async function variantsOutOfLedger(): Promise<string[]> {
    const rows = await services.dataSource.query<{ id: number; stock: number; total: number | string }[]>(
      `SELECT v.id AS id, v.stock AS stock, COALESCE(SUM(m.delta), 0) AS total
         FROM variant v LEFT JOIN stock_movement m ON m.variantId = v.id
        GROUP BY v.id, v.stock`,
    );
    expect(rows.length).toBeGreaterThan(100);
    return rows.filter((row) => Number(row.stock) !== Number(row.total)).map((row) => `${row.id}: ${row.stock} ≠ ${row.total}`);
  }

  /** A demo product's variant that has stock, as the cart picks it (slug, size, colour). */
  async function demoVariantWithStock(skip: number): Promise<{ product: ProductFixture; size: string; colour: string; variantId: number }> {
    const [row] = await services.dataSource.query<{ slug: string; size: string; colour: string; id: number }[]>(
      `SELECT p.slug AS slug, v.size AS size, v.colour AS colour, v.id AS id FROM variant v JOIN product p ON p.id = v.productId
        WHERE v.stock >= 3 AND v.size IS NOT NULL ORDER BY v.id LIMIT 1 OFFSET ${Number(skip)}`,
    );
    return { product: { slug: row.slug, name: '', categorySlug: '', variantIds: [] }, size: row.size, colour: row.colour, variantId: Number(row.id) };
  }

  const delivery = { ...DELIVERY, paymentMethod: PaymentMethod.CashOnDelivery };

  it('holds for the demo catalog as seeded: its initial stock is in the ledger', async () => {
    expect(await variantsOutOfLedger()).toEqual([]);
  });

  it('holds after orders, cancellations, a refused order and adjustments by hand', async () => {
    const picks = await Promise.all([0, 7, 19].map((skip) => demoVariantWithStock(skip)));
    const placed = [];
    for (const [i, pick] of picks.entries()) {
      const cartId = await aCart(services, [[pick.product, i + 1, { size: pick.size, colour: pick.colour }]]);
      placed.push(await orders.placeOrder(cartId, delivery, null));
    }
    await orders.changeStatus(placed[0].number, OrderStatus.Cancelled, owner);
    await orders.changeStatus(placed[1].number, OrderStatus.Shipped, owner, { shipment: { carrier: 'tcs', trackingNumber: '7781 2290 14' } });
    const tooMany = await aCart(services, [[picks[2].product, 2, { size: picks[2].size, colour: picks[2].colour }]]);
    await inventory.adjust(
      { variantId: picks[2].variantId, delta: -(await inventory.stockOf(picks[2].variantId)) + 1, reason: StockReason.Damaged, note: null },
      owner,
    );
    await expect(orders.placeOrder(tooMany, delivery, null)).rejects.toThrow(/Only 1 of/);
    await inventory.adjust({ variantId: picks[1].variantId, delta: 24, reason: StockReason.Received, note: 'Delivery' }, owner);
    await inventory.adjust({ variantId: picks[0].variantId, delta: 1, reason: StockReason.Returned, note: null }, owner);

    expect(await variantsOutOfLedger()).toEqual([]);
  });

  it('holds when orders and adjustments of the same variant race each other', async () => {
    const kurta = await aProduct(services, { stock: 6 });
    const [variantId] = kurta.variantIds;
    const carts = await Promise.all(Array.from({ length: 8 }, () => aCart(services, [[kurta, 1]])));

    const outcomes = await Promise.allSettled([
      ...carts.map((cartId) => orders.placeOrder(cartId, delivery, null)),
      inventory.adjust({ variantId, delta: -3, reason: StockReason.Damaged, note: null }, owner),
      inventory.adjust({ variantId, delta: 2, reason: StockReason.Received, note: null }, owner),
    ]);

    expect(outcomes.some((outcome) => outcome.status === 'rejected')).toBe(true);
    expect(await inventory.stockOf(variantId)).toBeGreaterThanOrEqual(0);
    expect(await variantsOutOfLedger()).toEqual([]);
  });
});
