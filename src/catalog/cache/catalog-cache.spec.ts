import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ShopMetrics } from '../../common/metrics.js';
import {
  cacheKey,
  CatalogCache,
  type CatalogCacheStore,
  PRODUCT_AVAILABILITY_TAG,
  productTag,
  STOCK_LEVELS_TAG,
  VARIANT_AVAILABILITY_TAG,
} from './catalog-cache.js';
import { MemoryCatalogStore } from './memory-cache-store.js';

describe('CatalogCache', () => {
  let sut: CatalogCache;
  let metrics: ShopMetrics;

  beforeEach(() => {
    metrics = new ShopMetrics();
    sut = new CatalogCache(new MemoryCatalogStore(null), metrics);
  });

  /** A load that waits for release(), and what it answers then. */
  function heldLoad<T>(answer: T) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    return { release, load: () => released.then(() => answer) };
  }
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
  afterEach(() => jest.restoreAllMocks());

  it('loads an answer once and serves it again until the catalog changes', async () => {
    let loads = 0;
    const load = () => Promise.resolve({ loads: ++loads });

    expect(await sut.remember('listProducts:[]', load)).toEqual({ loads: 1 });
    expect(await sut.remember('listProducts:[]', load)).toEqual({ loads: 1 });
    expect(await sut.remember('newArrivals:[8]', load)).toEqual({ loads: 2 });

    await sut.invalidate();
    expect(await sut.remember('listProducts:[]', load)).toEqual({ loads: 3 });
  });

  it('loads once for a burst of requests for the same uncached answer', async () => {
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { items: [1, 2, 3] };
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => sut.remember('listProducts:[]', load)));
    expect(loads).toBe(1);
    expect(answers).toEqual(Array.from({ length: 20 }, () => ({ items: [1, 2, 3] })));
    // They share one answer, so it is frozen: nobody can change what the others see.
    expect(() => answers[0].items.push(4)).toThrow(TypeError);
    expect(answers[1].items).toEqual([1, 2, 3]);
  });

  it('does not keep what a load started before a change loaded: it may have read the old rows', async () => {
    let release!: () => void;
    const committed = new Promise<void>((resolve) => (release = resolve));
    const slow = sut.remember('productPage:["kurta"]', async () => {
      await committed;
      return { stock: 1 };
    });
    await sut.invalidate();
    release();
    expect(await slow).toEqual({ stock: 1 });
    expect(await sut.remember('productPage:["kurta"]', () => Promise.resolve({ stock: 0 }))).toEqual({ stock: 0 });
  });

  it("drops a product's tagged answer alone: other products, listings and the rest stay cached", async () => {
    let loads = 0;
    const load = () => Promise.resolve({ loads: ++loads });
    const kurta = () => sut.remember('productFacts:["kurta"]', load, productTag('kurta'));
    const dupatta = () => sut.remember('productFacts:["dupatta"]', load, productTag('dupatta'));
    const listing = () => sut.remember('listProducts:[]', load);
    expect([await kurta(), await dupatta(), await listing()]).toEqual([{ loads: 1 }, { loads: 2 }, { loads: 3 }]);

    await sut.drop([productTag('kurta')]);

    expect([await kurta(), await dupatta(), await listing()]).toEqual([{ loads: 4 }, { loads: 2 }, { loads: 3 }]);
  });

  it('does not keep what a load started before its tag was dropped loaded', async () => {
    let release!: () => void;
    const committed = new Promise<void>((resolve) => (release = resolve));
    const slow = sut.remember(
      'productFacts:["kurta"]',
      async () => {
        await committed;
        return { label: 'Only 3 left' };
      },
      productTag('kurta'),
    );
    await sut.drop([productTag('kurta')]);
    release();
    expect(await slow).toEqual({ label: 'Only 3 left' });
    expect(await sut.remember('productFacts:["kurta"]', () => Promise.resolve({ label: 'Only 2 left' }), productTag('kurta'))).toEqual({
      label: 'Only 2 left',
    });
  });

  it("gives one after-commit callback per product for a stock label change, which drops the product's page and the stock levels", async () => {
    const drop = jest.spyOn(sut, 'drop');
    const callback = sut.stockLabelChanged('kurta');
    // afterCommit runs a callback registered twice in one transaction once: it must be the same function.
    expect(sut.stockLabelChanged('kurta')).toBe(callback);
    expect(sut.stockLabelChanged('dupatta')).not.toBe(callback);

    await callback();
    expect(drop).toHaveBeenCalledWith([productTag('kurta'), STOCK_LEVELS_TAG]);
  });

  it("gives one after-commit callback per product for a variant sold out or back, which drops more than a label change's", async () => {
    const drop = jest.spyOn(sut, 'drop');
    const callback = sut.variantAvailabilityChanged('kurta');
    expect(sut.variantAvailabilityChanged('kurta')).toBe(callback);
    expect(sut.variantAvailabilityChanged('dupatta')).not.toBe(callback);
    // A transaction may change both for one product: two callbacks, and both run.
    expect(sut.stockLabelChanged('kurta')).not.toBe(callback);

    await callback();
    expect(drop).toHaveBeenCalledWith([productTag('kurta'), VARIANT_AVAILABILITY_TAG, STOCK_LEVELS_TAG]);
  });

  it('gives the answer as it was to requests that come while another loads it again after its tag was dropped, and the new one after', async () => {
    const kurta = (load: () => Promise<{ label: string }>) => sut.remember('productFacts:["kurta"]', load, productTag('kurta'));
    const notLoadedAgain = () => Promise.reject(new Error('loaded twice'));
    await kurta(() => Promise.resolve({ label: 'Only 3 left' }));
    await sut.drop([productTag('kurta')]);

    const reload = heldLoad({ label: 'Only 2 left' });
    const first = kurta(reload.load);
    await nextTurn();
    // The first request after the drop waits for the new answer; those that come while it loads do not.
    expect(await kurta(notLoadedAgain)).toEqual({ label: 'Only 3 left' });
    reload.release();
    expect(await first).toEqual({ label: 'Only 2 left' });
    expect(await kurta(notLoadedAgain)).toEqual({ label: 'Only 2 left' });
    expect(await metrics.registry.getSingleMetricAsString('shop_catalog_cache_reads_total')).toContain('result="stale"} 1');
  });

  it('makes every request wait for the new answer after a new generation: an edit is never shown as it was', async () => {
    await sut.remember('listProducts:[]', () => Promise.resolve({ price: 2_500 }));
    await sut.invalidate();

    const reload = heldLoad({ price: 2_000 });
    const first = sut.remember('listProducts:[]', reload.load);
    await nextTurn();
    const during = sut.remember('listProducts:[]', () => Promise.reject(new Error('loaded twice')));
    reload.release();
    expect([await first, await during]).toEqual([{ price: 2_000 }, { price: 2_000 }]);
  });

  it("gives one after-commit callback per product for its last size sold out, which drops its cards' answers besides its page", async () => {
    const drop = jest.spyOn(sut, 'drop');
    const callback = sut.productAvailabilityChanged('kurta');
    expect(sut.productAvailabilityChanged('kurta')).toBe(callback);
    expect(sut.variantAvailabilityChanged('kurta')).not.toBe(callback);

    await callback();
    expect(drop).toHaveBeenCalledWith([productTag('kurta'), PRODUCT_AVAILABILITY_TAG, VARIANT_AVAILABILITY_TAG, STOCK_LEVELS_TAG]);
  });

  it('gives every answer back as JSON would, dates still dates, on a miss as on a hit', async () => {
    const createdAt = new Date('2026-11-27T08:00:00.000Z');
    class Product {
      constructor(
        readonly createdAt: Date,
        readonly name: string,
      ) {}
    }
    const load = () =>
      Promise.resolve({
        product: new Product(createdAt, '2026-11-27T08:00:00.000Z'),
        updatedAt: null,
        sizes: ['M'],
        history: [{ at: createdAt }, { at: new Date(NaN) }],
      });
    for (const answer of [await sut.remember('productPage:["a"]', load), await sut.remember('productPage:["a"]', load)]) {
      const { history, ...rest } = answer;
      expect(rest).toEqual({ product: { createdAt, name: '2026-11-27T08:00:00.000Z' }, updatedAt: null, sizes: ['M'] });
      expect(history[0].at).toEqual(createdAt);
      expect(history[1].at).toBeInstanceOf(Date);
      expect(Number.isNaN(history[1].at.getTime())).toBe(true);
      expect(answer.product.createdAt).toBeInstanceOf(Date);
      expect(answer.product).not.toBeInstanceOf(Product);
    }
  });

  it('parses an entry from a store that keeps only text (Redis) once, and hands out the same answer while the text is the same', async () => {
    let stored: string | undefined;
    const textOnly: CatalogCacheStore = {
      read: () => Promise.resolve({ generation: '1', entry: stored === undefined ? undefined : { text: stored } }),
      write: (_key, _generation, entry) => Promise.resolve(void (stored = entry.text)),
      bump: () => Promise.resolve(void (stored = undefined)),
      drop: () => Promise.resolve(void (stored = undefined)),
      close: () => Promise.resolve(),
    };
    const cache = new CatalogCache(textOnly, new ShopMetrics());
    const load = () => Promise.resolve({ items: ['kurta'] });
    const first = await cache.remember('listProducts:[]', load);
    await new Promise((resolve) => setImmediate(resolve)); // the write is not awaited by remember
    expect(await cache.remember('listProducts:[]', load)).toBe(first);
    stored = 'J{"items":["dupatta"]}';
    expect(await cache.remember('listProducts:[]', load)).toEqual({ items: ['dupatta'] });
  });

  it('keeps no failure: the next request loads again', async () => {
    await expect(sut.remember('productPage:["gone"]', () => Promise.reject(new Error('That product was not found')))).rejects.toThrow('not found');
    expect(await sut.remember('productPage:["gone"]', () => Promise.resolve('found'))).toBe('found');
  });

  it('loads from the database when the store fails, and says so once', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const down: CatalogCacheStore = {
      read: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6390')),
      write: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6390')),
      bump: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6390')),
      drop: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6390')),
      close: () => Promise.resolve(),
    };
    const cache = new CatalogCache(down, new ShopMetrics());
    let loads = 0;
    for (let i = 0; i < 3; i++) expect(await cache.remember('listProducts:[]', () => Promise.resolve(++loads))).toBe(i + 1);
    await expect(cache.invalidate()).resolves.toBeUndefined();
    await expect(cache.drop([productTag('kurta')])).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('with the store down, still loads once for a burst of requests for the same answer', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const down: CatalogCacheStore = {
      read: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6390')),
      write: () => Promise.reject(new Error('never written: the store is down')),
      bump: () => Promise.resolve(),
      drop: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const cache = new CatalogCache(down, new ShopMetrics());
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { items: [loads] };
    };
    const burst = await Promise.all(Array.from({ length: 10 }, () => cache.remember('listProducts:[]', load)));
    expect(loads).toBe(1);
    expect(new Set(burst).size).toBe(1);
    expect(Object.isFrozen(burst[0])).toBe(true);
    // Nothing is kept: the next request, after the burst, loads again.
    expect(await cache.remember('listProducts:[]', load)).toEqual({ items: [2] });
  });
});

describe('cacheKey', () => {
  it('is the same for equal queries whatever the order of their fields, and differs when a value does', () => {
    const key = cacheKey('listProducts', [{ page: 1, sort: 'price_asc', sizes: ['M'], search: undefined }]);
    expect(cacheKey('listProducts', [{ sizes: ['M'], sort: 'price_asc', page: 1 }])).toBe(key);
    expect(cacheKey('listProducts', [{ sizes: ['L'], sort: 'price_asc', page: 1 }])).not.toBe(key);
    expect(cacheKey('listCategory', [{ sizes: ['M'], sort: 'price_asc', page: 1 }])).not.toBe(key);
    expect(cacheKey('listCategory', ['women', { page: 2 }])).toBe('listCategory:["women",{"page":2}]');
  });
});
