import { jest } from '@jest/globals';
import { MemoryCatalogStore, type SharedGeneration } from './memory-cache-store.js';

/** A stand-in for the database row every instance reads. */
class SharedRow implements SharedGeneration {
  value: string | null = null;
  reads = 0;
  /** Held reads and writes, to play a slow database. */
  hold: Promise<void> = Promise.resolve();

  async read(): Promise<string | null> {
    this.reads += 1;
    const value = this.value;
    await this.hold;
    return value;
  }

  async publish(generation: string): Promise<void> {
    await this.hold;
    this.value = generation;
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

  it('lets entries expire', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-27T08:00:00Z') });
    const sut = storeWith(null, { ttlMs: 60_000 });
    const { generation } = await sut.read('a');
    await sut.write('a', generation, { text: 'A' });
    jest.setSystemTime(new Date('2026-11-27T08:00:59Z'));
    expect((await sut.read('a')).entry?.text).toBe('A');
    jest.setSystemTime(new Date('2026-11-27T08:01:01Z'));
    expect((await sut.read('a')).entry?.text).toBeUndefined();
  });

  it('serves nothing from before a bump, and ignores a write loaded in an older generation', async () => {
    const sut = storeWith(null);
    const before = (await sut.read('a')).generation;
    await sut.write('a', before, { text: 'old' });
    await sut.bump();
    const after = await sut.read('a');
    expect(after.generation).not.toBe(before);
    expect(after.entry).toBeUndefined();
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
});
