import { OrderStatusChange } from '../../src/orders/entities/order-status-change.entity.js';
import { Order, OrderStatus } from '../../src/orders/entities/order.entity.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { linkIn, newestMail, type ShopWithMail, startShopWithMail } from '../helpers/mail-shop.js';
import { csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';
import { signedInOwner } from '../helpers/staff.js';

/** A risky cash-on-delivery order over HTTP: the owner's threshold, the customer's emailed link, the owner's list. */
describe('cash-on-delivery confirmation', () => {
  let mailShop: ShopWithMail;
  let owner: Shopper;
  let kurta: ProductFixture;

  beforeAll(async () => {
    mailShop = await startShopWithMail();
    owner = await signedInOwner(mailShop.shop);
    kurta = await aProduct(mailShop.shop, { stock: 20, name: 'Lawn Kurta' });
  });
  afterAll(() => mailShop.close());

  const orderNumberFrom = (location: string | null) => /\/orders\/([\w-]+)\//.exec(location ?? '')![1];
  async function aCodOrder(fields: { phone: string; email: string }): Promise<{ shopper: Shopper; number: string }> {
    const shopper = new Shopper(mailShop.shop.baseUrl);
    await addToCart(shopper, kurta);
    const placed = await checkout(shopper, fields);
    expect(placed.status).toBe(303);
    return { shopper, number: orderNumberFrom(placed.location) };
  }
  const statusOf = async (number: string) => (await mailShop.shop.dataSource.getRepository(Order).findOneByOrFail({ number })).status;

  it('holds a COD order from a phone with a cancelled order until its customer confirms by the emailed link, once', async () => {
    const first = await aCodOrder({ phone: '0333 5550001', email: 'nadia@example.test' });
    expect((await owner.submit(`/admin/orders/${first.number}`, `/admin/orders/${first.number}/status`, { status: 'cancelled' })).status).toBe(303);
    const saved = await owner.submit('/admin/settings/cod-risk', '/admin/settings/cod-risk', { threshold: '1' });
    expect(saved.status).toBe(303);
    expect(textOf((await owner.follow(saved)).html)).toContain('with 1 or more refused or cancelled orders now wait for confirmation');

    const { shopper, number } = await aCodOrder({ phone: '+92 333-5550001', email: 'other@example.test' });
    expect(await statusOf(number)).toBe(OrderStatus.AwaitingConfirmation);
    expect(textOf((await shopper.get(`/orders/${number}/confirmation`)).html)).toContain(
      'please confirm it with the link we have emailed to other@example.test',
    );

    const mail = await newestMail(mailShop, 'other@example.test', `Please confirm your order ${number}`);
    const link = linkIn(mail, mailShop.shop, `/orders/${number}/confirm/`);
    // The link opens in another browser (the phone's mail app): no session, no sign-in.
    const customer = new Shopper(mailShop.shop.baseUrl);
    const page = await customer.get(link);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Please confirm that you placed this order');
    expect(await statusOf(number)).toBe(OrderStatus.AwaitingConfirmation);
    expect((await customer.post(link, {})).status).toBe(403);

    const token = csrfTokenIn(page.html);
    const clicks = await Promise.all([customer.post(link, { _csrf: token }), customer.post(link, { _csrf: token })]);
    expect(clicks.map((click) => click.status)).toEqual([303, 303]);
    expect(textOf((await customer.get(link)).html)).toContain('Your order is confirmed');
    expect(await statusOf(number)).toBe(OrderStatus.Placed);
    const order = await mailShop.shop.dataSource.getRepository(Order).findOneByOrFail({ number });
    expect(await mailShop.shop.dataSource.getRepository(OrderStatusChange).countBy({ orderId: order.id, toStatus: OrderStatus.Placed })).toBe(1);

    const forged = link.replace(/[\w-]$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await customer.get(forged)).status).toBe(404);
    expect((await customer.get(`/orders/${first.number}/confirm/${link.split('/').at(-1)}`)).status).toBe(404);
  });

  it('lists orders awaiting confirmation on their own tab with each order’s risk count, for the owner to confirm or cancel', async () => {
    const { number } = await aCodOrder({ phone: '03335550001', email: 'NADIA@example.test' });
    expect(await statusOf(number)).toBe(OrderStatus.AwaitingConfirmation);

    const tab = await owner.get('/admin/orders?status=awaiting_confirmation');
    expect(tab.html).toContain(`/admin/orders/${number}`);
    expect(tab.html).toMatch(/<td class="risk risk--raised">1<\/td>/);
    const page = await owner.get(`/admin/orders/${number}`);
    expect(page.html).toContain('data-risk-count="1"');
    expect(page.html).toContain('value="confirmed"');
    expect(page.html).not.toContain('value="placed"');

    expect((await owner.submit(`/admin/orders/${number}`, `/admin/orders/${number}/status`, { status: 'confirmed' })).status).toBe(303);
    expect(await statusOf(number)).toBe(OrderStatus.Confirmed);
  });

  it('refuses a threshold that is not a whole number, and treats blank as off', async () => {
    const refused = await owner.submit('/admin/settings/cod-risk', '/admin/settings/cod-risk', { threshold: 'two' });
    expect(refused.status).toBe(422);
    expect(textOf(refused.html)).toContain('Please enter a whole number of orders');
    expect((await owner.submit('/admin/settings/cod-risk', '/admin/settings/cod-risk', { threshold: '' })).status).toBe(303);
    const { number } = await aCodOrder({ phone: '0333 5550001', email: 'nadia@example.test' });
    expect(await statusOf(number)).toBe(OrderStatus.Placed);
  });
});
