import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { deepFreeze } from '../../common/immutable.js';
import { ShopMetrics } from '../../common/metrics.js';

/**
 * Where cached catalog answers are kept. Every entry belongs to a generation of the catalog; a change
 * to the catalog starts a new generation on every instance, and entries of older ones are never served.
 * An entry may also carry a tag, what it tells of besides the catalog as a whole (one product's page,
 * say): dropping a tag starts a new version of it on every instance, and only entries with that tag go.
 */
export interface CatalogCacheStore {
  /**
   * The generation an entry for `key` (with `tag`, if given) is kept in now (the catalog's, and the
   * tag's version with it), and the entry stored under `key` in it (undefined when there is none).
   * Without one, `stale` may be the entry kept under `key` before: of the current catalog generation,
   * from an earlier version of its tag, or past its own lifetime. Never one from before a new generation.
   */
  read(key: string, tag?: string): Promise<{ generation: string; entry: CachedEntry | undefined; stale?: CachedEntry }>;
  /** Keeps `entry` under `key` as of `generation` (as read() gave it); an entry of a generation already past is never served. */
  write(key: string, generation: string, entry: CachedEntry, tag?: string): Promise<void>;
  /** Starts a new generation, on every instance of the shop. */
  bump(): Promise<void>;
  /** Starts a new version of each of these tags, on every instance of the shop: their entries go, all others stay. */
  drop(tags: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** The tag of what one product's page tells (CachedCatalog's product facts). */
export const productTag = (slug: string): string => `product:${slug}`;

/** The tag of answers that tell how many units variants have, not only whether they are sold out (the low-stock report). */
export const STOCK_LEVELS_TAG = 'stock-levels';

/**
 * The tag of answers that tell which products are in stock, through their cards' "Sold out" and the
 * in-stock counts: listings without a variant filter (listingCacheTag), new arrivals, the related
 * products on product pages. A product's last size selling out, or a size coming back, drops these with
 * its own page and the answers that tell of variants (productAvailabilityChanged), and leaves every
 * other product's page and the categories cached.
 */
export const PRODUCT_AVAILABILITY_TAG = 'product-availability';

/**
 * The tag of answers that tell which variants are in stock, not only which products are (a card's
 * "Sold out" tells of the whole product): listings with the in-stock filter or a size, colour or price
 * filter (listingCacheTag), and the broken size runs. A variant that sells out or comes back while its
 * product stays in stock drops these (variantAvailabilityChanged) and leaves the rest of the catalog cached.
 */
export const VARIANT_AVAILABILITY_TAG = 'variant-availability';

/**
 * An answer as it is stored: as text, and once read, as the answer itself. A store that keeps entries
 * in memory keeps the read answer with them, so a hit costs no parsing at all.
 */
export interface CachedEntry {
  readonly text: string;
  answer?: unknown;
}

export const CATALOG_CACHE_STORE = Symbol('CATALOG_CACHE_STORE');

/** Entries also expire on their own, in case a change ever reached the catalog without a new generation. */
export const CATALOG_CACHE_TTL_SECONDS = 60;

/**
 * An entry's own lifetime: somewhere in the last quarter of the TTL, so the entries loaded together (at
 * start, after a change) do not all expire in the same second and come back from the database at once.
 */
export function entryLifetime(ttl: number): number {
  return ttl * (0.75 + Math.random() / 4);
}

/** Answers read from a text-only store (Redis) kept parsed in this process. */
const READ_ANSWERS = 500;

/** Answers bigger than this are not worth keeping (and would crowd out everything else). */
const LARGEST_ENTRY = 512 * 1024;

/**
 * Answers of the catalog's read methods (listings, the product page), kept until the catalog changes.
 * A cache that fails (Redis away) is skipped: the answer comes from the database, never an error.
 *
 * While one request loads an answer again because its tag was dropped (a sale changed what a product's
 * stock shows) or it grew old, other requests for it are given the answer as it was, not made to wait:
 * what they would have been shown a moment earlier, and the load itself a moment later. Under a sale
 * this keeps every page from queueing behind the reloads that each sold-out size starts. Not after a
 * new generation (the owner's edits): then everyone waits for the new answer.
 *
 * Every answer, from the cache or not, has been through JSON (class instances become plain objects,
 * dates stay dates) and is frozen, as it is shared by every request until the catalog changes: a
 * caller that needs to change one makes its own copy. So a page never depends on whether it was a hit.
 */
@Injectable()
export class CatalogCache implements OnApplicationShutdown {
  private readonly logger = new Logger('CatalogCache');
  /** Loads in progress, by generation and key: a burst of requests for one uncached page loads it once. */
  private readonly loading = new Map<string, Promise<CachedEntry>>();
  /**
   * The entries last read, by key, with their answers. A store that hands back text only (Redis) sends
   * the same text again on every hit: it is parsed once, and the answer keeps its identity, which the
   * render memo keys on. Bounded; the least recently read go first.
   */
  private readonly read = new Map<string, CachedEntry>();
  /**
   * The callbacks stockLabelChanged, variantAvailabilityChanged and productAvailabilityChanged hand out,
   * by the tags they drop: afterCommit runs a callback registered twice once, so each must keep its
   * identity. Three per product at most: bounded by the catalog.
   */
  private readonly dropCallbacks = new Map<string, () => Promise<void>>();
  private failing = false;

  constructor(
    @Inject(CATALOG_CACHE_STORE) private readonly store: CatalogCacheStore,
    private readonly metrics: ShopMetrics,
  ) {}

  /**
   * The answer kept under `key` in the catalog's current generation, or `load()`'s, kept for next time.
   * `tag`: what the answer tells of besides the catalog as a whole, so drop([tag]) drops it alone.
   */
  async remember<T>(key: string, load: () => Promise<T>, tag?: string): Promise<T> {
    // null: the store failed; the answer comes from the database and is not kept.
    let generation: string | null;
    let stale: CachedEntry | undefined;
    try {
      const found = await this.store.read(key, tag);
      this.recovered();
      if (found.entry) {
        this.metrics.catalogCacheRead('hit');
        return this.answer<T>(key, found.entry);
      }
      ({ generation, stale } = found);
    } catch (error) {
      this.failed(error);
      generation = null;
    }
    // With the store down too, a burst of requests for one page shares one load.
    const flight = `${generation ?? 'store-down'}\n${key}`;
    let loading = this.loading.get(flight);
    if (loading && stale) {
      this.metrics.catalogCacheRead('stale');
      return this.answer<T>(key, stale);
    }
    this.metrics.catalogCacheRead('miss');
    if (!loading) {
      loading = this.load(key, generation, tag, load).finally(() => this.loading.delete(flight));
      this.loading.set(flight, loading);
    }
    const entry = await loading;
    return generation === null ? answerOf<T>(entry) : this.answer<T>(key, entry);
  }

  /**
   * The one callback every catalog write registers with Transactions.afterCommit: cached pages are
   * dropped once the write commits, and once per transaction however many services wrote in it (it
   * is one function, and afterCommit runs a callback registered twice once).
   */
  readonly catalogChanged = (): Promise<void> => this.invalidate();

  /**
   * The catalog changed: nothing cached so far is served again, on any instance. Call it after the
   * change has committed (Transactions.afterCommit), or a request in between could cache the old rows
   * under the new generation.
   */
  async invalidate(): Promise<void> {
    this.metrics.catalogCacheDropped('catalog');
    try {
      await this.store.bump();
    } catch (error) {
      this.failed(error);
    }
  }

  /**
   * The callback to register with Transactions.afterCommit when a product's stock changes what its
   * page tells ("Only 3 left" to "Only 2 left") but no variant of it sold out or came back: listings,
   * which never tell how many units are left, stay cached; its page and the stock levels go. The
   * same function for the same product, so it runs once per transaction however many variants changed.
   */
  stockLabelChanged(slug: string): () => Promise<void> {
    return this.droppingOnce([productTag(slug), STOCK_LEVELS_TAG]);
  }

  /**
   * The callback to register with Transactions.afterCommit when a variant sold out or came back while
   * another variant of its product is in stock: the product is still for sale, so its cards, and the
   * listings that tell only of whole products, stay cached; its page, the stock levels and the answers
   * that tell which variants are in stock go. Once per transaction per product, as stockLabelChanged.
   */
  variantAvailabilityChanged(slug: string): () => Promise<void> {
    return this.droppingOnce([productTag(slug), VARIANT_AVAILABILITY_TAG, STOCK_LEVELS_TAG]);
  }

  /**
   * The callback to register with Transactions.afterCommit when a product's last variant in stock sold
   * out, or a variant came back in stock: its cards may say "Sold out" or stop saying it wherever they
   * are, so the answers that tell which products are in stock go, with its page and everything
   * variantAvailabilityChanged drops; every other product's page, the categories and the settings stay
   * cached. Once per transaction per product, as stockLabelChanged.
   */
  productAvailabilityChanged(slug: string): () => Promise<void> {
    return this.droppingOnce([productTag(slug), PRODUCT_AVAILABILITY_TAG, VARIANT_AVAILABILITY_TAG, STOCK_LEVELS_TAG]);
  }

  /** Drops the entries with these tags, on every instance; like invalidate(), after the change has committed. */
  async drop(tags: readonly string[]): Promise<void> {
    this.metrics.catalogCacheDropped('tags');
    try {
      await this.store.drop(tags);
    } catch (error) {
      this.failed(error);
    }
  }

  /** Once the HTTP server has stopped and its last requests are answered, which may still read the cache. */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }

  /** One function per set of tags, so afterCommit runs it once per transaction however often it is registered. */
  private droppingOnce(tags: readonly string[]): () => Promise<void> {
    const key = tags.join('\n');
    let callback = this.dropCallbacks.get(key);
    if (!callback) this.dropCallbacks.set(key, (callback = () => this.drop(tags)));
    return callback;
  }

  private async load<T>(key: string, generation: string | null, tag: string | undefined, load: () => Promise<T>): Promise<CachedEntry> {
    const entry: CachedEntry = { text: encode(await load()) };
    if (generation !== null && entry.text.length <= LARGEST_ENTRY) {
      // Not awaited: the shopper need not wait for the cache to take a copy.
      this.store.write(key, generation, entry, tag).catch((error: unknown) => this.failed(error));
    }
    return entry;
  }

  private answer<T>(key: string, entry: CachedEntry): T {
    if (entry.answer !== undefined) return entry.answer as T;
    const known = this.read.get(key);
    this.read.delete(key);
    const current = known?.text === entry.text ? known : entry;
    this.read.set(key, current);
    if (this.read.size > READ_ANSWERS) this.read.delete(this.read.keys().next().value as string);
    return answerOf<T>(current);
  }

  /** Logged once when the cache starts failing and once when it works again, not on every request. */
  private failed(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.warn(`catalog cache unavailable, reading from the database: ${error instanceof Error ? error.message : String(error)}`);
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log('catalog cache available again');
  }
}

/**
 * A cache key from a method's name and its arguments: the parsed, allowlisted query objects the
 * services take (never a raw URL), as JSON with object keys sorted so equal queries make equal keys.
 */
export function cacheKey(method: string, args: readonly unknown[]): string {
  return `${method}:${JSON.stringify(args, (_key, value: unknown) => (isPlainObject(value) ? sortedKeys(value) : value))}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sortedKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, value[key]]),
  );
}

/** The entry's answer, read from its text once and frozen. */
function answerOf<T>(entry: CachedEntry): T {
  entry.answer ??= deepFreeze(decode(entry.text));
  return entry.answer as T;
}

/**
 * JSON, with the places of any dates written before it ("D[paths]\n{json}", or "J{json}" without dates),
 * so reading an entry back is one plain JSON.parse and a date put back at each place: a reviver, called
 * for every value of a large answer, would cost more than the parse itself.
 */
function encode(value: unknown): string {
  const dates: (string | number)[][] = [];
  findDates(value, [], dates, new Set());
  const json = JSON.stringify(value) ?? 'null';
  return dates.length > 0 ? `D${JSON.stringify(dates)}\n${json}` : `J${json}`;
}

function decode<T>(text: string): T {
  if (text[0] !== 'D') return JSON.parse(text.slice(1)) as T;
  const newline = text.indexOf('\n');
  const dates = JSON.parse(text.slice(1, newline)) as (string | number)[][];
  const value = JSON.parse(text.slice(newline + 1)) as unknown;
  for (const path of dates) {
    const holder = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], value) as
      Record<string | number, unknown> | undefined;
    const key = path[path.length - 1];
    if (holder) holder[key] = new Date(typeof holder[key] === 'string' ? holder[key] : NaN);
  }
  return value as T;
}

/** The paths (keys from the root) of every Date in a value as JSON.stringify will write it. */
function findDates(node: unknown, path: (string | number)[], found: (string | number)[][], seen: Set<object>): void {
  if (node instanceof Date) {
    found.push(path);
    return;
  }
  // An object with its own toJSON is written as whatever that returns: not walked.
  if (typeof node !== 'object' || node === null || seen.has(node) || typeof (node as { toJSON?: unknown }).toJSON === 'function') return;
  seen.add(node);
  if (Array.isArray(node)) node.forEach((item, i) => findDates(item, [...path, i], found, seen));
  else for (const key of Object.keys(node)) findDates((node as Record<string, unknown>)[key], [...path, key], found, seen);
  seen.delete(node);
}
