import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { CatalogEditor } from '../../src/catalog/catalog-editor.service.js';
import { InventoryService } from '../../src/catalog/inventory.service.js';
import { GENERATION_POLL_MS } from '../../src/catalog/cache/memory-cache-store.js';
import { ProductPagesService } from '../../src/catalog/product-pages.service.js';
import { ProductListingService } from '../../src/catalog/product-listing.service.js';
import { StockReason } from '../../src/catalog/stock-reason.js';
import { Transactions } from '../../src/database/transactions.js';
import { catalogCacheReads } from '../helpers/catalog-cache-reads.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { redisEnv, sameDatabaseAs, shopsClosedAfterEach, startShop, type TestShop } from '../helpers/test-shop.js';

const STORES: [string, () => Record<string, string>][] = [
  ['memory (the default)', () => ({})],
  ['Redis', redisEnv],
];

/** How many times the real (uncached) services were asked, counted from now on. */
function countLoads(shop: TestShop) {
  const listings = jest.spyOn(shop.get(ProductListingService), 'listCategory');
  const products = jest.spyOn(shop.get(ProductPagesService), 'productFacts');
  return { listings: () => listings.mock.calls.length, productPages: () => products.mock.calls.length };
}

async function page(shop: TestShop, path: string): Promise<string> {
  const response = await new Shopper(shop.baseUrl).get(path);
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  return textOf(response.html);
}

/** The value of the selected <option> of the page's select `id`. */
function selectedIn(html: string, id: string): string | undefined {
  const select = new RegExp(`<select id="${id}"[\\s\\S]*?</select>`).exec(html)?.[0] ?? '';
  return /<option value="([^"]*)"[^>]*\bselected\b/.exec(select)?.[1];
}

/** Buys `quantity` of the product's M / Indigo (or the size given) the way a shopper does: cart, checkout, Place order. */
async function buy(shop: TestShop, product: ProductFixture, quantity = 1, size?: string): Promise<void> {
  const shopper = new Shopper(shop.baseUrl);
  expect((await addToCart(shopper, product, { quantity, size })).status).toBe(303);
  expect((await checkout(shopper)).status).toBe(303);
}

describe.each(STORES)('the catalog cache in %s', (_, storeEnv) => {
  const open = shopsClosedAfterEach();

  it('answers a repeated category page and product page without asking the database again, until the catalog changes', async () => {
    const shop = await open(storeEnv());
    const product = await aProduct(shop, { name: 'Resham Kurta' });
    const loads = countLoads(shop);

    for (let visit = 0; visit < 3; visit++) {
      expect(await page(shop, `/categories/${product.categorySlug}`)).toContain('Resham Kurta');
      expect(await page(shop, `/products/${product.slug}`)).toContain('Resham Kurta');
    }
    expect({ listings: loads.listings(), productPages: loads.productPages() }).toEqual({ listings: 1, productPages: 1 });

    // A different query is a different entry; the same query spelled differently is the same one.
    await page(shop, `/categories/${product.categorySlug}?sort=price_asc`);
    await page(shop, `/categories/${product.categorySlug}?sort=price_asc&utm_source=mail`);
    expect(loads.listings()).toBe(2);
    // Every colour asked for, real or made up, is shown from the product's one cached load.
    expect(await page(shop, `/products/${product.slug}?colour=Indigo`)).toContain('Resham Kurta');
    for (let i = 0; i < 5; i++) expect(await page(shop, `/products/${product.slug}?colour=made-up-${i}`)).toContain('Resham Kurta');
    // The JSON API's product comes from the same cached load as its page.
    expect((await fetch(`${shop.baseUrl}/api/v1/products/${product.slug}`)).status).toBe(200);
    expect(loads.productPages()).toBe(1);

    await shop.get(CatalogEditor).createProduct({
      slug: 'resham-kurta-rose',
      name: 'Resham Kurta Rose',
      description: 'A new colour.',
      categoryId: (await shop.get(ProductPagesService).productPage(product.slug)).product.categoryId,
      variants: [{ sku: 'RESHAM-ROSE-M', size: 'M', colour: 'Rose', priceMinor: 250_000, stock: 4 }],
      images: [],
    });
    expect(await page(shop, `/categories/${product.categorySlug}`)).toContain('Resham Kurta Rose');
    expect(loads.listings()).toBe(3);
  });

  it('keeps cached pages when a stock change rolls back, and drops them when one commits', async () => {
    const shop = await open(storeEnv());
    const product = await aProduct(shop, { stock: 1, name: 'Gota Dupatta' });
    const [variantId] = product.variantIds;
    const catalog = shop.get(InventoryService);
    const transactions = shop.get(Transactions);
    expect(await page(shop, `/products/${product.slug}`)).not.toContain('Sold out');
    const loads = countLoads(shop);

    await expect(
      transactions.run(async (manager) => {
        await catalog.changeStock(manager, variantId, -1, StockReason.Sale, 'AK-ROLLEDBACK');
        throw new Error('payment declined');
      }),
    ).rejects.toThrow('payment declined');
    expect(await page(shop, `/products/${product.slug}`)).not.toContain('Sold out');
    expect(loads.productPages()).toBe(0);
    expect(await catalog.stockOf(variantId)).toBe(1);

    await transactions.run((manager) => catalog.changeStock(manager, variantId, -1, StockReason.Sale, 'AK-COMMITTED'));
    expect(await page(shop, `/products/${product.slug}`)).toContain('Sold out');
    expect(loads.productPages()).toBe(1);
  });

  it('shows Sold out on the product page and the listing at once when the last unit is bought', async () => {
    const shop = await open(storeEnv());
    const product = await aProduct(shop, { stock: 1, name: 'Last Lawn Kurta' });
    // Both pages cached while the kurta is in stock.
    for (let visit = 0; visit < 2; visit++) {
      expect(await page(shop, `/products/${product.slug}`)).not.toContain('Sold out');
      expect(await page(shop, `/categories/${product.categorySlug}`)).not.toContain('Sold out');
    }

    await buy(shop, product);

    expect(await page(shop, `/products/${product.slug}`)).toContain('Sold out');
    expect(await page(shop, `/categories/${product.categorySlug}`)).toContain('Sold out');
  });

  it('counts a filter once for all its pages and sorts, and again after the catalog changes', async () => {
    const shop = await open(storeEnv());
    const product = await aProduct(shop, { stock: 4, name: 'Counted Kurta' });
    const counts = jest.spyOn(ProductListingService.prototype as unknown as { countsByCategory(): Promise<unknown> }, 'countsByCategory');
    for (const path of ['/products?size=M', '/products?size=M&page=2', '/products?size=M&sort=price_desc']) await page(shop, path);
    expect(counts).toHaveBeenCalledTimes(1);

    await aProduct(shop, { stock: 4, name: 'Another Counted Kurta' });
    expect(await page(shop, '/products?size=M&sort=price_asc')).toContain(product.name);
    expect(counts).toHaveBeenCalledTimes(2);
  });

  it('keeps cached pages through sales of plentiful stock, and drops them once stock runs low', async () => {
    const shop = await open(storeEnv());
    const product = await aProduct(shop, { stock: 6, name: 'Busy Day Kurta' }); // low-stock threshold 3
    expect(await page(shop, `/products/${product.slug}`)).toContain('In stock');
    const loads = countLoads(shop);

    await buy(shop, product, 2); // 6 → 4: the page still says "In stock", so nothing is reloaded
    expect(await page(shop, `/products/${product.slug}`)).toContain('In stock');
    expect(loads.productPages()).toBe(0);

    await buy(shop, product); // 4 → 3: now it says how many are left, at once
    expect(await page(shop, `/products/${product.slug}`)).toMatch(/only 3 left/i);
    expect(loads.productPages()).toBe(1);
  });

  it("shows a sale's new stock label on the product page at once while listings stay cached, and Sold out on the listing once the last unit goes", async () => {
    const shop = await open(storeEnv());
    const product = await aProduct(shop, { stock: 5, lowStockThreshold: 4, name: 'Counted Lawn Kurta' });
    const other = await aProduct(shop, { stock: 5, lowStockThreshold: 4, name: 'Other Lawn Kurta' });
    const pages = [`/categories/${product.categorySlug}`, '/products', `/products/${other.slug}`];
    for (let visit = 0; visit < 2; visit++) {
      expect(await page(shop, `/products/${product.slug}`)).toContain('In stock');
      for (const path of pages) expect(await page(shop, path)).not.toContain('Sold out');
    }
    const loads = countLoads(shop);

    await buy(shop, product); // 5 → 4: "In stock" becomes "Only 4 left"; the kurta is still in stock
    expect(await page(shop, `/products/${product.slug}`)).toContain('Only 4 left');
    expect(loads.productPages()).toBe(1);
    // The listings, the filters' counts and the other product's page: every read of them a hit.
    const before = await catalogCacheReads(shop.baseUrl);
    for (const path of pages) expect(await page(shop, path)).not.toContain('Sold out');
    const after = await catalogCacheReads(shop.baseUrl);
    expect({ hits: after.hit - before.hit >= pages.length, misses: after.miss - before.miss }).toEqual({ hits: true, misses: 0 });
    expect({ listings: loads.listings(), productPages: loads.productPages() }).toEqual({ listings: 0, productPages: 1 });

    await buy(shop, product, 4); // the last units
    expect(await page(shop, `/categories/${product.categorySlug}`)).toContain('Sold out');
    expect(await page(shop, `/products/${product.slug}`)).toContain('Sold out');
  });

  it('shows a size sold out on the product page and the in-stock listings at once, while the listings of whole products stay cached', async () => {
    const shop = await open(storeEnv());
    const product = await aProduct(shop, { stock: 1, sizes: ['S', 'M'], name: 'Two Size Kurta' });
    const wholeProducts = ['/products', `/categories/${product.categorySlug}`];
    for (let visit = 0; visit < 2; visit++) {
      expect(await page(shop, `/products/${product.slug}`)).toContain('S / Indigo: Only 1 left');
      for (const path of wholeProducts) expect(await page(shop, path)).toContain('Two Size Kurta');
      expect(await page(shop, '/products?inStock=1')).toContain('S (1)');
      expect(await page(shop, '/products?inStock=1&size=S')).toContain('Two Size Kurta');
    }
    const loads = countLoads(shop);

    await buy(shop, product, 1, 'S'); // the last S; the M is still in stock

    expect(await page(shop, `/products/${product.slug}`)).toContain('S / Indigo: Sold out');
    expect(await page(shop, '/products?inStock=1')).not.toContain('S (1)');
    expect(await page(shop, '/products?inStock=1&size=S')).not.toContain('Two Size Kurta');
    // The listings without a stock, size, colour or price filter, and their counts: every read of them a hit.
    const before = await catalogCacheReads(shop.baseUrl);
    for (const path of wholeProducts) expect(await page(shop, path)).not.toContain('Sold out');
    const after = await catalogCacheReads(shop.baseUrl);
    expect({ hits: after.hit - before.hit >= wholeProducts.length, misses: after.miss - before.miss }).toEqual({ hits: true, misses: 0 });
    expect(loads.listings()).toBe(0);

    await buy(shop, product, 1, 'M'); // the kurta's last unit
    for (const path of wholeProducts) expect(await page(shop, path)).toContain('Sold out');
  });

  it("shows the product page again after refused Add to cart presses from the cache, with the shopper's choice and the reason", async () => {
    const shop = await open(storeEnv());
    const product = await aProduct(shop, { stock: 2, name: 'Refused Kurta', sizes: ['S', 'M'], colours: ['Indigo', 'Rust'] });
    expect(await page(shop, `/products/${product.slug}`)).toContain('Refused Kurta');
    const loads = countLoads(shop);
    const shopper = new Shopper(shop.baseUrl);

    for (let press = 0; press < 3; press++) {
      const tooFew = await addToCart(shopper, product, { size: 'S', colour: 'Rust', quantity: 0 });
      expect(tooFew.status).toBe(422);
      expect(textOf(tooFew.html)).toContain('Quantity must be at least 1');
      expect({ size: selectedIn(tooFew.html, 'size'), colour: selectedIn(tooFew.html, 'colour') }).toEqual({ size: 'S', colour: 'Rust' });
      const tooMany = await addToCart(shopper, product, { size: 'M', colour: 'Rust', quantity: 3 });
      expect(tooMany.status).toBe(409);
      expect(textOf(tooMany.html)).toContain('Only 2 of Refused Kurta (M / Rust) left');
      expect({ size: selectedIn(tooMany.html, 'size'), colour: selectedIn(tooMany.html, 'colour') }).toEqual({ size: 'M', colour: 'Rust' });
    }
    expect(loads.productPages()).toBe(0);
  });

  it("lets two instances of the shop sharing the database see each other's changes", async () => {
    const first = await open(storeEnv());
    const sharedRedis: Record<string, string> = first.config.redis ? { REDIS_URL: first.config.redis.url, REDIS_KEY_PREFIX: first.config.redis.keyPrefix } : {};
    const second = await open({ ...sameDatabaseAs(first), ...sharedRedis });
    const product = await aProduct(first, { stock: 1, name: 'Shared Silk Kurta' });
    for (const shop of [first, second]) expect(await page(shop, `/products/${product.slug}`)).not.toContain('Sold out');

    await buy(first, product);

    expect(await page(first, `/products/${product.slug}`)).toContain('Sold out');
    if (first.config.redis) {
      // One generation in Redis for every instance: the other one knows at once.
      expect(await page(second, `/products/${product.slug}`)).toContain('Sold out');
    } else {
      // Each instance keeps its entries in its own memory and reads the shared generation from the
      // database every second: the other one knows by its next read.
      expect(await eventually(async () => (await page(second, `/products/${product.slug}`)).includes('Sold out'))).toBe(true);
    }
  });

  it("shows the other instance's new stock label on its product page too, keeping its listings", async () => {
    const first = await open(storeEnv());
    const sharedRedis: Record<string, string> = first.config.redis ? { REDIS_URL: first.config.redis.url, REDIS_KEY_PREFIX: first.config.redis.keyPrefix } : {};
    const second = await open({ ...sameDatabaseAs(first), ...sharedRedis });
    const product = await aProduct(first, { stock: 5, lowStockThreshold: 4, name: 'Shared Lawn Kurta' });
    // Without Redis, the second takes up the generation the new product started at its next poll: not before then.
    if (!first.config.redis) await sleep(GENERATION_POLL_MS * 1.5);
    for (const shop of [first, second]) {
      expect(await page(shop, `/products/${product.slug}`)).toContain('In stock');
      expect(await page(shop, `/categories/${product.categorySlug}`)).toContain('Shared Lawn Kurta');
    }
    const listingsOnSecond = countLoads(second);

    await buy(first, product); // 5 → 4

    expect(await page(first, `/products/${product.slug}`)).toContain('Only 4 left');
    if (first.config.redis) {
      expect(await page(second, `/products/${product.slug}`)).toContain('Only 4 left');
    } else {
      // The dropped product's version is read from the database with the generation, every second.
      expect(await eventually(async () => (await page(second, `/products/${product.slug}`)).includes('Only 4 left'))).toBe(true);
    }
    expect(await page(second, `/categories/${product.categorySlug}`)).toContain('Shared Lawn Kurta');
    expect(listingsOnSecond.listings()).toBe(0);
  });
});

describe('the catalog cache in Redis, when Redis goes away', () => {
  let shop: TestShop;
  let redis: FlakyProxy;

  beforeAll(async () => {
    redis = await FlakyProxy.to(6379);
    shop = await startShop({ REDIS_URL: `redis://127.0.0.1:${redis.port}`, REDIS_KEY_PREFIX: `anarkali-test:${process.pid}:${randomUUID()}:` });
  });
  afterAll(async () => {
    await shop.close();
    await redis.close();
  });

  it('keeps answering from the database, and after Redis is back never serves what changed while it was away', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const product = await aProduct(shop, { stock: 1, name: 'Phulkari Dupatta' });
    const paths = ['/', '/products', `/categories/${product.categorySlug}`, `/products/${product.slug}`, `/api/v1/products/${product.slug}`];
    for (const path of paths) await page(shop, path);
    const loads = countLoads(shop);
    await page(shop, `/products/${product.slug}`);
    expect(loads.productPages()).toBe(0);

    redis.cut();
    for (const path of paths) await page(shop, path);
    await buy(shop, product); // the cache cannot be told: Redis is away
    expect(await page(shop, `/products/${product.slug}`)).toContain('Sold out');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('catalog cache unavailable'));

    redis.restore();
    // Once the client has reconnected, pages are cached again (two visits cost at most one load), and
    // the entry cached before the sale is not among them.
    expect(
      await eventually(async () => {
        const before = loads.productPages();
        await page(shop, `/products/${product.slug}`);
        await page(shop, `/products/${product.slug}`);
        return loads.productPages() - before < 2;
      }),
    ).toBe(true);
    expect(await page(shop, `/products/${product.slug}`)).toContain('Sold out');
  });
});

/** Polls `check` until it holds, for a while; whether it ever did. */
async function eventually(check: () => Promise<boolean>, attempts = 100): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

/** A loopback TCP proxy in front of a real server, whose connections can be cut (and refused) and then allowed again. */
class FlakyProxy {
  private readonly sockets = new Set<net.Socket>();
  private readonly server: net.Server;
  private up = true;

  private constructor(targetPort: number) {
    this.server = net.createServer((client) => {
      if (!this.up) return client.destroy();
      const upstream = net.connect(targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  static async to(targetPort: number): Promise<FlakyProxy> {
    const proxy = new FlakyProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  cut(): void {
    this.up = false;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.up = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
