import { randomUUID } from 'node:crypto';
import { CATALOG_CACHE_TTL_SECONDS, type CachedEntry, type CatalogCacheStore, entryLifetime } from './catalog-cache.js';

/** What every instance sees of the catalog cache: rows in the database, for shops without Redis. */
export interface SharedGeneration {
  /** The generation (null before the first bump), and the version of each tag dropped lately. */
  read(): Promise<SharedVersions>;
  publish(generation: string): Promise<void>;
  /** New versions of tags, by tag. */
  publishTags(versions: ReadonlyMap<string, string>): Promise<void>;
}

export interface SharedVersions {
  generation: string | null;
  tags: ReadonlyMap<string, string>;
}

export interface MemoryStoreOptions {
  /** Entries kept at most; the least recently read go first. */
  capacity?: number;
  ttlMs?: number;
}

/** How often the shared generation is read (poll(), run by the scheduler), that is how soon a change made by another instance is seen. */
export const GENERATION_POLL_MS = 1000;

/**
 * Entries in this process's memory, the default when REDIS_URL is not set. The generation and the
 * tags' versions are shared through the database: a change made here starts a new one at once, and a
 * change made by another instance (another process of the same shop) is seen at the next poll, a
 * second later at most (the scheduler's per-instance "catalog-cache-poll" job calls poll()).
 */
export class MemoryCatalogStore implements CatalogCacheStore {
  private generation: string = randomUUID();
  /**
   * Each dropped tag's version in this process, within the current generation: a number never given
   * before, so a version once left behind (and an entry loaded in it) never comes back.
   */
  private readonly tagVersions = new Map<string, number>();
  private tagVersionsGiven = 0;
  /** The tags' shared versions as this process last read or published them: a different one read means another instance dropped the tag. */
  private sharedTags = new Map<string, string>();
  /** Tags this process dropped (or published) while a poll was reading: what that read shows of them may predate it. */
  private droppedWhilePolling?: Set<string>;
  /** Each entry with the generation it was loaded in (its tag's version included, see generationOf). */
  private readonly entries = new Map<string, { entry: CachedEntry; generation: string; expiresAt: number }>();
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

  read(key: string, tag?: string): Promise<{ generation: string; entry: CachedEntry | undefined; stale?: CachedEntry }> {
    const generation = this.generationOf(tag);
    const kept = this.entries.get(key);
    if (!kept) return Promise.resolve({ generation, entry: undefined });
    this.entries.delete(key);
    this.entries.set(key, kept); // now the most recently read
    if (kept.expiresAt > Date.now() && kept.generation === generation) return Promise.resolve({ generation, entry: kept.entry });
    // Every entry kept is of the current catalog generation (a new one clears them): an earlier version of
    // its tag, or past its lifetime, it stays until the load that replaces it writes, and may be served stale.
    return Promise.resolve({ generation, entry: undefined, stale: kept.entry });
  }

  write(key: string, generation: string, entry: CachedEntry, tag?: string): Promise<void> {
    if (generation !== this.generationOf(tag)) return Promise.resolve();
    this.entries.delete(key);
    this.entries.set(key, { entry, generation, expiresAt: Date.now() + entryLifetime(this.ttlMs) });
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

  async drop(tags: readonly string[]): Promise<void> {
    this.renew(tags);
    for (const tag of tags) this.droppedWhilePolling?.add(tag);
    if (!this.shared) return;
    const versions = new Map(tags.map((tag) => [tag, randomUUID()]));
    try {
      await this.shared.publishTags(versions);
      for (const [tag, version] of versions) {
        this.sharedTags.set(tag, version);
        this.droppedWhilePolling?.add(tag);
      }
    } finally {
      // Another instance's drop of the same tag, published between ours starting and being written,
      // was overwritten by ours and will never be read here: what it changed had committed by now.
      this.renew(tags);
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** The generation an entry with `tag` belongs to: the catalog's, with the tag's version in it. */
  private generationOf(tag: string | undefined): string {
    return tag === undefined ? this.generation : `${this.generation} ${this.tagVersions.get(tag) ?? 0}`;
  }

  private renew(tags: Iterable<string>): void {
    for (const tag of tags) this.tagVersions.set(tag, ++this.tagVersionsGiven);
  }

  private adopt(generation: string): void {
    if (generation === this.generation) return;
    this.generation = generation;
    this.entries.clear();
    this.tagVersions.clear();
  }

  /**
   * Takes up the generation another instance published, unless a bump of this one overlapped the read,
   * and the versions of the tags other instances dropped. A call while a poll is under way waits for that one.
   */
  poll(): Promise<void> {
    if (!this.shared) return Promise.resolve();
    this.polling ??= this.readShared(this.shared).finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async readShared(shared: SharedGeneration): Promise<void> {
    const bumpedBefore = this.bumped;
    const droppedHere = (this.droppedWhilePolling = new Set<string>());
    let found: SharedVersions;
    try {
      found = await shared.read();
    } catch {
      // The database is away: pages fail or come from the cache; the next poll tries again.
      return;
    } finally {
      this.droppedWhilePolling = undefined;
    }
    const { generation, tags } = found;
    // A tag this process dropped meanwhile is compared with its own version, not with what the read
    // may have found before the drop was written: that would reload its entries once more for nothing.
    const seen = new Map(tags);
    for (const tag of droppedHere) {
      const mine = this.sharedTags.get(tag);
      if (mine === undefined) seen.delete(tag);
      else seen.set(tag, mine);
    }
    if (generation !== null && generation !== this.generation && this.bumping === 0 && this.bumped === bumpedBefore) {
      this.adopt(generation); // every entry goes, whatever the tags say
    } else {
      this.renew([...seen].filter(([tag, version]) => this.sharedTags.get(tag) !== version).map(([tag]) => tag));
    }
    this.sharedTags = seen;
  }
}
