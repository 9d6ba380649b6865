import { registerAndSignIn } from '../helpers/accounts.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

describe('the footer and its help pages', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop({ MAIL_FROM: 'Anarkali <hello@anarkali.test>' });
  });
  afterAll(() => shop.close());

  const footerOf = (html: string): string => /<footer[\s\S]*<\/footer>/.exec(html)?.[0] ?? '';

  it('links only to pages that exist, for a visitor and for a customer', async () => {
    const customer = new Shopper(shop.baseUrl);
    await registerAndSignIn(customer, { name: 'Hina Qureshi', email: 'hina@example.test', password: 'a-long-enough-password' });
    for (const shopper of [new Shopper(shop.baseUrl), customer]) {
      const links = [...footerOf((await shopper.get('/')).html).matchAll(/href="([^"]+)"/g)].map((match) => match[1]);
      expect(links).toEqual(expect.arrayContaining(['/pages/shipping', '/pages/returns', '/pages/contact']));
      for (const link of links) expect([link, (await shopper.get(link)).status]).toEqual([link, 200]);
    }
  });

  it('states the delivery prices checkout charges', async () => {
    const page = await new Shopper(shop.baseUrl).get('/pages/shipping');
    expect(textOf(page.html)).toContain('Standard delivery (3–5 days) Rs 250 — free on orders from Rs 5,000');
    expect(textOf(page.html)).toContain('Express delivery (1–2 days) Rs 600');
  });

  it('gives the shop’s own address to write to', async () => {
    const page = await new Shopper(shop.baseUrl).get('/pages/contact');
    expect(page.html).toContain('href="mailto:hello@anarkali.test"');
  });
});
