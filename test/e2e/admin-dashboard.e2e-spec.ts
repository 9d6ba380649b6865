import { Role } from '../../src/auth/entities/user.entity.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { CatalogCache } from '../../src/catalog/cache/catalog-cache.js';
import { InventoryService } from '../../src/catalog/inventory.service.js';
import { StockReason } from '../../src/catalog/stock-reason.js';
import { Transactions } from '../../src/database/transactions.js';
import { Order, OrderStatus } from '../../src/orders/entities/order.entity.js';
import { SalesFigures } from '../../src/orders/sales-figures.service.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { countStatementsPerRequest, type StatementCounter } from '../helpers/statement-counter.js';
import { csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

/**
 * The dashboard must cost a fixed number of SQL statements however many orders, days of sales and
 * products there are: the request's own (the session, the signed-in account) and the page's (sales per
 * day, top products, the low-stock page and its count and broken-run flags, broken size runs with their
 * count and sizes, orders by status, recent orders) and the store settings every page shows. Measured:
 * 15 on SQLite and MariaDB alike, with the sales figures, the stock lists and the settings read afresh
 * (the figures are reused for half a minute, see SalesFigures; the stock lists and the settings until
 * the catalog changes, see StockReports and StorefrontSettings).
 */
const MAX_DASHBOARD_QUERIES = 15;

const omit = <T extends object, K extends keyof T>(row: T, key: K): Omit<T, K> => {
  const copy = { ...row };
  delete copy[key];
  return copy;
};

describe('the dashboard', () => {
  let shop: TestShop;
  let owner: Shopper;
  let statements: StatementCounter;

  beforeAll(async () => {
    shop = await startShop();
    statements = countStatementsPerRequest(shop);
    owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
  });
  afterAll(() => shop.close());

  it('shows today’s sales against yesterday’s, the chart, top products, low stock, broken size runs and recent orders', async () => {
    const kurta = await aProduct(shop, { name: 'Gota <b>Kurta</b>', stock: 5, priceMinor: 300_000, sizes: ['S', 'M'] });
    const buyer = new Shopper(shop.baseUrl);
    await addToCart(buyer, kurta, { quantity: 2 });
    const kept = (await checkout(buyer)).location?.split('/')[2] as string;
    await addToCart(buyer, kurta, { quantity: 1 });
    const cancelled = (await checkout(buyer)).location?.split('/')[2] as string;
    const detail = await owner.get(`/admin/orders/${cancelled}`);
    expect((await owner.post(`/admin/orders/${cancelled}/status`, { _csrf: csrfTokenIn(detail.html), status: 'cancelled' })).status).toBe(303);
    await shop.get(Transactions).run((manager) => shop.get(InventoryService).changeStock(manager, kurta.variantIds[0], -5, StockReason.Damaged, null));
    const total = (await shop.dataSource.getRepository(Order).findOneByOrFail({ number: kept })).totalMinor;

    const page = await owner.get('/admin');

    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Days run midnight to midnight in Asia/Karachi');
    expect(text).toContain('Revenue counts orders placed, confirmed, shipped, delivered, paid or not: cancelled, refused and refunded orders are left out.');
    const money = (minor: number) => `Rs ${(minor / 100).toLocaleString('en-PK')}`;
    expect(text).toMatch(new RegExp(`Today Revenue ${money(total)} — vs Rs 0 Orders 1 — vs 0 Average order ${money(total)} — vs Rs 0`));
    expect(page.html.match(/<rect /g)).toHaveLength(30);
    expect(page.html).not.toMatch(/ style=/);
    expect(text).toContain('Revenue and orders per day, last 30 days Day Orders Revenue');
    expect(text).toMatch(new RegExp(`Top products, last 30 days Product Units Revenue Gota <b>Kurta</b> 2 ${money(600_000)}`));
    expect(page.html).toContain('Gota &lt;b&gt;Kurta&lt;/b&gt;');
    expect(text).toMatch(/Low stock .* Gota <b>Kurta<\/b> S \/ Indigo \S+ 0 3 Sold out Broken size run/);
    expect(text).toContain('Gota <b>Kurta</b> in Indigo: sold out in S ; in stock in M');
    expect(text).toContain(kept);
    expect(page.html).toContain('<a href="/admin" aria-current="page">Dashboard</a>');
  });

  it('is open to staff as well as the owner', async () => {
    const staffMember = { name: 'Dashboard Staff', email: 'dash-staff@example.test', password: 'a-long-enough-password' };
    await shop.get(AuthService).register(staffMember, Role.Staff);
    const staff = new Shopper(shop.baseUrl);
    expect((await staff.submit('/login', '/login', staffMember)).status).toBe(303);
    expect((await staff.get('/admin')).status).toBe(200);
  });

  it(`runs the same number of statements, at most ${MAX_DASHBOARD_QUERIES}, with a few orders and products or many more over 60 days`, async () => {
    const measure = async () => {
      shop.get(SalesFigures).forget();
      await shop.get(CatalogCache).invalidate();
      statements.take();
      expect((await owner.get('/admin')).status).toBe(200);
      return statements.take().length;
    };
    const small = await measure();

    // Many more: orders on every one of the last 60 days, in every status, and products running low and with broken size runs.
    const [template] = await shop.dataSource.getRepository(Order).find({ take: 1 });
    const statuses = Object.values(OrderStatus);
    const orders = Array.from({ length: 300 }, (_, i) => ({
      ...omit(template, 'id'),
      number: `AK-MANY${String(i).padStart(4, '0')}`,
      // Each checkout form's key is unique; these copies come from no form.
      checkoutKey: null,
      status: statuses[i % statuses.length],
      placedAt: new Date(Date.now() - (i % 60) * 86_400_000 - i * 1000),
    }));
    await shop.dataSource.getRepository(Order).insert(orders);
    for (let n = 0; n < 12; n += 1) {
      const product = await aProduct(shop, { stock: 2, sizes: ['S', 'M', 'L'] });
      await shop.get(Transactions).run((manager) => shop.get(InventoryService).changeStock(manager, product.variantIds[0], -2, StockReason.Damaged, null));
    }
    const large = await measure();

    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(MAX_DASHBOARD_QUERIES);
  });
});
