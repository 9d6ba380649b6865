import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { jest } from '@jest/globals';
import { CatalogEditor } from '../../src/catalog/catalog-editor.service.js';
import { DemoCatalogSeeder, slugify } from '../../src/catalog/demo-catalog.seeder.js';
import { Category } from '../../src/catalog/entities/category.entity.js';
import { OptionValue } from '../../src/catalog/entities/option-value.entity.js';
import { ProductImage } from '../../src/catalog/entities/product-image.entity.js';
import { Product } from '../../src/catalog/entities/product.entity.js';
import { StockMovement } from '../../src/catalog/entities/stock-movement.entity.js';
import { Variant } from '../../src/catalog/entities/variant.entity.js';
import { ProductImageThumbnails } from '../../src/catalog/images/thumbnails.js';
import { COLLECTIONS, COLOURS, DEMO_CATEGORIES } from '../../src/database/seed/demo-catalog.js';
import { SettingsService } from '../../src/settings/settings.service.js';
import { onMySql, sameDatabaseAs, shopsClosedAfterEach, startShop, type TestShop } from '../helpers/test-shop.js';

/** Rows of every catalog table the demo seed writes. */
async function catalogCounts(shop: TestShop): Promise<Record<string, number>> {
  const tables = { Product, Category, Variant, OptionValue, ProductImage, StockMovement };
  const counts: Record<string, number> = {};
  for (const [name, entity] of Object.entries(tables)) counts[name] = await shop.dataSource.getRepository(entity).count();
  return counts;
}

const EMPTY = { Product: 0, Category: 0, Variant: 0, OptionValue: 0, ProductImage: 0, StockMovement: 0 };

/**
 * Folders where the pictures of a product halfway down the demo go: writing its picture fails (as a
 * full disk would) after half the catalog has been written.
 */
function blockPicturesHalfway(shop: TestShop): () => void {
  const kinds = DEMO_CATEGORIES.flatMap((category) => category.kinds);
  const slug = slugify(`${COLLECTIONS[0]} ${kinds[Math.floor(kinds.length / 2)].name}`);
  const folders = Object.keys(COLOURS).map((colour) => path.join(shop.config.varDir, 'uploads', 'products', `${slug}-${slugify(colour)}.svg`));
  for (const folder of folders) mkdirSync(folder, { recursive: true });
  return () => folders.forEach((folder) => rmSync(folder, { recursive: true }));
}

/**
 * The shop's lock waits give up after a second instead of MariaDB's 50, set on each connection its
 * transactions take from now on (SET GLOBAL would reach every other test using the server).
 */
function shortLockWaits(shop: TestShop): void {
  type PooledConnection = { query(sql: string, done: (error: Error | null) => void): void };
  const driver = shop.dataSource.driver as unknown as { obtainMasterConnection(): Promise<PooledConnection> };
  const obtain = driver.obtainMasterConnection.bind(driver);
  jest.spyOn(driver, 'obtainMasterConnection').mockImplementation(async () => {
    const connection = await obtain();
    await new Promise<void>((resolve, reject) => connection.query('SET SESSION innodb_lock_wait_timeout = 1', (error) => (error ? reject(error) : resolve())));
    return connection;
  });
}

describe(`the demo catalog seed (${onMySql() ? 'MySQL/MariaDB' : 'SQLite'})`, () => {
  const open = shopsClosedAfterEach();
  let wholeDemo: Record<string, number>;

  beforeAll(async () => {
    const seeded = await startShop({ SEED_DEMO: '1' });
    try {
      await seeded.get(ProductImageThumbnails).settled();
      wholeDemo = await catalogCounts(seeded);
    } finally {
      await seeded.close();
    }
  });

  it('holds every product of the demo', () => {
    const products = DEMO_CATEGORIES.flatMap((category) => category.kinds).length * COLLECTIONS.length;
    expect(wholeDemo.Product).toBe(products);
    expect(Math.min(...Object.values(wholeDemo))).toBeGreaterThan(0);
  });

  it('is all or nothing: a seed cut short leaves an empty catalog, and the next start seeds the whole demo', async () => {
    const shop = await open();
    const unblock = blockPicturesHalfway(shop);

    await expect(shop.get(DemoCatalogSeeder).seed()).rejects.toThrow(/EISDIR/);
    expect(await catalogCounts(shop)).toEqual(EMPTY);

    unblock();
    const restarted = await open({ SEED_DEMO: '1', ...sameDatabaseAs(shop) });
    await restarted.get(ProductImageThumbnails).settled();
    expect(await catalogCounts(restarted)).toEqual(wholeDemo);
  });

  (onMySql() ? it : it.skip)('is seeded by exactly one of two instances starting together on one empty database', async () => {
    // Migrated first, so that both instances reach the seed at the same moment: on a database with no
    // schema, the one that loses the race to migrate it connects again three seconds later.
    const migrated = await open();

    const [first, second] = await Promise.all([open({ SEED_DEMO: '1', ...sameDatabaseAs(migrated) }), open({ SEED_DEMO: '1', ...sameDatabaseAs(migrated) })]);

    await Promise.all([first.get(ProductImageThumbnails).settled(), second.get(ProductImageThumbnails).settled()]);
    expect(await catalogCounts(migrated)).toEqual(wholeDemo);
  });

  (onMySql() ? it : it.skip)('waits again for an instance that seeds for longer than a lock may wait, and then leaves its products be', async () => {
    const shop = await open();
    const catalog = shop.get(CatalogEditor);
    // Another instance, in the middle of its seed: it holds the lock and has written a product.
    const other = shop.dataSource.createQueryRunner();
    await other.connect();
    try {
      await other.startTransaction();
      await shop.get(SettingsService).holdLock(other.manager, 'demo_catalog');
      const category = await catalog.createCategoryWithin(other.manager, { slug: 'other-instance', name: 'Other Instance', position: 0 });
      const variants = [{ sku: 'OTHER-M', size: 'M', colour: 'Rust', priceMinor: 100_000, stock: 1 }];
      await catalog.createProductWithin(other.manager, {
        slug: 'other-kurta',
        name: 'Other Kurta',
        description: 'Seeded elsewhere.',
        categoryId: category.id,
        variants,
        images: [],
      });
      // It commits once this instance has given up waiting for the lock once.
      let committing: Promise<void> | undefined;
      shop.dataSource.subscribers.push({ afterTransactionRollback: () => void (committing ??= other.commitTransaction()) });
      shortLockWaits(shop);

      expect(await shop.get(DemoCatalogSeeder).seed()).toBe(0);
      expect(committing).toBeDefined();
      await committing;
      expect((await shop.dataSource.getRepository(Product).find()).map((product) => product.slug)).toEqual(['other-kurta']);
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
  });
});
