import { AuthService } from '../../src/auth/auth.service.js';
import { Role } from '../../src/auth/entities/user.entity.js';
import { InventoryService } from '../../src/catalog/inventory.service.js';
import { Product } from '../../src/catalog/entities/product.entity.js';
import { StockMovement } from '../../src/catalog/entities/stock-movement.entity.js';
import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { OrderStatusChange } from '../../src/orders/entities/order-status-change.entity.js';
import { Order, OrderStatus } from '../../src/orders/entities/order.entity.js';
import { registerAndSignIn } from '../helpers/accounts.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { routesOf, sampleUrl } from '../helpers/routes.js';
import { csrfTokenIn, decodedLinks, Shopper, textOf } from '../helpers/shopper.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

describe('the owner ships an order; nobody else gets into /admin', () => {
  let shop: TestShop;
  let number: string;

  beforeAll(async () => {
    shop = await startShop();
    const product = await aProduct(shop, { name: 'Anarkali Maxi Dress' });
    const guest = new Shopper(shop.baseUrl);
    await addToCart(guest, product);
    number = (await checkout(guest)).location?.split('/')[2] as string;
  });
  afterAll(() => shop.close());

  const adminRoutes = () => routesOf(shop).filter((route) => route.path.startsWith('/admin'));

  it('lets the owner see the new order, open it and mark it shipped, and the history grows', async () => {
    const owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);

    const list = await owner.get('/admin/orders');
    expect(list.status).toBe(200);
    expect(textOf(list.html)).toContain(number);
    expect(textOf(list.html)).toContain('Ayesha Khan');

    const detail = await owner.get(`/admin/orders/${number}`);
    expect(textOf(detail.html)).toContain('Anarkali Maxi Dress');
    expect(textOf(detail.html)).toContain('Ship and email the customer');

    const shipped = await owner.post(`/admin/orders/${number}/status`, {
      _csrf: csrfTokenIn(detail.html),
      status: 'shipped',
      carrier: 'leopards',
      trackingNumber: 'LE7781229014',
    });
    expect(shipped.status).toBe(303);
    const after = await owner.follow(shipped);
    expect(textOf(after.html)).toContain(`Order ${number} is now shipped.`);
    expect(textOf(after.html)).toContain('Mark as delivered');

    const order = await shop.dataSource.getRepository(Order).findOneByOrFail({ number });
    expect(order.status).toBe(OrderStatus.Shipped);
    const history = await shop.dataSource.getRepository(OrderStatusChange).find({ where: { orderId: order.id }, order: { id: 'ASC' } });
    expect(history.map((h) => h.toStatus)).toEqual([OrderStatus.Placed, OrderStatus.Shipped]);

    // Shipping again is not a move the state machine allows: a message, and nothing changes.
    const again = await owner.post(`/admin/orders/${number}/status`, {
      _csrf: csrfTokenIn(after.html),
      status: 'shipped',
      carrier: 'leopards',
      trackingNumber: 'LE7781229014',
    });
    expect(textOf((await owner.follow(again)).html)).toContain('cannot be marked Shipped');
    expect(await shop.dataSource.getRepository(OrderStatusChange).countBy({ orderId: order.id })).toBe(2);
  });

  it('cancelling a placed order puts its units back on the shelf, in the ledger and out of units sold', async () => {
    const product = await aProduct(shop, { name: 'Ravi Silk Dupatta', stock: 5 });
    const buyer = new Shopper(shop.baseUrl);
    await addToCart(buyer, product, { quantity: 2 });
    const placed = (await checkout(buyer)).location?.split('/')[2] as string;
    const catalog = shop.get(InventoryService);
    const [variantId] = product.variantIds;
    const unitsSold = async () => (await shop.dataSource.getRepository(Product).findOneByOrFail({ slug: product.slug })).unitsSold;
    expect(await catalog.stockOf(variantId)).toBe(3);
    expect(await unitsSold()).toBe(2);

    const owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
    const detail = await owner.get(`/admin/orders/${placed}`);
    expect((await owner.post(`/admin/orders/${placed}/status`, { _csrf: csrfTokenIn(detail.html), status: 'cancelled' })).status).toBe(303);

    expect((await shop.dataSource.getRepository(Order).findOneByOrFail({ number: placed })).status).toBe(OrderStatus.Cancelled);
    expect(await catalog.stockOf(variantId)).toBe(5);
    expect(await unitsSold()).toBe(0);
    const ledger = await shop.dataSource.getRepository(StockMovement).find({ where: { variantId, reference: placed }, order: { id: 'ASC' } });
    expect(ledger.map((m) => [m.reason, m.delta])).toEqual([
      ['sale', -2],
      ['order cancelled', 2],
    ]);
  });

  it('moves an order once when two staff press the same button at the same moment', async () => {
    const product = await aProduct(shop, { name: 'Basant Tote Bag', stock: 5 });
    const buyer = new Shopper(shop.baseUrl);
    await addToCart(buyer, product);
    const placed = (await checkout(buyer)).location?.split('/')[2] as string;
    const owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
    const token = csrfTokenIn((await owner.get(`/admin/orders/${placed}`)).html);

    const presses = await Promise.all([1, 2].map(() => owner.post(`/admin/orders/${placed}/status`, { _csrf: token, status: 'cancelled' })));
    expect(presses.map((press) => press.status)).toEqual([303, 303]);
    const order = await shop.dataSource.getRepository(Order).findOneByOrFail({ number: placed });
    expect(await shop.dataSource.getRepository(OrderStatusChange).countBy({ orderId: order.id, toStatus: OrderStatus.Cancelled })).toBe(1);
    expect(await shop.get(InventoryService).stockOf(product.variantIds[0])).toBe(5);
  });

  it('pages through the orders, 25 to a page, keeping the status filter, a page past the last showing the last', async () => {
    const product = await aProduct(shop, { name: 'Shalimar Kids Tee', stock: 100 });
    const buyer = new Shopper(shop.baseUrl);
    while ((await shop.dataSource.getRepository(Order).countBy({ status: OrderStatus.Placed })) <= 25) {
      await addToCart(buyer, product);
      expect((await checkout(buyer)).status).toBe(303);
    }
    const placed = await shop.dataSource.getRepository(Order).countBy({ status: OrderStatus.Placed });
    const owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);

    const first = await owner.get('/admin/orders?status=placed');
    expect(textOf(first.html)).toContain('Page 1 of 2');
    const next = /href="([^"]+)" rel="next"/.exec(decodedLinks(first.html))?.[1];
    expect(next).toBe('/admin/orders?status=placed&page=2');
    const second = await owner.get(next as string);
    expect(textOf(second.html)).toContain('Page 2 of 2');
    expect(second.html.match(/\/admin\/orders\/AK-/g)?.length ?? 0).toBeGreaterThan(0);
    const beyond = await owner.get('/admin/orders?status=placed&page=99');
    expect(textOf(beyond.html)).toContain('Page 2 of 2');
    expect(textOf(beyond.html)).toContain(`${placed} orders`);
  });

  it('answers 403 to a signed-in customer on every /admin route', async () => {
    const customer = new Shopper(shop.baseUrl);
    await registerAndSignIn(customer, { name: 'Curious Customer', email: 'curious@example.test', password: 'a-long-enough-password' });
    const token = csrfTokenIn((await customer.get('/')).html);
    expect(adminRoutes().length).toBeGreaterThanOrEqual(4);
    for (const route of adminRoutes()) {
      const url = sampleUrl(route.path).replace('AK-SAMPLE1', number);
      const response = route.method === 'GET' ? await customer.get(url) : await customer.post(url, { _csrf: token, status: 'cancelled' });
      expect({ route, status: response.status }).toEqual({ route, status: 403 });
    }
    expect((await shop.dataSource.getRepository(Order).findOneByOrFail({ number })).status).not.toBe(OrderStatus.Cancelled);
  });

  it('sends a visitor on every /admin route to sign in', async () => {
    for (const route of adminRoutes().filter((r) => r.method === 'GET')) {
      const response = await new Shopper(shop.baseUrl).get(sampleUrl(route.path));
      expect({ route, status: response.status, location: response.location?.split('?')[0] }).toEqual({ route, status: 303, location: '/login' });
    }
  });
});

describe('the customers page: who shops here, whether their email is confirmed, how often they ordered', () => {
  const PASSWORD = 'a-long-enough-password';
  let shop: TestShop;
  let owner: Shopper;

  beforeAll(async () => {
    shop = await startShop({ MAIL_WORKER: '0' });
    const auth = shop.get(AuthService);
    for (let n = 1; n <= 25; n++) await auth.register({ name: `Customer ${n}`, email: `customer${n}@example.test`, password: PASSWORD });
    await auth.register({ name: 'Shop Helper', email: 'helper@example.test', password: PASSWORD }, Role.Staff);

    // The newest customer confirms her address and orders twice; her name needs escaping.
    const hina = new Shopper(shop.baseUrl);
    await registerAndSignIn(hina, { name: 'Hina <b>Qureshi</b>', email: 'hina_q@example.test', password: PASSWORD });
    const product = await aProduct(shop);
    for (let n = 0; n < 2; n++) {
      await addToCart(hina, product);
      expect((await checkout(hina, { email: 'hina_q@example.test' })).status).toBe(303);
    }
    const email = await shop.dataSource.getRepository(OutboxMessage).findOneByOrFail({ kind: 'verify_email', recipient: 'hina_q@example.test' });
    const link = /\/email\/verify\/[\w-]{43}/.exec(email.body)?.[0] as string;
    expect((await hina.submit(link, link, {})).status).toBe(303);

    owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
  });
  afterAll(() => shop.close());

  /** Each row of the customers table as the text a person reads. */
  function rowsOf(html: string): string[] {
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
    return (body.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((row) => textOf(row).trim());
  }

  it('lists customer accounts newest first, 25 to a page, each Verified or Not verified, with its number of orders', async () => {
    const first = await owner.get('/admin/customers');
    expect(first.status).toBe(200);
    expect(textOf(first.html)).toContain('26 customers');
    const rows = rowsOf(first.html);
    expect(rows).toHaveLength(25);
    expect(rows[0]).toMatch(/^Hina <b>Qureshi<\/b> hina_q@example\.test Verified \d.* 2$/);
    expect(first.html).toContain('Hina &lt;b&gt;Qureshi&lt;/b&gt;');
    expect(rows[1]).toMatch(/^Customer 25 customer25@example\.test Not verified .* 0$/);
    expect(rows.at(-1)).toMatch(/^Customer 2 /);
    expect(first.html.replaceAll('&#x3D;', '=')).toContain('<a href="/admin/customers?page=2" rel="next">Next</a>');

    // Staff and the owner are accounts too, but not customers: the 26 are 25 plus Hina.
    const second = await owner.get('/admin/customers?page=2');
    expect(rowsOf(second.html)).toEqual([expect.stringMatching(/^Customer 1 customer1@example\.test Not verified .* 0$/)]);
  });

  it('finds customers by part of their email or name, taking % and _ as themselves', async () => {
    const found = async (q: string) => rowsOf((await owner.get(`/admin/customers?q=${encodeURIComponent(q)}`)).html).map((row) => row.split(' ')[0]);
    expect(await found('QURESHI')).toEqual(['Hina']);
    expect(await found('customer1@')).toEqual(['Customer']);
    expect(await found('customer1')).toHaveLength(11);
    expect(await found('_')).toEqual(['Hina']);
    expect(await found('%')).toEqual([]);
    expect(await found('hina%')).toEqual([]);

    const odd = await owner.get(`/admin/customers?q=${encodeURIComponent('<i>nobody')}&page=abc`);
    expect(odd.status).toBe(200);
    expect(textOf(odd.html)).toContain('No customer matches “<i>nobody”.');
    expect(odd.html).not.toContain('<i>nobody');
    expect((await owner.get(`/admin/customers?q=${'x'.repeat(5000)}`)).status).toBe(200);
  });

  it("is in the panel's navigation, for staff as well as the owner", async () => {
    expect((await owner.get('/admin')).html).toContain('<a href="/admin/customers">Customers</a>');
    const staff = new Shopper(shop.baseUrl);
    expect((await staff.submit('/login', '/login', { email: 'helper@example.test', password: PASSWORD })).status).toBe(303);
    const page = await staff.get('/admin/customers?q=hina');
    expect(page.status).toBe(200);
    expect(rowsOf(page.html)).toHaveLength(1);
    expect(page.html).toContain('<a href="/admin/customers" aria-current="page">Customers</a>');
  });
});
