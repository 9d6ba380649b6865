import { Order } from '../../src/orders/entities/order.entity.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, DELIVERY } from '../helpers/journeys.js';
import { routesOf, sampleUrl } from '../helpers/routes.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

describe('safety basics', () => {
  let shop: TestShop;
  let product: ProductFixture;

  beforeAll(async () => {
    shop = await startShop();
    product = await aProduct(shop, { name: '<script>alert("owned")</script> Tee' });
  });
  afterAll(() => shop.close());

  it('refuses every state-changing route without a CSRF token (403), even with a session', async () => {
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, product);
    const changing = routesOf(shop).filter((route) => route.method !== 'GET');
    expect(changing.length).toBeGreaterThanOrEqual(8);
    for (const route of changing) {
      const withoutToken = await shopper.post(sampleUrl(route.path), { ...DELIVERY, quantity: 1, product: product.slug });
      const forgedToken = await shopper.post(sampleUrl(route.path), { _csrf: 'forged', ...DELIVERY });
      expect({ route, without: withoutToken.status, forged: forgedToken.status }).toEqual({ route, without: 403, forged: 403 });
    }
    expect(await shop.dataSource.getRepository(Order).count()).toBe(0);
    expect(textOf((await shopper.get('/cart')).html)).toContain('Cart 1');
  });

  it('sends helmet\'s headers with a strict content security policy', async () => {
    const page = await new Shopper(shop.baseUrl).get('/');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(page.headers.get('x-powered-by')).toBeNull();
    expect(page.html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('makes the session cookie HttpOnly and SameSite=Lax', async () => {
    const response = await fetch(`${shop.baseUrl}/login`);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('anarkali.sid=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('starts no session for a visitor who only browses', async () => {
    for (const path of ['/', '/products', `/categories/${product.categorySlug}`, '/cart']) {
      const response = await fetch(`${shop.baseUrl}${path}`);
      expect({ path, cookies: response.headers.getSetCookie() }).toEqual({ path, cookies: [] });
    }
  });

  it('escapes what users and the owner typed: a product name with <script> renders as text', async () => {
    const page = await new Shopper(shop.baseUrl).get(`/products/${product.slug}`);
    expect(page.html).not.toContain('<script>alert("owned")</script>');
    expect(page.html).toContain('&lt;script&gt;');
  });

  it('answers unknown pages with a real 404 page in the shop layout, with a search box', async () => {
    for (const path of ['/no-such-page', '/products/no-such-product', '/categories/no-such-category', '/orders/AK-NOPE/confirmation']) {
      const page = await new Shopper(shop.baseUrl).get(path);
      expect({ path, status: page.status }).toEqual({ path, status: 404 });
      expect(textOf(page.html)).toContain('Page not found');
      expect(page.html).toContain('role="search"');
    }
  });

  it('ignores page numbers and search text that are not what they should be', async () => {
    for (const query of ['page=-1', 'page=abc', 'page=99999999999', "q=' OR 1=1 --", 'q=%25%25%25', 'page[]=1']) {
      const page = await new Shopper(shop.baseUrl).get(`/products?${query}`);
      expect({ query, status: page.status }).toEqual({ query, status: 200 });
    }
  });
});

describe('when the database goes away', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.close());

  it('shows a generic error page with a reference and no stack trace', async () => {
    await shop.dataSource.destroy();
    const page = await new Shopper(shop.baseUrl).get('/products');
    expect(page.status).toBe(500);
    expect(textOf(page.html)).toContain('Something went wrong');
    expect(textOf(page.html)).toMatch(/reference [0-9a-f]{8}/);
    expect(page.html).not.toMatch(/at \w+ \(|node_modules|Error:/);
    const ready = await fetch(`${shop.baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    await shop.dataSource.initialize();
  });
});
