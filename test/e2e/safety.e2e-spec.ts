import { SessionRecord } from '../../src/sessions/entities/session.entity.js';
import { CSRF_COOKIE } from '../../src/common/csrf.js';
import { Order } from '../../src/orders/entities/order.entity.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkout, DELIVERY } from '../helpers/journeys.js';
import { routesOf, sampleUrl } from '../helpers/routes.js';
import { cookieAttributes, csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

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
    // A payment provider's webhook carries no CSRF token (a provider cannot send one): its signature is
    // checked instead, and a delivery without one is refused too (hosted-payments.e2e-spec.ts).
    const signedBySender = (path: string) => path.startsWith('/payments/webhooks/');
    const changing = routesOf(shop).filter((route) => route.method !== 'GET' && !signedBySender(route.path));
    expect(changing.length).toBeGreaterThanOrEqual(8);
    for (const route of changing) {
      const withoutToken = await shopper.post(sampleUrl(route.path), { ...DELIVERY, quantity: 1, product: product.slug });
      const forgedToken = await shopper.post(sampleUrl(route.path), { _csrf: 'forged', ...DELIVERY });
      expect({ route, without: withoutToken.status, forged: forgedToken.status }).toEqual({ route, without: 403, forged: 403 });
    }
    for (const route of routesOf(shop).filter((route) => signedBySender(route.path))) {
      expect((await shopper.post(sampleUrl(route.path), { ...DELIVERY })).status).toBeGreaterThanOrEqual(400);
    }
    expect(await shop.dataSource.getRepository(Order).count()).toBe(0);
    expect(textOf((await shopper.get('/cart')).html)).toContain('Cart 1');
  });

  it("sends helmet's headers with a strict content security policy", async () => {
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

  it('makes the session and form cookies HttpOnly and SameSite=Lax, and over plain HTTP neither Secure nor announced with HSTS', async () => {
    const shopper = new Shopper(shop.baseUrl);
    const productPage = await shopper.get(`/products/${product.slug}`);
    const added = await addToCart(shopper, product);
    const cookies = [
      productPage.headers.getSetCookie().find((c) => c.startsWith('anarkali.csrf=')) ?? '',
      added.headers.getSetCookie().find((c) => c.startsWith('anarkali.sid=')) ?? '',
    ];
    for (const cookie of cookies) {
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookieAttributes(cookie).secure).toBeUndefined();
    }
    expect(added.headers.get('strict-transport-security')).toBeNull();
  });

  it('starts no session for a visitor who only browses', async () => {
    for (const path of ['/', '/products', `/categories/${product.categorySlug}`, '/cart']) {
      const response = await fetch(`${shop.baseUrl}${path}`);
      expect({ path, cookies: response.headers.getSetCookie() }).toEqual({ path, cookies: [] });
    }
  });

  it('keeps no session row and sends no session cookie for anonymous visits to the catalog, the product page with its form included', async () => {
    const sessions = shop.dataSource.getRepository(SessionRecord);
    const before = await sessions.count();
    for (const path of ['/', '/products', '/products?sort=price_asc', `/categories/${product.categorySlug}`, `/products/${product.slug}`]) {
      for (let visit = 0; visit < 3; visit++) {
        const response = await fetch(`${shop.baseUrl}${path}`);
        expect(response.status).toBe(200);
        const cookies = response.headers.getSetCookie().map((cookie) => cookie.split('=')[0]);
        expect({ path, cookies }).toEqual({ path, cookies: path.startsWith('/products/') ? [CSRF_COOKIE] : [] });
      }
    }
    expect(await sessions.count()).toBe(before);
  });

  it('accepts a form token from a visitor without a session only with the cookie it was made for', async () => {
    const pageFor = async () => {
      const response = await fetch(`${shop.baseUrl}/products/${product.slug}`);
      const cookie = response.headers.getSetCookie()[0].split(';')[0];
      return { cookie, token: csrfTokenIn(await response.text()) };
    };
    const [ayesha, bilal] = [await pageFor(), await pageFor()];
    const addToCartWith = (token: string, cookie?: string) =>
      fetch(`${shop.baseUrl}/cart/items`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...(cookie ? { cookie } : {}) },
        body: new URLSearchParams({ _csrf: token, product: product.slug, size: 'M', colour: 'Indigo', quantity: '1' }),
      });

    expect((await addToCartWith(ayesha.token, bilal.cookie)).status).toBe(403);
    expect((await addToCartWith(ayesha.token)).status).toBe(403);
    expect((await addToCartWith(ayesha.token, `${CSRF_COOKIE}=${'A'.repeat(43)}`)).status).toBe(403);
    expect((await addToCartWith(bilal.token, bilal.cookie)).status).toBe(303);
  });

  it('once a visitor has a session with its own token, accepts that token and no longer the cookie-bound one', async () => {
    const shopper = new Shopper(shop.baseUrl);
    const firstPage = await shopper.get(`/products/${product.slug}`);
    const cookieBound = csrfTokenIn(firstPage.html);
    expect((await addToCart(shopper, product)).status).toBe(303);
    const withSession = await shopper.get(`/products/${product.slug}`);
    const sessionToken = csrfTokenIn(withSession.html);
    expect(sessionToken).not.toBe(cookieBound);

    const fields = { product: product.slug, size: 'M', colour: 'Indigo', quantity: 1 };
    expect((await shopper.post('/cart/items', { _csrf: cookieBound, ...fields })).status).toBe(403);
    expect((await shopper.post('/cart/items', { _csrf: sessionToken, ...fields })).status).toBe(303);
  });

  it('escapes what users and the owner typed: a product name with <script> renders as text', async () => {
    const page = await new Shopper(shop.baseUrl).get(`/products/${product.slug}`);
    expect(page.html).not.toContain('<script>alert("owned")</script>');
    expect(page.html).toContain('&lt;script&gt;');
  });

  it("escapes a delivery address with <script> on the confirmation page and on the owner's order page", async () => {
    const typed = '12 Mall Road <script>alert(1)</script>';
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, product);
    const placed = await checkout(shopper, { address: typed });
    expect(placed.status).toBe(303);
    const number = placed.location?.split('/')[2] as string;
    const owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);

    for (const page of [await shopper.follow(placed), await owner.get(`/admin/orders/${number}`)]) {
      expect(page.status).toBe(200);
      expect(page.html).not.toContain('<script>alert(1)</script>');
      expect(page.html).toContain('12 Mall Road &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
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

describe('behind a TLS-terminating proxy on this machine (TRUST_PROXY=loopback)', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => shop.close());

  const overTls = () => new Shopper(shop.baseUrl, { 'x-forwarded-proto': 'https' });

  it('sends the form cookie as __Host-anarkali.csrf, the session cookie as __Host-anarkali.sid and the device cookie as __Host-anarkali.device: Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain', async () => {
    const shopper = overTls();
    const loginPage = await shopper.get('/login');
    const signedIn = await shopper.post('/login', { _csrf: csrfTokenIn(loginPage.html), ...OWNER });
    expect(signedIn.status).toBe(303);

    for (const [response, names] of [
      [loginPage, ['__Host-anarkali.csrf']],
      [signedIn, ['__Host-anarkali.device', '__Host-anarkali.sid']],
    ] as const) {
      const cookies = response.headers.getSetCookie();
      expect(cookies.map((cookie) => cookie.split('=')[0]).sort()).toEqual(names);
      for (const cookie of cookies) {
        const attributes = cookieAttributes(cookie);
        expect(attributes).toMatchObject({ secure: true, httponly: true, samesite: 'lax', path: '/' });
        expect(attributes.domain).toBeUndefined();
      }
    }
    expect((await shopper.get('/admin')).status).toBe(200);
  });

  it('tells browsers to come back only over HTTPS (Strict-Transport-Security)', async () => {
    const page = await overTls().get('/');
    expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
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
    const api = await fetch(`${shop.baseUrl}/api/v1/products`, { headers: { accept: 'application/json' } });
    expect(api.status).toBe(500);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await api.text()).not.toMatch(/at \w+ \(|node_modules|QueryFailed|TypeORM/);
    await shop.dataSource.initialize();
  });
});
