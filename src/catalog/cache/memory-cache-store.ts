import { randomUUID } from 'node:crypto';
import { CATALOG_CACHE_TTL_SECONDS, type CachedEntry, type CatalogCacheStore } from './catalog-cache.js';

/** The generation as every instance sees it: a row in the database, for shops without Redis. */
export interface SharedGeneration {
  read(): Promise<string | null>;
  publish(generation: string): Promise<void>;
}

export interface MemoryStoreOptions {
  /** Entries kept at most; the least recently read go first. */
  capacity?: number;
  ttlMs?: number;
}

/** How often the shared generation is read (poll(), run by the scheduler), that is how soon a change made by another instance is seen. */
export const GENERATION_POLL_MS = 1000;

/**
 * Entries in this process's memory, the default when REDIS_URL is not set. The generation is shared
 * through the database: a change made here starts a new one at once, and a change made by another
 * instance (another process of the same shop) is seen at the next poll, a second later at most (the
 * scheduler's per-instance "catalog-cache-poll" job calls poll()).
 */
export class MemoryCatalogStore implements CatalogCacheStore {
  private generation: string = randomUUID();
  private readonly entries = new Map<string, { entry: CachedEntry; expiresAt: number }>();
  private readonly capacity: number;
  private readonly ttlMs: number;
  private polling?: Promise<void>;
  /** Bumps in progress, and finished: a poll that overlapped a bump may have read the generation before it. */
  private bumping = 0;
  private bumped = 0;

  constructor(
    private readonly shared: SharedGeneration | null,
    options: MemoryStoreOptions = {},
  ) {
    this.capacity = options.capacity ?? 1000;
    this.ttlMs = options.ttlMs ?? CATALOG_CACHE_TTL_SECONDS * 1000;
    if (shared) void this.poll();
  }

  read(key: string): Promise<{ generation: string; entry: CachedEntry | undefined }> {
    const kept = this.entries.get(key);
    if (!kept) return Promise.resolve({ generation: this.generation, entry: undefined });
    this.entries.delete(key);
    if (kept.expiresAt <= Date.now()) return Promise.resolve({ generation: this.generation, entry: undefined });
    this.entries.set(key, kept); // now the most recently read
    return Promise.resolve({ generation: this.generation, entry: kept.entry });
  }

  write(key: string, generation: string, entry: CachedEntry): Promise<void> {
    if (generation !== this.generation) return Promise.resolve();
    this.entries.delete(key);
    this.entries.set(key, { entry, expiresAt: Date.now() + this.ttlMs });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
    return Promise.resolve();
  }

  async bump(): Promise<void> {
    const generation = randomUUID();
    this.bumping += 1;
    this.adopt(generation);
    try {
      await this.shared?.publish(generation);
    } finally {
      this.bumping -= 1;
      this.bumped += 1;
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private adopt(generation: string): void {
    if (generation === this.generation) return;
    this.generation = generation;
    this.entries.clear();
  }

  /**
   * Takes up the generation another instance published, unless a bump of this one overlapped the read.
   * A call while a poll is under way waits for that one.
   */
  poll(): Promise<void> {
    if (!this.shared) return Promise.resolve();
    this.polling ??= this.readShared(this.shared).finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async readShared(shared: SharedGeneration): Promise<void> {
    const bumpedBefore = this.bumped;
    try {
      const generation = await shared.read();
      if (generation !== null && this.bumping === 0 && this.bumped === bumpedBefore) this.adopt(generation);
    } catch {
      // The database is away: pages fail or come from the cache; the next poll tries again.
    }
  }
}
