import { jest } from '@jest/globals';
import { CatalogWarmUp } from '../../src/catalog/cache/catalog-warm-up.js';
import { ProductListingService } from '../../src/catalog/product-listing.service.js';
import { catalogCacheReads } from '../helpers/catalog-cache-reads.js';
import { aProduct } from '../helpers/factories.js';
import { sameDatabaseAs, shopsClosedAfterEach } from '../helpers/test-shop.js';

/** A shop started (a restart, a deploy) in the middle of a sale meets its first shoppers with the storefront's first pages cached. */
describe('the catalog cache, warmed before the shop takes requests', () => {
  const open = shopsClosedAfterEach();

  it("has the home page and each category's first page cached as their pages ask for them, when it starts on a catalog", async () => {
    const first = await open();
    // With their thumbnails: the second instance would otherwise make the missing ones as it starts, which is a catalog change.
    const [kurta, dupatta] = [await aProduct(first, { thumbnails: true }), await aProduct(first, { thumbnails: true })];

    // A second instance on the same database starts with the catalog there, and warms its own cache.
    const second = await open(sameDatabaseAs(first));
    const before = await catalogCacheReads(second.baseUrl);
    for (const path of ['/', `/categories/${kurta.categorySlug}`, `/categories/${dupatta.categorySlug}`]) {
      expect((await fetch(`${second.baseUrl}${path}`)).status).toBe(200);
    }
    const after = await catalogCacheReads(second.baseUrl);

    expect(after.miss - before.miss).toBe(0);
    expect(after.hit - before.hit).toBeGreaterThanOrEqual(3);
  });

  it('gives up at its first error, and the shop serves: a listing it could not read is read by the first page that asks', async () => {
    const shop = await open();
    const kurta = await aProduct(shop);
    jest.spyOn(shop.get(ProductListingService), 'listCategory').mockRejectedValueOnce(new Error('the database went away'));

    await expect(shop.get(CatalogWarmUp).run()).resolves.toBeUndefined();

    const page = await fetch(`${shop.baseUrl}/categories/${kurta.categorySlug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(kurta.name);
  });

  it('stops waiting at its time limit when the database is too slow, and the shop serves', async () => {
    const shop = await open();
    const kurta = await aProduct(shop);
    let answerTheWarmUp!: () => void;
    const stuck = new Promise<void>((resolve) => (answerTheWarmUp = resolve));
    const listings = shop.get(ProductListingService);
    const listCategory = listings.listCategory.bind(listings);
    jest.spyOn(listings, 'listCategory').mockImplementationOnce(async (...args) => {
      await stuck;
      return listCategory(...args);
    });

    // Resolves with the listing still unread: a start is held back no longer than the limit.
    await shop.get(CatalogWarmUp).run(200);

    // The page is answered once the database answers: from the load still under way, or the entry it kept.
    const page = fetch(`${shop.baseUrl}/categories/${kurta.categorySlug}`);
    answerTheWarmUp();
    expect((await page).status).toBe(200);
    expect(await (await page).text()).toContain(kurta.name);
  });
});
