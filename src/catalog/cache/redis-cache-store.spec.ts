import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ShopMetrics } from '../../common/metrics.js';
import { CatalogCache } from './catalog-cache.js';
import { RedisCatalogStore } from './redis-cache-store.js';
import { entryTexts } from '../../../test/helpers/catalog-cache-reads.js';

/** Against the Redis server on 127.0.0.1:6379 (see DESIGN.md), under a key prefix of this test's own. */
describe('RedisCatalogStore', () => {
  const stores: RedisCatalogStore[] = [];
  const open = async (url: string, prefix: string) => {
    const store = await RedisCatalogStore.open(url, prefix);
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    jest.restoreAllMocks();
  });

  /** Reads until the background connection is up (a fresh client has not connected yet). */
  async function connected(store: RedisCatalogStore) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await store.read('probe');
      } catch (error) {
        if (attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  it('shares entries and the generation between instances: a bump on one hides every entry from both', async () => {
    const prefix = `anarkali-test:${process.pid}:${randomUUID()}:`;
    const [one, two] = [await open('redis://127.0.0.1:6379', prefix), await open('redis://127.0.0.1:6379', prefix)];
    const { generation } = await connected(one);
    await connected(two);

    await one.write('listProducts:[]', generation, { text: '{"items":[]}' });
    expect(await two.read('listProducts:[]')).toEqual({ generation, entry: { text: '{"items":[]}' } });

    await two.bump();
    const after = await one.read('listProducts:[]');
    expect(after.generation).not.toBe(generation);
    expect(after.entry).toBeUndefined();
    // A load that started before the bump stores its answer under the old generation: never served.
    await one.write('listProducts:[]', generation, { text: '{"items":["stale"]}' });
    expect((await two.read('listProducts:[]')).entry?.text).toBeUndefined();
  });

  it("drops a tag's entries for both instances at once, leaving other products' and untagged entries (listings) cached", async () => {
    const prefix = `anarkali-test:${process.pid}:${randomUUID()}:`;
    const [one, two] = [await open('redis://127.0.0.1:6379', prefix), await open('redis://127.0.0.1:6379', prefix)];
    await Promise.all([connected(one), connected(two)]);
    const keep = async (key: string, text: string, tag?: string) => one.write(key, (await one.read(key, tag)).generation, { text });
    const kurtaBeforeTheSale = (await one.read('productFacts:["kurta"]', 'product:kurta')).generation;
    await keep('productFacts:["kurta"]', 'Only 4 left', 'product:kurta');
    await keep('productFacts:["dupatta"]', 'In stock', 'product:dupatta');
    await keep('listProducts:[]', 'kurta, dupatta');

    await one.drop(['product:kurta']);

    for (const store of [one, two]) {
      // Gone, but given as it was to whoever asks while another request loads it again.
      expect(entryTexts(await store.read('productFacts:["kurta"]', 'product:kurta'))).toEqual({ entry: undefined, stale: 'Only 4 left' });
      expect((await store.read('productFacts:["dupatta"]', 'product:dupatta')).entry?.text).toBe('In stock');
      expect((await store.read('listProducts:[]')).entry?.text).toBe('kurta, dupatta');
    }
    // A load that started before the drop stores its answer under the old version: never served.
    await two.write('productFacts:["kurta"]', kurtaBeforeTheSale, { text: 'Only 4 left' });
    expect((await one.read('productFacts:["kurta"]', 'product:kurta')).entry).toBeUndefined();
    await keep('productFacts:["kurta"]', 'Only 3 left', 'product:kurta');
    expect((await two.read('productFacts:["kurta"]', 'product:kurta')).entry?.text).toBe('Only 3 left');
    // A new generation hides tagged entries too, stale ones included.
    await two.bump();
    expect(entryTexts(await one.read('productFacts:["kurta"]', 'product:kurta'))).toEqual({ entry: undefined, stale: undefined });
    expect(entryTexts(await one.read('listProducts:[]'))).toEqual({ entry: undefined, stale: undefined });
  });

  it('fails fast while Redis cannot be reached, so the cache falls back to the database', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const closed = await closedPort();
    const store = await open(`redis://127.0.0.1:${closed}`, 'anarkali-test:');
    await expect(store.read('listProducts:[]')).rejects.toThrow();
    const cache = new CatalogCache(store, new ShopMetrics());
    expect(await cache.remember('listProducts:[]', () => Promise.resolve({ items: ['from the database'] }))).toEqual({ items: ['from the database'] });
    await expect(cache.invalidate()).resolves.toBeUndefined();
    await expect(store.drop(['product:kurta'])).rejects.toThrow();
    await expect(cache.drop(['product:kurta'])).resolves.toBeUndefined();
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
