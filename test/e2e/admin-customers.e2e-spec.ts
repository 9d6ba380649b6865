import { User } from '../../src/auth/entities/user.entity.js';
import { OrderStatus } from '../../src/orders/entities/order.entity.js';
import { registerAndSignIn } from '../helpers/accounts.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkout, DELIVERY } from '../helpers/journeys.js';
import { decodedLinks, Shopper, textOf } from '../helpers/shopper.js';
import { countStatementsPerRequest } from '../helpers/statement-counter.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

const PASSWORD = 'a-long-enough-password';

/**
 * A customer's page reads a bounded number of statements however many orders and addresses they have:
 * the account, their addresses, the count and page of their orders, their totals (5), besides what every
 * signed-in admin page costs (the session, its user, the two-factor setting, the session's new expiry).
 * Measured: 9.
 */
const MAX_STATEMENTS_CUSTOMER_PAGE = 9;

describe("the customers' pages: a customer's addresses, orders and lifetime value", () => {
  let shop: TestShop;
  let owner: Shopper;
  let kurta: ProductFixture;
  let sana: { shopper: Shopper; id: number; orders: string[] };
  let zara: { shopper: Shopper; id: number; orders: string[] };

  async function aCustomer(name: string, email: string): Promise<{ shopper: Shopper; id: number; orders: string[] }> {
    const shopper = new Shopper(shop.baseUrl);
    await registerAndSignIn(shopper, { name, email, password: PASSWORD });
    const { id } = await shop.dataSource.getRepository(User).findOneByOrFail({ email });
    return { shopper, id, orders: [] };
  }

  async function order(customer: { shopper: Shopper; orders: string[] }, fields: Partial<typeof DELIVERY>, quantity = 1): Promise<string> {
    await addToCart(customer.shopper, kurta, { quantity });
    const number = (await checkout(customer.shopper, fields)).location?.split('/')[2] as string;
    customer.orders.unshift(number);
    return number;
  }

  const saveAddress = (customer: { shopper: Shopper }, fields: Record<string, string>) =>
    customer.shopper.submit('/account/addresses/new', '/account/addresses', {
      fullName: 'x',
      address: '1 Some Road',
      city: 'Lahore',
      postalCode: '54000',
      ...fields,
    });

  beforeAll(async () => {
    shop = await startShop({ MAIL_WORKER: '0' });
    kurta = await aProduct(shop, { name: 'Basant Block-Print Kurta', stock: 200, priceMinor: 100_000 });
    owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);

    sana = await aCustomer('Sana <b>Mir</b>', 'sana@example.test');
    expect((await saveAddress(sana, { fullName: 'Sana Mir', phone: '0300 1234567', address: '7 Canal Bank Road' })).status).toBe(303);
    expect((await saveAddress(sana, { fullName: 'Sana at work', phone: '042 3575 0000', address: '<script>alert(1)</script> Gulberg' })).status).toBe(303);
    // 1 × 1,000.00 + 250.00 delivery, then 2 × 1,000.00 + 250.00 (cancelled), then 6 × 1,000.00 (free delivery).
    await order(sana, { email: 'sana@example.test', phone: '0300 1234567' });
    const cancelled = await order(sana, { email: 'sana@example.test', phone: '0300 1234567' }, 2);
    await order(sana, { email: 'sana@example.test', phone: '0300 1234567' }, 6);
    await owner.submit(`/admin/orders/${cancelled}`, `/admin/orders/${cancelled}/status`, { status: OrderStatus.Cancelled });

    zara = await aCustomer('Zara Ali', 'zara@example.test');
    expect((await saveAddress(zara, { fullName: 'Zara Ali', phone: '0321 7654321', address: '99 Zara Street' })).status).toBe(303);
    // Zara ordered once with a number she never saved.
    await order(zara, { email: 'zara@example.test', phone: '+92 345 999 0000', address: '12 Order-Only Lane' });
  });
  afterAll(() => shop.close());

  const customerPage = (id: number | string, query = '') => owner.get(`/admin/customers/${id}${query}`);
  const found = async (q: string) =>
    [...(await owner.get(`/admin/customers?q=${encodeURIComponent(q)}`)).html.matchAll(/<a href="\/admin\/customers\/(\d+)">/g)].map((match) =>
      Number(match[1]),
    );

  it('shows who the customer is, their saved addresses, their orders newest first, order count and lifetime value', async () => {
    const page = await customerPage(sana.id);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Sana <b>Mir</b>');
    expect(page.html).toContain('<h1>Sana &lt;b&gt;Mir&lt;/b&gt;</h1>');
    expect(text).toContain('sana@example.test Not verified');
    expect(text).toMatch(/Joined \d{1,2} \w{3} \d{4}/);
    expect(text).toContain('Orders 3');
    // 1,250.00 + 6,000.00; the cancelled 2,250.00 is not counted.
    expect(text).toContain('Lifetime value Rs 7,250');
    expect(text).toContain('7 Canal Bank Road');
    expect(text).toContain('0300 1234567');
    expect(text).toContain('042 3575 0000');
    expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Gulberg');
    expect(page.html).not.toContain('<script>alert(1)');
    const listed = [...page.html.matchAll(/<a href="\/admin\/orders\/(AK-[A-Z0-9]+)">/g)].map((match) => match[1]);
    expect(listed).toEqual(sana.orders);
    expect(text).toContain('Cancelled');
  });

  it("never shows another customer's addresses or orders on a customer's page", async () => {
    const sanas = await customerPage(sana.id);
    for (const theirs of ['Zara', '0321 7654321', '99 Zara Street', '12 Order-Only Lane', ...zara.orders]) expect(sanas.html).not.toContain(theirs);
    const zaras = await customerPage(zara.id);
    expect(textOf(zaras.html)).toContain('Lifetime value Rs 1,250');
    for (const theirs of ['Sana', '0300 1234567', 'Canal Bank', 'Gulberg', ...sana.orders]) expect(zaras.html).not.toContain(theirs);
  });

  it('answers 404 for an id that is not a customer: the owner, a missing account, or not a number', async () => {
    const ownerId = (await shop.dataSource.getRepository(User).findOneByOrFail({ email: OWNER.email })).id;
    for (const id of [ownerId, 999_999, 'abc', '1e3', '-1', `${sana.id}.0`, '99999999999']) {
      expect({ id, status: (await customerPage(id)).status }).toEqual({ id, status: 404 });
    }
  });

  it("pages through a customer's orders, 20 to a page, each linking to its order page", async () => {
    for (let n = 0; n < 18; n++) await order(zara, { email: 'zara@example.test', phone: '0321 7654321' });
    const first = await customerPage(zara.id);
    expect(textOf(first.html)).toContain('Page 1 of 1');
    await order(zara, { email: 'zara@example.test', phone: '0321 7654321' });
    await order(zara, { email: 'zara@example.test', phone: '0321 7654321' });
    const paged = await customerPage(zara.id);
    expect(textOf(paged.html)).toContain('Orders 21');
    expect(textOf(paged.html)).toContain('Page 1 of 2');
    expect(decodedLinks(paged.html)).toContain(`<a href="/admin/customers/${zara.id}?page=2" rel="next">Next</a>`);
    const second = await customerPage(zara.id, '?page=2');
    expect([...second.html.matchAll(/<a href="\/admin\/orders\/(AK-[A-Z0-9]+)">/g)].map((match) => match[1])).toEqual([zara.orders.at(-1)]);
  });

  it('finds customers by a phone number saved in their address book or used in their orders, however it is written', async () => {
    for (const written of ['0300 1234567', '03001234567', '+92 300 1234567'])
      expect({ written, found: await found(written) }).toEqual({ written, found: [sana.id] });
    expect(await found('0345-9990000')).toEqual([zara.id]);
    expect(await found('0321 7654321')).toEqual([zara.id]);
    expect(await found('0399 0000000')).toEqual([]);
    expect(await found('sana')).toEqual([sana.id]);
    const page = await owner.get('/admin/customers?q=03001234567');
    expect(page.html).toContain(`<a href="/admin/customers/${sana.id}">Sana &lt;b&gt;Mir&lt;/b&gt;</a>`);
  });

  it('reads a bounded number of statements for a customer page, however many orders and addresses', async () => {
    const counter = countStatementsPerRequest(shop);
    const statementsFor = (id: number) => counter.during(async () => expect((await customerPage(id)).status).toBe(200));
    const few = (await statementsFor(sana.id)).length;
    const many = (await statementsFor(zara.id)).length;
    expect(many).toBe(few);
    expect(Math.min(many, MAX_STATEMENTS_CUSTOMER_PAGE)).toBe(many);
  });
});
