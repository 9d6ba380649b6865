import { CATALOG_CACHE_TTL_SECONDS, type CachedEntry, type CatalogCacheStore, entryLifetime } from './catalog-cache.js';

/** A cache read that takes longer than this is given up, and the page is read from the database. */
const COMMAND_TIMEOUT_MS = 500;

/**
 * A tag's version is kept this long after its last drop. Were it to expire while an entry stored
 * before that drop still lived, the entry would match the version counted from nothing again: a day
 * is far longer than any load plus an entry's lifetime (CATALOG_CACHE_TTL_SECONDS).
 */
const TAG_VERSION_TTL_SECONDS = 24 * 3600;

/**
 * The Redis client is imported here, when a shop with REDIS_URL connects, not when the shop starts: a
 * shop without Redis would carry its code (about 1.5 MB of source and what it compiles to) for nothing.
 */
async function newRedisClient(url: string) {
  const { createClient } = await import('@redis/client');
  return createClient({
    url,
    // Without an offline queue a command fails at once while Redis is away, and the page comes from the database.
    disableOfflineQueue: true,
    commandOptions: { timeout: COMMAND_TIMEOUT_MS },
    socket: {
      connectTimeout: 5_000,
      // Unlike the attempt counter, the shop starts and keeps serving without Redis: keep trying in the background.
      reconnectStrategy: (retries: number) => Math.min(retries * 200, 5_000),
    },
  });
}

type RedisClient = Awaited<ReturnType<typeof newRedisClient>>;

/**
 * Entries in Redis (REDIS_URL), shared by every instance: one key holds the generation (INCR starts a
 * new one), one per dropped tag its version (INCR too), and each entry is stored with the generation
 * it was loaded in (and its tag's version), expiring on its own. Every read asks for the versions, so
 * every instance sees a change at once.
 */
export class RedisCatalogStore implements CatalogCacheStore {
  /**
   * A new generation is owed: a bump failed, or Redis came back after being away, while other
   * instances may have changed the catalog without being able to say so. Made before the next read.
   */
  private owed = false;

  private constructor(
    private readonly client: RedisClient,
    private readonly keyPrefix: string,
  ) {}

  /** Connects in the background: until Redis answers, every read fails over to the database. */
  static async open(url: string, keyPrefix: string): Promise<RedisCatalogStore> {
    const client = await newRedisClient(url);
    const store = new RedisCatalogStore(client, keyPrefix);
    let connectedBefore = false;
    client.on('error', () => undefined); // reported through the failing commands; without a listener it would end the process
    client.on('ready', () => {
      if (connectedBefore) store.owed = true;
      connectedBefore = true;
    });
    client.connect().catch(() => undefined);
    return store;
  }

  async read(key: string, tag?: string): Promise<{ generation: string; entry: CachedEntry | undefined; stale?: CachedEntry }> {
    if (this.owed) {
      this.owed = false; // one bump for a burst of reads; a failed one owes it again
      await this.bump();
    }
    const keys = [this.generationKey, this.entryKey(key)];
    if (tag !== undefined) keys.push(this.tagKey(tag));
    const [generation, entry, tagVersion] = await this.client.mGet(keys);
    const catalog = generation ?? '0';
    const current = tag === undefined ? catalog : `${catalog}.${tagVersion ?? '0'}`;
    if (entry === null) return { generation: current, entry: undefined };
    const newline = entry.indexOf('\n');
    const [version, text] = [entry.slice(0, newline), entry.slice(newline + 1)];
    if (version === current) return { generation: current, entry: { text } };
    // Of this catalog generation, from an earlier version of its tag: may be served stale.
    return { generation: current, entry: undefined, stale: tag !== undefined && version.startsWith(`${catalog}.`) ? { text } : undefined };
  }

  /** `generation` as read() gave it holds the tag's version: the entry needs no more to be checked against it. */
  async write(key: string, generation: string, entry: CachedEntry): Promise<void> {
    await this.client.set(this.entryKey(key), `${generation}\n${entry.text}`, {
      expiration: { type: 'EX', value: Math.ceil(entryLifetime(CATALOG_CACHE_TTL_SECONDS)) },
    });
  }

  async bump(): Promise<void> {
    try {
      await this.client.incr(this.generationKey);
      this.owed = false;
    } catch (error) {
      this.owed = true;
      throw error;
    }
  }

  async drop(tags: readonly string[]): Promise<void> {
    const versions = this.client.multi();
    for (const tag of tags) versions.incr(this.tagKey(tag)).expire(this.tagKey(tag), TAG_VERSION_TTL_SECONDS);
    try {
      await versions.exec();
    } catch (error) {
      // Other instances cannot be told which entries went: a new generation for all of them is owed.
      this.owed = true;
      throw error;
    }
  }

  close(): Promise<void> {
    this.client.destroy();
    return Promise.resolve();
  }

  private get generationKey(): string {
    return `${this.keyPrefix}catalog:generation`;
  }

  private tagKey(tag: string): string {
    return `${this.keyPrefix}catalog:tag:${tag}`;
  }

  private entryKey(key: string): string {
    return `${this.keyPrefix}catalog:entry:${key}`;
  }
}
