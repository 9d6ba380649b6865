import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { registerAndSignIn } from '../helpers/accounts.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkout, DELIVERY } from '../helpers/journeys.js';
import { routesOf, sampleUrl } from '../helpers/routes.js';
import { Shopper } from '../helpers/shopper.js';
import { invite } from '../helpers/staff.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

/**
 * Tables a GET may change. `session`: a page that renders a form starts a session for its CSRF token,
 * and express-session touches a signed-in session's expiry; `auth_attempt`: rate-limit counters, which
 * a timer prunes whenever it runs; `job_lease`: the scheduler's record of its runs (the catalog cache's
 * poll runs every second, whatever was requested). All bookkeeping, not the shop's state.
 */
const MAY_CHANGE_ON_GET = new Set(['session', 'auth_attempt', 'job_lease']);

/** Query strings worth a GET of their own, beyond each route's bare URL. */
const WITH_QUERIES = [
  '/products?q=Kurta&page=2',
  '/login?next=/account',
  '/register?next=/checkout',
  '/register/check-email?next=/checkout',
  '/admin/orders?status=placed&page=2',
  '/admin/customers?q=hina&page=2',
];

interface Persona {
  name: string;
  shopper: () => Shopper;
  orderNumber: string;
}

describe('no GET route changes what the shop stores', () => {
  let shop: TestShop;
  let product: ProductFixture;
  let personas: Persona[];
  let samples: { verifyToken: string; resetToken: string; invitationToken: string; addressId: string };

  beforeAll(async () => {
    // No outbox worker: its deliveries would change outbox_message in the background, whatever was requested.
    shop = await startShop({ MAIL_WORKER: '0' });
    product = await aProduct(shop, { name: 'Chikankari Kurta' });

    const guest = new Shopper(shop.baseUrl);
    await addToCart(guest, product);
    const guestOrder = orderNumberFrom((await checkout(guest)).location);
    await addToCart(guest, product);

    const customer = new Shopper(shop.baseUrl);
    await registerAndSignIn(customer, { name: 'Hina Qureshi', email: 'hina@example.test', password: 'a-long-enough-password' });
    await customer.submit('/account/addresses/new', '/account/addresses', { ...DELIVERY, makeDefault: '1' });
    await addToCart(customer, product);
    const customerOrder = orderNumberFrom((await checkout(customer, { email: 'hina@example.test' })).location);
    await addToCart(customer, product);
    await new Shopper(shop.baseUrl).submit('/password/forgot', '/password/forgot', { email: 'hina@example.test' });

    const owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
    // An invitation to the customer's address: opening its link shows each persona a different page.
    expect((await invite(owner, 'hina@example.test')).status).toBe(303);

    const addressPage = await customer.get('/account/addresses');
    samples = {
      verifyToken: await linkTokenIn('verify_email', /\/email\/verify\/([\w-]{43})/),
      resetToken: await linkTokenIn('reset_password', /\/password\/reset\/([\w-]{43})/),
      invitationToken: await linkTokenIn('staff_invitation', /\/staff\/invitations\/([\w-]{43})/),
      addressId: /\/account\/addresses\/(\d+)\/edit/.exec(addressPage.html)?.[1] ?? 'no address',
    };
    personas = [
      { name: 'visitor', shopper: () => new Shopper(shop.baseUrl), orderNumber: customerOrder },
      { name: 'guest with a cart and an order', shopper: () => guest, orderNumber: guestOrder },
      { name: 'customer', shopper: () => customer, orderNumber: customerOrder },
      { name: 'owner', shopper: () => owner, orderNumber: customerOrder },
    ];
  });
  afterAll(() => shop.close());

  function orderNumberFrom(location: string | null): string {
    const number = /^\/orders\/([^/]+)\/confirmation$/.exec(location ?? '')?.[1];
    if (!number) throw new Error(`checkout did not place an order (went to ${location})`);
    return number;
  }

  async function linkTokenIn(kind: string, link: RegExp): Promise<string> {
    const message = await shop.dataSource.getRepository(OutboxMessage).findOneByOrFail({ kind, recipient: 'hina@example.test' });
    const token = link.exec(message.body)?.[1];
    if (!token) throw new Error(`no link in the ${kind} email`);
    return token;
  }

  /** The route's URL with real values for its parameters, so the page does its real work (a 404 is fine). */
  function realUrl(path: string, persona: Persona): string {
    return path.replace(/:(\w+)/g, (param: string, name: string) => {
      if (name === 'slug') return path.startsWith('/categories/') ? product.categorySlug : product.slug;
      if (name === 'number') return persona.orderNumber;
      if (name === 'token') return path.startsWith('/email/') ? samples.verifyToken : path.startsWith('/staff/') ? samples.invitationToken : samples.resetToken;
      if (name === 'id') return samples.addressId;
      if (name === 'kind') return 'order_confirmation';
      return sampleUrl(param);
    });
  }

  /** Every row of every table but the excluded ones, in primary-key order: a few rows each in this test. */
  async function storedState(): Promise<Record<string, { rows: number; content: unknown[] }>> {
    const escape = (name: string) => shop.dataSource.driver.escape(name);
    const state: Record<string, { rows: number; content: unknown[] }> = {};
    const tables = shop.dataSource.entityMetadatas.filter((entity) => !MAY_CHANGE_ON_GET.has(entity.tableName));
    for (const entity of tables.sort((a, b) => a.tableName.localeCompare(b.tableName))) {
      const order = entity.primaryColumns.map((column) => escape(column.databaseName)).join(', ');
      const rows = await shop.dataSource.query<unknown[]>(`SELECT * FROM ${escape(entity.tableName)} ORDER BY ${order}`);
      state[entity.tableName] = { rows: rows.length, content: JSON.parse(JSON.stringify(rows)) as unknown[] };
    }
    return state;
  }

  it('leaves every table but sessions and attempt counters exactly as it was, for a visitor, a guest, a customer and the owner', async () => {
    const tables = shop.dataSource.entityMetadatas.map((entity) => entity.tableName);
    expect(tables).toEqual(expect.arrayContaining([...MAY_CHANGE_ON_GET]));
    const gets = routesOf(shop).filter((route) => route.method === 'GET');
    expect(gets.length).toBeGreaterThanOrEqual(20);

    const before = await storedState();
    expect(before.shop_order.rows).toBe(2);
    expect(before.user_token.rows).toBe(2);
    expect(before.staff_invitation.rows).toBe(1);

    const failures: { persona: string; url: string; status: number }[] = [];
    for (const persona of personas) {
      for (const url of [...gets.map((route) => realUrl(route.path, persona)), ...WITH_QUERIES]) {
        const response = await persona.shopper().get(url);
        if (response.status >= 500) failures.push({ persona: persona.name, url, status: response.status });
      }
    }

    expect(failures).toEqual([]);
    expect(await storedState()).toEqual(before);
  });
});
