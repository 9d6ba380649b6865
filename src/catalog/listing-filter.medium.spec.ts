import { serviceModule, type ServiceModule } from '../../test/helpers/service-module.js';
import { Transactions } from '../database/transactions.js';
import { CatalogCache, PRODUCT_AVAILABILITY_TAG, VARIANT_AVAILABILITY_TAG } from './cache/catalog-cache.js';
import { CatalogEditor } from './catalog-editor.service.js';
import { CatalogModule } from './catalog.module.js';
import { Variant } from './entities/variant.entity.js';
import { InventoryService } from './inventory.service.js';
import { listingCacheTag } from './listing-filter.js';
import type { ListingQuery } from './listing-query.js';
import { ProductListingService } from './product-listing.service.js';
import { StockReason } from './stock-reason.js';

/**
 * listingCacheTag checked against the listings themselves, read by ProductListingService's real
 * queries on the driver this run uses: a listing that sizes selling out can change while their product
 * stays in stock must carry the tag those sales drop; the others may stay cached through them.
 */
describe('the catalog cache tag of a listing, on a real database', () => {
  let services: ServiceModule;

  beforeAll(async () => {
    services = await serviceModule(CatalogModule);
  });
  afterAll(() => services.close());

  it('is on every listing that variants selling out change while their product stays in stock, and on the others the tag of whole products in stock', async () => {
    const editor = services.get(CatalogEditor);
    const category = await editor.createCategory({ slug: 'kurtas', name: 'Kurtas', position: 1 });
    // The small sizes cost less: one in stock at 1,500 (S / Rust), the rest sold out below.
    const kurta = await editor.createProduct({
      slug: 'chikan-kurta',
      name: 'Chikan Kurta',
      description: 'Hand embroidered.',
      categoryId: category.id,
      variants: ['Indigo', 'Rust'].flatMap((colour) =>
        (['S', 'M'] as const).map((size) => ({
          sku: `CHIKAN-${size}-${colour}`.toUpperCase(),
          size,
          colour,
          priceMinor: size === 'S' ? 150_000 : 250_000,
          stock: size === 'M' && colour === 'Rust' ? 5 : 1,
        })),
      ),
      images: [],
    });
    const queries: Record<string, ListingQuery> = {
      everything: { page: 1 },
      'most popular': { page: 1, sort: 'popular' },
      'price, low to high': { page: 1, sort: 'price_asc' },
      search: { page: 1, search: 'chikan' },
      category: { page: 1, categorySlug: category.slug },
      'in stock': { page: 1, inStock: true },
      'size S': { page: 1, sizes: ['S'] },
      'colour Indigo': { page: 1, colours: ['Indigo'] },
      'up to 2,000': { page: 1, maxPriceMinor: 200_000 },
      'from 2,000': { page: 1, minPriceMinor: 200_000 },
      'size S in stock': { page: 1, sizes: ['S'], inStock: true },
    };
    const listings = services.get(ProductListingService);
    // Fresh from the database each time: the counts kept in the cache would hide a change the tag misses.
    const read = async () => {
      await services.get(CatalogCache).invalidate();
      return Promise.all(Object.values(queries).map((query) => listings.listProducts(query)));
    };
    const before = await read();

    const inventory = services.get(InventoryService);
    const variants = await services.dataSource.getRepository(Variant).findBy({ productId: kurta.id });
    const variantIds = variants.filter((variant) => !(variant.size === 'M' && variant.colour === 'Rust')).map((variant) => variant.id);
    await services.get(Transactions).run(async (manager) => {
      for (const variantId of variantIds.sort((a, b) => a - b)) await inventory.changeStock(manager, variantId, -1, StockReason.Sale, 'AK-CHIKAN01');
    });
    const after = await read();

    expect(
      Object.entries(queries).map(([name, query], i) => ({
        name,
        changed: JSON.stringify(after[i]) !== JSON.stringify(before[i]),
        tagged: listingCacheTag(query),
      })),
    ).toEqual([
      { name: 'everything', changed: false, tagged: PRODUCT_AVAILABILITY_TAG },
      { name: 'most popular', changed: false, tagged: PRODUCT_AVAILABILITY_TAG },
      { name: 'price, low to high', changed: false, tagged: PRODUCT_AVAILABILITY_TAG },
      { name: 'search', changed: false, tagged: PRODUCT_AVAILABILITY_TAG },
      { name: 'category', changed: false, tagged: PRODUCT_AVAILABILITY_TAG },
      { name: 'in stock', changed: true, tagged: VARIANT_AVAILABILITY_TAG },
      { name: 'size S', changed: true, tagged: VARIANT_AVAILABILITY_TAG },
      { name: 'colour Indigo', changed: true, tagged: VARIANT_AVAILABILITY_TAG },
      { name: 'up to 2,000', changed: true, tagged: VARIANT_AVAILABILITY_TAG },
      // Unchanged this time (the M / Rust at 2,500 is still in stock), but the in-stock count of its range can change.
      { name: 'from 2,000', changed: false, tagged: VARIANT_AVAILABILITY_TAG },
      { name: 'size S in stock', changed: true, tagged: VARIANT_AVAILABILITY_TAG },
    ]);
  });

  it('is the same for the counts kept per filter as for their listing', () => {
    const filter = { categoryIds: null, searchTerms: ['chikan'], sizes: [], colours: [], minPriceMinor: null, maxPriceMinor: null, inStock: false };

    expect(listingCacheTag(filter)).toBe(PRODUCT_AVAILABILITY_TAG);
    expect(listingCacheTag({ ...filter, minPriceMinor: 0 })).toBe(VARIANT_AVAILABILITY_TAG);
    expect(listingCacheTag({ ...filter, colours: ['Rust'] })).toBe(VARIANT_AVAILABILITY_TAG);
    expect(listingCacheTag({ ...filter, inStock: true })).toBe(VARIANT_AVAILABILITY_TAG);
  });
});
