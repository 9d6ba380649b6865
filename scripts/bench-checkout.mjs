// The checkout scenario of `npm run bench` (scripts/bench.mjs): many carts, each prepared the way a
// shopper fills one (the product page, Add to cart, the checkout page with its CSRF token and checkout
// key), then placed with POST /checkout, 50 in flight, beside the same number of the baseline's
// POST /checkout (variant, quantity, email) in the same run, round after round. Prints orders/s, p50 and
// p99 of each and the ratio. Both spread their orders over the same number of variants (one each of 50
// products), so row-lock contention is alike: orders of one product all wait on its units-sold counter,
// which the baseline does not have. Afterwards the shop's benchmark orders, their ledger and mail rows and the carts
// are removed and the variants' stock and units sold put back, so the next run's seed finds its data.
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

const BUYER = 'checkout-bench@example.test';
const DELIVERY = { fullName: 'Bench Buyer', email: BUYER, phone: '0300 1234567', address: '12 Mall Road', city: 'Lahore', postalCode: '54000' };

/**
 * Runs the scenario; answers { table, summary } for the report. `orders` per target per round,
 * `inFlight` requests at a time; every request is bounded in time.
 */
export async function benchCheckout({ shop, baseline, databaseUrl, baselineDir, orders, rounds, inFlight = 50, products = 50, log = console.log }) {
  const mysql = createRequire(path.join(baselineDir, 'package.json'))('mysql2/promise');
  const db = await mysql.createConnection({ uri: databaseUrl.replace(/^mariadb:/, 'mysql:') });
  const started = new Date();
  // The first variant of each of the first published products.
  const [variants] = await db.query(
    `SELECT v.id, v.size, v.colour, v.stock, p.id AS productId, p.slug, p.unitsSold FROM variant v JOIN product p ON p.id = v.productId
     WHERE p.status = 'published' AND v.id = (SELECT MIN(first.id) FROM variant first WHERE first.productId = p.id) ORDER BY p.id LIMIT ?`,
    [products],
  );
  if (variants.length === 0) throw new Error('the shop has no published product');
  try {
    // Enough units that no benchmark order sells out (put back afterwards).
    await db.query('UPDATE variant SET stock = stock + 1000000 WHERE id IN (?)', [variants.map((variant) => variant.id)]);
    // A first batch unmeasured, so both servers are past JIT warm-up and their pools are open.
    const warm = Math.min(100, orders);
    const warmForms = await mapLimited(warm, 20, (i) => prepareCart(shop, variants[i % variants.length]));
    await place(warm, inFlight, (i) => ({ url: `${baseline}/checkout`, body: baselineForm(i, variants.length) }));
    await place(warm, inFlight, (i) => ({ url: `${shop}/checkout`, cookie: warmForms[i].cookie, body: warmForms[i].body }));
    const rows = [];
    for (let round = 1; round <= rounds; round++) {
      const prepareStarted = Date.now();
      const forms = await mapLimited(orders, 20, (i) => prepareCart(shop, variants[i % variants.length]));
      log(`round ${round}: ${orders} carts prepared in ${((Date.now() - prepareStarted) / 1000).toFixed(1)} s`);
      const baselineRun = await place(orders, inFlight, (i) => ({ url: `${baseline}/checkout`, body: baselineForm(i, variants.length) }));
      const shopRun = await place(orders, inFlight, (i) => ({ url: `${shop}/checkout`, cookie: forms[i].cookie, body: forms[i].body }));
      rows.push({ round, name: 'baseline', ...baselineRun }, { round, name: 'shop', ...shopRun });
      log(`round ${round}: baseline ${describe(baselineRun)}; shop ${describe(shopRun)}`);
    }
    return report(rows);
  } finally {
    await cleanUp(db, variants, started);
    await db.end();
  }
}

/** The baseline's form for order `i`: one unit of one of its first `spread` variants. */
const baselineForm = (i, spread) => new URLSearchParams({ variant: String(1 + (i % spread)), quantity: '1', email: BUYER }).toString();

/** One shopper's cart: a session from the product page, one unit added, and the checkout form's fields as the page gives them. */
export async function prepareCart(shop, variant) {
  const slug = variant.slug;
  const jar = new Map();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const request = async (pathname, init = {}) => {
    const response = await fetch(`${shop}${pathname}`, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: cookie() },
      signal: AbortSignal.timeout(30_000),
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return { status: response.status, html: await response.text() };
  };
  const product = await request(`/products/${slug}`);
  const added = await request('/cart/items', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: hidden(product.html, '_csrf'),
      product: slug,
      // A product without sizes (a dupatta) has no size field to send.
      ...(variant.size ? { size: variant.size } : {}),
      ...(variant.colour ? { colour: variant.colour } : {}),
      quantity: '1',
    }),
  });
  if (added.status !== 303) throw new Error(`Add to cart of ${slug} answered ${added.status}`);
  const page = await request('/checkout');
  if (page.status !== 200) throw new Error(`the checkout page answered ${page.status}`);
  const fields = { _csrf: hidden(page.html, '_csrf'), checkoutKey: hidden(page.html, 'checkoutKey'), shown: hidden(page.html, 'shown') };
  const body = new URLSearchParams({ ...fields, ...DELIVERY, shippingMethod: 'standard', paymentMethod: 'cod' }).toString();
  return { cookie: cookie(), body };
}

function hidden(html, name) {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined) throw new Error(`no ${name} on the page`);
  return value.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
}

/** Sends `count` form posts, `inFlight` at a time on kept-alive sockets; answers orders/s, p50 and p99 (ms), and what was not a 303. */
export async function place(count, inFlight, requestFor) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  const latencies = [];
  let non303 = 0;
  let errors = 0;
  const started = performance.now();
  await mapLimited(count, inFlight, async (i) => {
    const { url, body, cookie } = requestFor(i);
    const sent = performance.now();
    try {
      const status = await post(agent, url, body, cookie);
      if (status !== 303) non303++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - sent);
  });
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);
  return { ordersPerSecond: Math.round(count / seconds), p50: at(0.5), p99: at(0.99), non303, errors };
}

function post(agent, url, body, cookie) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        timeout: 30_000,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...(cookie ? { cookie } : {}) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
    request.end(body);
  });
}

export async function mapLimited(count, limit, work) {
  const results = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await work(i);
      }
    }),
  );
  return results;
}

const describe = (run) =>
  `${run.ordersPerSecond} orders/s, p50 ${run.p50} ms, p99 ${run.p99} ms${run.non303 || run.errors ? `, ${run.non303} not 303, ${run.errors} errors` : ''}`;

function report(rows) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const of = (name, key) => median(rows.filter((r) => r.name === name).map((r) => r[key]));
  const total = (name, key) => rows.filter((r) => r.name === name).reduce((n, r) => n + r[key], 0);
  const ratio = of('shop', 'ordersPerSecond') / of('baseline', 'ordersPerSecond');
  const table = [
    '| POST /checkout | round | orders/s | p50 ms | p99 ms | not 303 | errors |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${r.round} | ${r.ordersPerSecond} | ${r.p50} | ${r.p99} | ${r.non303} | ${r.errors} |`),
  ].join('\n');
  const failures = total('shop', 'non303') + total('shop', 'errors');
  const summary =
    `POST /checkout: ${ratio.toFixed(2)}× baseline orders/s (${of('shop', 'ordersPerSecond')} vs ${of('baseline', 'ordersPerSecond')}), ` +
    `p50 ${of('shop', 'p50')} ms, p99 ${of('shop', 'p99')} ms (baseline ${of('baseline', 'p50')} / ${of('baseline', 'p99')} ms), 50 in flight over 50 products` +
    ` — goal (≥ 25% of baseline orders/s, no errors): ${ratio >= 0.25 && failures === 0 ? 'MET' : 'not met'}`;
  return { table, summary };
}

/** Takes the benchmark's orders out again and puts the variants back as they were. */
async function cleanUp(db, variants, started) {
  const [placed] = await db.query('SELECT id, number FROM shop_order WHERE email = ?', [BUYER]);
  const ids = placed.map((order) => order.id);
  if (ids.length > 0) {
    await db.query('DELETE FROM order_status_change WHERE orderId IN (?)', [ids]);
    await db.query('DELETE FROM order_line WHERE orderId IN (?)', [ids]);
    await db.query('DELETE FROM stock_movement WHERE reference IN (?)', [placed.map((order) => order.number)]);
    await db.query('DELETE FROM shop_order WHERE id IN (?)', [ids]);
  }
  await db.query('DELETE FROM outbox_message WHERE recipient = ?', [BUYER]);
  await db.query('DELETE FROM cart_line WHERE cartId IN (SELECT id FROM cart WHERE createdAt >= ? AND userId IS NULL)', [started]);
  await db.query('DELETE FROM cart WHERE createdAt >= ? AND userId IS NULL', [started]);
  for (const variant of variants) {
    await db.query('UPDATE variant SET stock = ? WHERE id = ?', [variant.stock, variant.id]);
    await db.query('UPDATE product SET unitsSold = ? WHERE id = ?', [variant.unitsSold, variant.productId]);
  }
}
