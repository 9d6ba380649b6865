import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { readListingQuery } from '../dto/list-products.query.js';
import { StorefrontSettings } from '../storefront-settings.service.js';
import { CachedListings } from './cached-catalog.js';

/** How many of the newest products the home page shows. */
export const NEW_ARRIVALS_ON_HOME = 8;

/** Categories whose first page is read before the shop takes requests: a catalog's aisles, not a long tail of them. */
const WARMED_CATEGORIES = 50;

/** The longest the warm-up holds the start back: past it, the shop serves with what is cached by then. */
const WARM_UP_LIMIT_MS = 10_000;

/**
 * Reads the storefront's first pages into the catalog cache before the shop takes requests: the home
 * page's categories, new arrivals and settings, and the first page of each category, as their pages ask
 * for them. A shop started (or restarted by a deploy) in the middle of a sale would otherwise meet its
 * first hundreds of shoppers with every listing uncached, each read from the database under that load
 * (a second and more at 500 shoppers). With Redis these are mostly hits on another instance's entries.
 */
@Injectable()
export class CatalogWarmUp {
  private readonly logger = new Logger('CatalogCache');

  constructor(
    private readonly listings: CachedListings,
    private readonly storefront: StorefrontSettings,
  ) {}

  /**
   * Never fails and never takes longer than `limitMs`: a shop whose database is slow or away starts as it
   * would without it (what is still being read goes on in the background, one page at a time).
   */
  async run(limitMs = WARM_UP_LIMIT_MS): Promise<void> {
    const started = performance.now();
    const outcome = await Promise.race([
      this.readFirstPages().then(
        (pages) => `${pages} pages`,
        (error: unknown) => `stopped by an error (${error instanceof Error ? error.message : String(error)})`,
      ),
      sleep(limitMs, 'stopped at its time limit', { ref: false }),
    ]);
    this.logger.log({ event: 'catalog_cache_warmed', outcome, ms: Math.round(performance.now() - started) });
  }

  /** One page at a time: the warm-up must not crowd out a database that other instances are serving shoppers from. */
  private async readFirstPages(): Promise<number> {
    const [categories] = await Promise.all([
      this.listings.listCategories(),
      this.listings.categoryTree(),
      this.listings.newArrivals(NEW_ARRIVALS_ON_HOME),
      this.storefront.current(),
    ]);
    const firstPage = readListingQuery({}).query;
    const warmed = categories.slice(0, WARMED_CATEGORIES);
    for (const category of warmed) await this.listings.listCategory(category.slug, firstPage);
    return 1 + warmed.length;
  }
}
