import os from 'node:os';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { Shopper } from '../helpers/shopper.js';
import { shopsClosedAfterEach, type TestShop } from '../helpers/test-shop.js';

const TOKEN = 'metrics-token-0123456789abcdef0123456789';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, name, value]) => [name, value]));
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

function valueOf(all: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return all.find((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))?.value;
}

async function scrape(shop: TestShop, headers: Record<string, string> = {}, baseUrl = shop.baseUrl) {
  const answer = await fetch(`${baseUrl}/metrics`, { headers });
  return { status: answer.status, type: answer.headers.get('content-type'), authenticate: answer.headers.get('www-authenticate'), text: await answer.text() };
}

describe('/metrics', () => {
  const open = shopsClosedAfterEach();

  it('reports, after a checkout, the orders, the refusals by reason, the requests, the outbox, the pool, the cache and the process', async () => {
    // The worker is off, so the order's email waits in the outbox.
    const shop = await open({ MAIL_WORKER: '0' });
    const lastOne = await aProduct(shop, { stock: 1 });
    const [buyer, tooLate, careless] = [new Shopper(shop.baseUrl), new Shopper(shop.baseUrl), new Shopper(shop.baseUrl)];
    await addToCart(buyer, lastOne);
    await addToCart(tooLate, lastOne);
    await addToCart(careless, lastOne);
    expect((await checkout(buyer)).status).toBe(303);
    expect((await checkout(tooLate)).status).toBe(409);
    expect((await checkout(careless, { email: 'not an address' })).status).toBe(422);
    await buyer.get(`/products/${lastOne.slug}`);
    await buyer.get(`/products/${lastOne.slug}`);

    const scraped = await scrape(shop);

    expect(scraped.status).toBe(200);
    expect(scraped.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const all = samples(scraped.text);
    expect(valueOf(all, 'shop_orders_placed_total')).toBe(1);
    expect(valueOf(all, 'shop_checkout_refusals_total', { reason: 'sold_out' })).toBe(1);
    expect(valueOf(all, 'shop_checkout_refusals_total', { reason: 'invalid_form' })).toBe(1);
    expect(valueOf(all, 'shop_checkout_refusals_total', { reason: 'empty_cart' })).toBe(0);
    expect(valueOf(all, 'http_request_duration_seconds_count', { method: 'POST', route: '/checkout', status: '303' })).toBe(1);
    expect(valueOf(all, 'http_request_duration_seconds_count', { method: 'POST', route: '/checkout', status: '409' })).toBe(1);
    // Three product pages opened to add to the cart, two more read afterwards.
    expect(valueOf(all, 'http_request_duration_seconds_bucket', { method: 'GET', route: '/products/:slug', status: '200', le: '+Inf' })).toBe(5);
    expect(all.some((sample) => sample.labels.route?.includes(lastOne.slug))).toBe(false);
    expect(valueOf(all, 'shop_outbox_pending_messages')).toBe(1);
    expect(valueOf(all, 'shop_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(all, 'shop_db_pool_size')).toBe(shop.config.database.driver === 'sqlite' ? 1 : 20);
    expect(valueOf(all, 'shop_db_pool_in_use')).toBeGreaterThanOrEqual(0);
    expect(valueOf(all, 'shop_db_pool_waiting')).toBe(0);
    expect(valueOf(all, 'shop_catalog_cache_reads_total', { result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(all, 'shop_catalog_cache_reads_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
    // Adding the product started a new generation; its last unit sold dropped its cards' tags.
    expect(valueOf(all, 'shop_catalog_cache_drops_total', { scope: 'catalog' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(all, 'shop_catalog_cache_drops_total', { scope: 'tags' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(all, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(all, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(valueOf(all, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('answers a scraper on this machine, or one with the bearer token, and nobody a proxy forwarded', async () => {
    const shop = await open({ METRICS_TOKEN: TOKEN, TRUST_PROXY: 'loopback' });
    const forwarded = { 'x-forwarded-for': '203.0.113.7' };

    expect((await scrape(shop)).status).toBe(200);
    const refused = await scrape(shop, forwarded);
    expect({ status: refused.status, authenticate: refused.authenticate }).toEqual({ status: 401, authenticate: 'Bearer realm="metrics"' });
    expect(refused.text).not.toContain('shop_orders_placed_total');
    expect((await scrape(shop, { ...forwarded, authorization: 'Bearer not-the-token-0123456789abcdef0123' })).status).toBe(401);
    expect((await scrape(shop, { ...forwarded, authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it('refuses a scraper on another machine without the token', async () => {
    const address = Object.values(os.networkInterfaces())
      .flat()
      .find((candidate) => candidate?.family === 'IPv4' && !candidate.internal)?.address;
    if (!address) {
      console.warn('metrics: this machine has no address but loopback; the scrape from another address is not tried');
      return;
    }
    const shop = await open({ HOST: address, METRICS_TOKEN: TOKEN });
    const other = `http://${address}:${new URL(shop.baseUrl).port}`;
    expect((await scrape(shop, {}, other)).status).toBe(401);
    expect((await scrape(shop, { authorization: `Bearer ${TOKEN}` }, other)).status).toBe(200);
  });
});
