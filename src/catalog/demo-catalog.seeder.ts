import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { COLLECTIONS, COLOURS, DEMO_CATEGORIES, SIZE_ORDER } from '../database/seed/demo-catalog.js';
import { garmentPicture } from '../database/seed/garment-picture.js';
import { isLockWaitTimeout } from '../database/database-errors.js';
import { Transactions } from '../database/transactions.js';
import { SettingsService } from '../settings/settings.service.js';
import { CatalogEditor } from './catalog-editor.service.js';
import { ProductOption } from './entities/option-value.entity.js';
import { Product } from './entities/product.entity.js';
import { ProductImageThumbnails } from './images/thumbnails.js';

/** Taken by every instance that starts on an empty catalog, so exactly one of them seeds it. */
const DEMO_CATALOG_LOCK = 'demo_catalog';

/** How many times an instance waits its lock wait timeout (50 s on MariaDB) for another one's seed. */
const LOCK_WAIT_ATTEMPTS = 3;

/** On the first start of an empty shop, fills the catalog with the demo clothing label so there is something to buy. */
@Injectable()
export class DemoCatalogSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly catalog: CatalogEditor,
    private readonly thumbnails: ProductImageThumbnails,
    private readonly transactions: Transactions,
    private readonly settings: SettingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemoCatalog || (await this.catalog.countProducts()) > 0) return;
    const count = await this.seed();
    if (count > 0) this.logger.log({ event: 'demo_catalog_seeded', products: count });
  }

  /**
   * Fills an empty catalog with the demo and returns how many products it added: none when the catalog
   * has products already. One transaction, so a start cut short (Ctrl-C on the first start) leaves an
   * empty catalog that the next start seeds whole, never half of one for ever. It is decided under a
   * lock, so of several instances starting together on one empty database exactly one seeds, and the
   * others, once the lock is theirs, find its products and leave them be.
   */
  async seed(): Promise<number> {
    const productIds = await this.seedUnderLock();
    // In the background, once committed: resizing the demo's ~140 pictures takes several seconds (more
    // on a busy machine), and until each is done its pages show the SVG original, which looks the same.
    this.thumbnails.startForProducts(productIds, 'demo_thumbnails_generated');
    return productIds.length;
  }

  /** The ids of the products seeded, none when the catalog has products by the time the lock is this instance's. */
  private async seedUnderLock(): Promise<number[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transactions.run(async (manager) => {
          await this.settings.holdLock(manager, DEMO_CATALOG_LOCK);
          // Counted after the lock: on MySQL/MariaDB the transaction's snapshot starts at this first plain
          // read, so it sees the products of an instance that seeded while this one waited.
          if ((await manager.count(Product)) > 0) return [];
          return this.seedInto(manager);
        });
      } catch (error) {
        // Another instance is still seeding (on a slow machine, for longer than MariaDB lets a lock
        // wait): this try rolled back whole, so it can simply wait again; once that instance commits,
        // the next try finds its products.
        if (attempt >= LOCK_WAIT_ATTEMPTS || !isLockWaitTimeout(error)) throw error;
        this.logger.log({ event: 'demo_catalog_lock_wait', attempt });
      }
    }
  }

  /** Writes the whole demo catalog in `manager`'s transaction; its pictures' files are written at once (a retry overwrites them alike). */
  private async seedInto(manager: EntityManager): Promise<number[]> {
    const pictures = path.join(this.config.varDir, 'uploads', 'products');
    await mkdir(pictures, { recursive: true });
    const colourNames = Object.keys(COLOURS);
    await this.catalog.defineOptionValuesWithin(
      manager,
      ProductOption.Size,
      SIZE_ORDER.map((value) => ({ value })),
    );
    await this.catalog.defineOptionValuesWithin(
      manager,
      ProductOption.Colour,
      colourNames.map((value) => ({ value, swatch: COLOURS[value] })),
    );
    let n = 0;
    const productIds: number[] = [];
    for (const [position, demo] of DEMO_CATEGORIES.entries()) {
      const parent = await this.catalog.createCategoryWithin(manager, { slug: demo.slug, name: demo.name, description: demo.description, position });
      for (const [kindPosition, kind] of demo.kinds.entries()) {
        const category = await this.catalog.createCategoryWithin(manager, {
          slug: `${demo.slug}-${slugify(kind.plural)}`,
          name: kind.plural,
          description: `${kind.plural} in ${kind.fabric}, made in Lahore.`,
          parentId: parent.id,
          position: kindPosition,
        });
        for (const collection of COLLECTIONS) {
          n += 1;
          const name = `${collection} ${kind.name}`;
          const slug = slugify(name);
          const colours = [0, 3, 7].slice(0, 2 + (n % 2)).map((offset) => colourNames[(n + offset) % colourNames.length]);
          const images = [];
          for (const colour of colours) {
            const file = `${slug}-${slugify(colour)}.svg`;
            await writeFile(path.join(pictures, file), garmentPicture(kind.silhouette, COLOURS[colour], `${name} in ${colour}`));
            images.push({ url: `/uploads/products/${file}`, alt: `${name} in ${colour}`, colour });
          }
          const sizes = kind.sizes ?? [null];
          const variants = colours.flatMap((colour, c) =>
            sizes.map((size, s) => ({
              sku: `${slug.toUpperCase().slice(0, 24)}-${(size ?? 'OS').replace(/\W/g, '')}-${colour.slice(0, 3).toUpperCase()}`,
              size,
              colour,
              priceMinor: kind.priceMinor + (collection === 'Anarkali' ? 50_000 : 0),
              // Every fifth product is on sale: its "was" price a quarter above today's.
              compareAtPriceMinor: n % 5 === 0 ? roundToHundred((kind.priceMinor + (collection === 'Anarkali' ? 50_000 : 0)) * 1.25) : null,
              // Deterministic but uneven stock, with a few sold-out sizes, as in a real size run.
              stock: (n * 7 + c * 5 + s * 3) % 11 === 0 ? 0 : ((n + c + s) % 9) + 2,
            })),
          );
          const product = await this.catalog.createProductWithin(manager, {
            slug,
            name,
            categoryId: category.id,
            description: `${name}: ${kind.fabric}, made in Lahore. Relaxed fit, true to size.`,
            seoTitle: `${name} — ${kind.fabric}`,
            createdAt: new Date(Date.UTC(2026, 9, 1) + n * 3_600_000),
            variants,
            images,
          });
          productIds.push(product.id);
        }
      }
    }
    return productIds;
  }
}

/** Whole rupees (or the store currency's major unit) ending in 99, as shop prices do. */
function roundToHundred(minor: number): number {
  return Math.round(minor / 10_000) * 10_000 - 100;
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
