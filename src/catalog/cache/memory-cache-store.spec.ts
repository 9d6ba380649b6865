import { jest } from '@jest/globals';
import { MemoryCatalogStore, type SharedGeneration, type SharedVersions } from './memory-cache-store.js';
import { entryTexts } from '../../../test/helpers/catalog-cache-reads.js';

/** A stand-in for the database rows every instance reads: the generation's and the dropped tags'. */
class SharedRow implements SharedGeneration {
  value: string | null = null;
  readonly tags = new Map<string, string>();
  reads = 0;
  /** Held reads and writes, to play a slow database. */
  hold: Promise<void> = Promise.resolve();

  async read(): Promise<SharedVersions> {
    this.reads += 1;
    const found = { generation: this.value, tags: new Map(this.tags) };
    await this.hold;
    return found;
  }

  async publish(generation: string): Promise<void> {
    await this.hold;
    this.value = generation;
  }

  async publishTags(versions: ReadonlyMap<string, string>): Promise<void> {
    await this.hold;
    for (const [tag, version] of versions) this.tags.set(tag, version);
  }
}

describe('MemoryCatalogStore', () => {
  const stores: MemoryCatalogStore[] = [];
  const storeWith = (shared: SharedGeneration | null, options = {}) => {
    const store = new MemoryCatalogStore(shared, options);
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    jest.useRealTimers();
    for (const store of stores.splice(0)) await store.close();
  });

  it('keeps at most its capacity, dropping the entry read least recently', async () => {
    const sut = storeWith(null, { capacity: 2 });
    const { generation } = await sut.read('a');
    await sut.write('a', generation, { text: 'A' });
    await sut.write('b', generation, { text: 'B' });
    expect((await sut.read('a')).entry?.text).toBe('A');
    await sut.write('c', generation, { text: 'C' });
    expect([(await sut.read('a')).entry?.text, (await sut.read('b')).entry?.text, (await sut.read('c')).entry?.text]).toEqual(['A', undefined, 'C']);
  });

  it('lets entries expire within the last quarter of their TTL, not all in the same second', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-27T08:00:00Z') });
    const sut = storeWith(null, { ttlMs: 60_000 });
    const keys = Array.from({ length: 20 }, (_, i) => `page ${i}`);
    const { generation } = await sut.read(keys[0]);
    for (const key of keys) await sut.write(key, generation, { text: key });
    const kept = async () => (await Promise.all(keys.map(async (key) => (await sut.read(key)).entry))).filter(Boolean).length;

    jest.setSystemTime(new Date('2026-11-27T08:00:44Z'));
    expect(await kept()).toBe(20);
    jest.setSystemTime(new Date('2026-11-27T08:00:52.500Z'));
    // Each lifetime is drawn from 45–60 s: all 20 on one side of the middle is a one-in-500,000 chance.
    expect(await kept()).toBeGreaterThan(0);
    expect(await kept()).toBeLessThan(20);
    jest.setSystemTime(new Date('2026-11-27T08:01:01Z'));
    expect(await kept()).toBe(0);
  });

  it('keeps an entry of an earlier version of its tag, or past its lifetime, to be served stale until the new one is written', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-27T08:00:00Z') });
    const sut = storeWith(null, { ttlMs: 60_000 });
    const write = async (key: string, text: string, tag?: string) => sut.write(key, (await sut.read(key, tag)).generation, { text }, tag);
    await write('productFacts:["kurta"]', 'Only 4 left', 'product:kurta');
    await write('listProducts:[]', 'kurta, dupatta');

    await sut.drop(['product:kurta']);
    expect(entryTexts(await sut.read('productFacts:["kurta"]', 'product:kurta'))).toEqual({ entry: undefined, stale: 'Only 4 left' });
    await write('productFacts:["kurta"]', 'Only 3 left', 'product:kurta');
    expect(entryTexts(await sut.read('productFacts:["kurta"]', 'product:kurta'))).toEqual({ entry: 'Only 3 left', stale: undefined });

    jest.setSystemTime(new Date('2026-11-27T08:01:01Z'));
    expect(entryTexts(await sut.read('listProducts:[]'))).toEqual({ entry: undefined, stale: 'kurta, dupatta' });
  });

  it('serves nothing from before a bump, stale or not, and ignores a write loaded in an older generation', async () => {
    const sut = storeWith(null);
    const before = (await sut.read('a')).generation;
    await sut.write('a', before, { text: 'old' });
    await sut.bump();
    const after = await sut.read('a');
    expect(after.generation).not.toBe(before);
    expect(entryTexts(after)).toEqual({ entry: undefined, stale: undefined });
    await sut.write('a', before, { text: 'loaded before the change' });
    expect((await sut.read('a')).entry?.text).toBeUndefined();
  });

  it('publishes its bumps, and takes up the generation another instance published at its next poll', async () => {
    const row = new SharedRow();
    const here = storeWith(row);
    const there = storeWith(row);
    await Promise.all([here.poll(), there.poll()]);
    const generation = (await there.read('a')).generation;
    await there.write('a', generation, { text: 'in stock' });

    await here.bump();
    expect(row.value).toBe((await here.read('a')).generation);
    expect((await there.read('a')).entry?.text).toBe('in stock');
    await there.poll(); // the scheduler's catalog-cache-poll, a second later
    expect(await there.read('a')).toEqual({ generation: row.value, entry: undefined });
  });

  it('does not go back to a generation read by a poll that overlapped its own bump', async () => {
    const row = new SharedRow();
    row.value = 'before';
    const sut = storeWith(row);
    await sut.poll();
    expect((await sut.read('a')).generation).toBe('before');

    let release!: () => void;
    row.hold = new Promise<void>((resolve) => (release = resolve));
    const polled = row.reads;
    const polling = sut.poll(); // a poll starts, and reads "before"
    expect(row.reads).toBe(polled + 1);
    const bumped = sut.bump();
    const mine = (await sut.read('a')).generation;
    release();
    await bumped;
    await polling;
    expect((await sut.read('a')).generation).toBe(mine);
    expect(row.value).toBe(mine);
  });

  /** Keeps `text` under `key` (with `tag`) as a load that started now would. */
  async function kept(store: MemoryCatalogStore, key: string, text: string, tag?: string) {
    await store.write(key, (await store.read(key, tag)).generation, { text }, tag);
  }
  const textOf = async (store: MemoryCatalogStore, key: string, tag?: string) => (await store.read(key, tag)).entry?.text;

  it("drops a tag's entries only: other products' and untagged entries (listings) stay", async () => {
    const sut = storeWith(null);
    await kept(sut, 'productFacts:["kurta"]', 'Only 4 left', 'product:kurta');
    await kept(sut, 'productFacts:["dupatta"]', 'In stock', 'product:dupatta');
    await kept(sut, 'listProducts:[]', 'kurta, dupatta');

    await sut.drop(['product:kurta']);

    expect(await textOf(sut, 'productFacts:["kurta"]', 'product:kurta')).toBeUndefined();
    expect(await textOf(sut, 'productFacts:["dupatta"]', 'product:dupatta')).toBe('In stock');
    expect(await textOf(sut, 'listProducts:[]')).toBe('kurta, dupatta');
    // Kept again from then on.
    await kept(sut, 'productFacts:["kurta"]', 'Only 3 left', 'product:kurta');
    expect(await textOf(sut, 'productFacts:["kurta"]', 'product:kurta')).toBe('Only 3 left');
  });

  it('ignores a write loaded before its tag was dropped, and serves nothing tagged from before a bump', async () => {
    const sut = storeWith(null);
    const before = (await sut.read('productFacts:["kurta"]', 'product:kurta')).generation;
    await sut.drop(['product:kurta']);
    await sut.write('productFacts:["kurta"]', before, { text: 'loaded before the sale' }, 'product:kurta');
    expect(await textOf(sut, 'productFacts:["kurta"]', 'product:kurta')).toBeUndefined();

    await kept(sut, 'productFacts:["kurta"]', 'Only 3 left', 'product:kurta');
    await sut.bump();
    expect(await textOf(sut, 'productFacts:["kurta"]', 'product:kurta')).toBeUndefined();
  });

  it("publishes its drops, and drops another instance's tagged entries at its next poll, leaving the rest", async () => {
    const row = new SharedRow();
    const here = storeWith(row);
    const there = storeWith(row);
    await Promise.all([here.poll(), there.poll()]);
    await kept(there, 'productFacts:["kurta"]', 'Only 4 left', 'product:kurta');
    await kept(there, 'productFacts:["dupatta"]', 'In stock', 'product:dupatta');
    await kept(there, 'listProducts:[]', 'kurta, dupatta');

    await here.drop(['product:kurta']);
    expect([...row.tags.keys()]).toEqual(['product:kurta']);
    expect(await textOf(there, 'productFacts:["kurta"]', 'product:kurta')).toBe('Only 4 left');
    await there.poll(); // the scheduler's catalog-cache-poll, a second later
    expect(await textOf(there, 'productFacts:["kurta"]', 'product:kurta')).toBeUndefined();
    expect(await textOf(there, 'productFacts:["dupatta"]', 'product:dupatta')).toBe('In stock');
    expect(await textOf(there, 'listProducts:[]')).toBe('kurta, dupatta');

    // Read again, the same version is no news: what was kept since stays.
    await kept(there, 'productFacts:["kurta"]', 'Only 3 left', 'product:kurta');
    await there.poll();
    expect(await textOf(there, 'productFacts:["kurta"]', 'product:kurta')).toBe('Only 3 left');
  });

  it('never serves an entry from before its own drop again when a poll overlapped the drop and read the older version', async () => {
    const row = new SharedRow();
    row.tags.set('product:kurta', 'dropped by another instance');
    const sut = storeWith(row);
    await sut.poll();
    await kept(sut, 'productFacts:["kurta"]', 'Only 4 left', 'product:kurta');

    let release!: () => void;
    row.hold = new Promise<void>((resolve) => (release = resolve));
    const polling = sut.poll(); // reads the version from before the drop below
    const dropping = sut.drop(['product:kurta']);
    expect(await textOf(sut, 'productFacts:["kurta"]', 'product:kurta')).toBeUndefined();
    release();
    await Promise.all([polling, dropping]);
    expect(await textOf(sut, 'productFacts:["kurta"]', 'product:kurta')).toBeUndefined();
    await sut.poll();
    expect(await textOf(sut, 'productFacts:["kurta"]', 'product:kurta')).toBeUndefined();
  });

  it('keeps what it cached after its own drop when a poll that read from before the drop ends after it', async () => {
    const row = new SharedRow();
    const sut = storeWith(row);
    await sut.poll();
    let release!: () => void;
    const slowRead = new Promise<void>((resolve) => (release = resolve));
    const read = row.read.bind(row);
    jest.spyOn(row, 'read').mockImplementationOnce(async () => {
      const found = await read();
      await slowRead;
      return found;
    });

    const polling = sut.poll(); // finds no drop of the kurta yet
    await sut.drop(['product:kurta']);
    await kept(sut, 'productFacts:["kurta"]', 'Only 3 left', 'product:kurta');
    release();
    await polling;
    await sut.poll();

    expect(await textOf(sut, 'productFacts:["kurta"]', 'product:kurta')).toBe('Only 3 left');
  });
});
