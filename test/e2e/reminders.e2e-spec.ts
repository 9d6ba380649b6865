import { CartReminders } from '../../src/reminders/cart-reminders.service.js';
import { StockAlert } from '../../src/reminders/entities/stock-alert.entity.js';
import { Cart } from '../../src/cart/entities/cart.entity.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { linkIn, newestMail, type ShopWithMail, startShopWithMail } from '../helpers/mail-shop.js';
import { csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';

/** The shopper's side of the reminders over HTTP: a refused checkout's email kept, unsubscribing, and "email me when it is back". */
describe('reminders over HTTP', () => {
  let mailShop: ShopWithMail;

  beforeAll(async () => {
    mailShop = await startShopWithMail();
  });
  afterAll(() => mailShop.close());

  it('reminds a guest whose checkout was refused, and unsubscribes them by the link with one click', async () => {
    const { shop } = mailShop;
    const guest = new Shopper(shop.baseUrl);
    await addToCart(guest, await aProduct(shop, { name: 'Silk Dupatta' }));
    // Refused: no delivery option reaches a city without a name. The email is kept on the cart all the same.
    expect((await checkout(guest, { email: 'Maryam@Example.test', shippingMethod: 'teleport' })).status).toBe(422);
    const carts = shop.dataSource.getRepository(Cart);
    const cart = await carts.findOneByOrFail({ email: 'maryam@example.test' });
    await carts.update({ id: cart.id }, { updatedAt: new Date(Date.now() - 25 * 3_600_000) });

    expect(await shop.get(CartReminders).sendDue(new Date())).toEqual([cart.id]);
    const mail = await newestMail(mailShop, 'maryam@example.test', `Your Anarkali cart is waiting for you`);
    expect(mail).toContain('Silk Dupatta');
    const link = linkIn(mail, shop, '/reminders/unsubscribe/');

    const stranger = new Shopper(shop.baseUrl);
    const page = await stranger.get(link);
    expect(textOf(page.html)).toContain('Stop emails that remind maryam@example.test');
    expect(textOf((await stranger.get(link)).html)).toContain('Stop emails');
    expect((await stranger.post(link, {})).status).toBe(403);
    const done = await stranger.post(link, { _csrf: csrfTokenIn(page.html) });
    expect(done.status).toBe(303);
    expect(textOf((await stranger.follow(done)).html)).toContain('maryam@example.test is unsubscribed');
    expect((await stranger.get(link.replace(/[\w-]$/, (c) => (c === 'A' ? 'B' : 'A')))).status).toBe(404);
  });

  it('offers "email me when it is back" for a sold-out size, without JavaScript, and keeps one subscription per email', async () => {
    const { shop } = mailShop;
    const kurta = await aProduct(shop, { name: 'Khaddar Kurta', sizes: ['M', 'L'], stock: 0 });
    const shopper = new Shopper(shop.baseUrl);
    const page = await shopper.get(`/products/${kurta.slug}`);
    expect(page.html).toContain('Email me when it is back');
    const variant = /<select id="alert-variant" name="variant"><option value="(\d+)">/.exec(page.html)![1];

    for (const email of ['zoya@example.test', 'ZOYA@example.test']) {
      const asked = await shopper.submit(`/products/${kurta.slug}`, '/stock-alerts', { product: kurta.slug, variant, email });
      expect(asked.status).toBe(303);
      expect(textOf((await shopper.follow(asked)).html)).toContain(`once when Khaddar Kurta (M / Indigo) is back in stock`);
    }
    expect(await shop.dataSource.getRepository(StockAlert).countBy({ variantId: Number(variant) })).toBe(1);

    const bad = await shopper.submit(`/products/${kurta.slug}`, '/stock-alerts', { product: kurta.slug, variant, email: 'not an email' });
    expect(bad.status).toBe(303);
    expect(textOf((await shopper.follow(bad)).html)).toContain('Please enter a valid email address');
    expect((await shopper.post('/stock-alerts', { product: kurta.slug, variant, email: 'zoya@example.test' })).status).toBe(403);
  });
});
