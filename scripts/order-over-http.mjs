// A shopper in a script, for checks of a running shop from outside (scripts/image-check.sh): plain HTTP
// with a cookie jar kept in a file, forms sent with the page's CSRF token, as a browser would.
//
//   node scripts/order-over-http.mjs place <base-url> <jar-file>           buys one unit of the first product in
//                                                                         stock, prints the order number
//   node scripts/order-over-http.mjs find <base-url> <jar-file> <number>   exits 0 when the same shopper (the
//                                                                         session in the jar) finds that order
// Exit codes: 0 done, 1 the shop answered otherwise than a working shop would, 2 wrong arguments.
import { readFileSync, writeFileSync } from 'node:fs';

const DELIVERY = {
  fullName: 'Image Check',
  email: 'image-check@example.test',
  phone: '0300 1234567',
  address: '1 Container Road',
  city: 'Lahore',
  postalCode: '54000',
  shippingMethod: 'standard',
  paymentMethod: 'cod',
};

class ShopSaidNo extends Error {}

class Shopper {
  constructor(baseUrl, cookies = {}) {
    this.baseUrl = baseUrl;
    this.cookies = cookies;
  }

  async get(path) {
    return this.send('GET', path);
  }

  /** Submits a form the page at `pagePath` holds, with that page's CSRF token. */
  async submit(pagePath, action, fields) {
    const page = await this.get(pagePath);
    expectStatus(page, 200, `GET ${pagePath}`);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1];
    if (!token) throw new ShopSaidNo(`${pagePath} holds no CSRF token`);
    return this.send('POST', action, new URLSearchParams({ _csrf: token, ...fields }));
  }

  async send(method, path, body) {
    const cookie = Object.entries(this.cookies)
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      body,
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
      signal: AbortSignal.timeout(30_000),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
    }
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  }
}

function expectStatus(page, status, what) {
  if (page.status !== status) throw new ShopSaidNo(`${what} answered ${page.status}, expected ${status}`);
}

async function place(shopper) {
  const listing = await shopper.get('/products');
  expectStatus(listing, 200, 'GET /products');
  const slugs = [...new Set([...listing.html.matchAll(/href="\/products\/([a-z0-9-]+)"/g)].map((match) => match[1]))];
  for (const slug of slugs) {
    const page = await shopper.get(`/products/${slug}`);
    const variant = /data-size="([^"]*)" data-colour="([^"]*)" data-availability="(?:in_stock|low_stock)"/.exec(page.html);
    if (!variant) continue;
    // A product without sizes (a bag) or colours has no such field in its form: send only those it has.
    const [, size, colour] = variant;
    const choice = { ...(size ? { size } : {}), ...(colour ? { colour } : {}) };
    const added = await shopper.submit(`/products/${slug}`, '/cart/items', { product: slug, ...choice, quantity: '1' });
    expectStatus(added, 303, 'adding to the cart');
    const placed = await shopper.submit('/checkout', '/checkout', DELIVERY);
    expectStatus(placed, 303, 'placing the order');
    const number = /^\/orders\/([^/]+)\/confirmation$/.exec(placed.location ?? '')?.[1];
    if (!number) throw new ShopSaidNo(`placing the order led to ${placed.location}, not to a confirmation`);
    await find(shopper, number);
    return number;
  }
  throw new ShopSaidNo(`none of the ${slugs.length} products on /products has a size and colour in stock`);
}

async function find(shopper, number) {
  const page = await shopper.get(`/orders/${encodeURIComponent(number)}/confirmation`);
  expectStatus(page, 200, `the confirmation of order ${number}`);
  if (!page.html.includes('Thank you') || !page.html.includes(number)) throw new ShopSaidNo(`the confirmation page does not show order ${number}`);
}

const [command, baseUrl, jarFile, number] = process.argv.slice(2);
if (!baseUrl || !jarFile || (command === 'find' ? !number : command !== 'place')) {
  console.error('usage: order-over-http.mjs place <base-url> <jar-file> | find <base-url> <jar-file> <order-number>');
  process.exit(2);
}
try {
  if (command === 'place') {
    const shopper = new Shopper(baseUrl);
    const placed = await place(shopper);
    writeFileSync(jarFile, JSON.stringify(shopper.cookies));
    console.log(placed);
  } else {
    await find(new Shopper(baseUrl, JSON.parse(readFileSync(jarFile, 'utf8'))), number);
    console.log(`order ${number} found`);
  }
} catch (error) {
  console.error(`order-over-http: ${error instanceof ShopSaidNo ? error.message : error.stack}`);
  process.exit(1);
}
