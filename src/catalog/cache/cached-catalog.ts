import { Injectable } from '@nestjs/common';
import { ProductPagesService } from '../product-pages.service.js';
import { deepFreeze } from '../../common/immutable.js';
import { type ProductChoice, type ProductDetail, productDetailFor, type ProductFacts, type ProductPage, productPageFor } from '../product-page.js';
import { listingCacheTag } from '../listing-filter.js';
import { ProductListingService } from '../product-listing.service.js';
import type { ProductCard } from '../catalog.types.js';
import { cacheKey, CatalogCache, PRODUCT_AVAILABILITY_TAG, productTag } from './catalog-cache.js';

type Listings = ProductListingService;

/**
 * ProductListingService's reads through the catalog cache: the same methods and answers, kept until
 * the catalog changes. The storefront's controllers ask this; writers invalidate through CatalogCache.
 * (ProductListingService also keeps a listing's counts per filter in the same cache, for its other
 * pages, tagged as the listing is.)
 */
@Injectable()
export class CachedListings {
  constructor(
    private readonly cache: CatalogCache,
    private readonly listings: ProductListingService,
  ) {}

  listCategories(): ReturnType<Listings['listCategories']> {
    return this.cache.remember(cacheKey('listCategories', []), () => this.listings.listCategories());
  }

  categoryTree(): ReturnType<Listings['categoryTree']> {
    return this.cache.remember(cacheKey('categoryTree', []), () => this.listings.categoryTree());
  }

  /** Tagged when the query makes the listing tell which variants are in stock (listingCacheTag), so such a change drops them alone. */
  listProducts(...args: Parameters<Listings['listProducts']>): ReturnType<Listings['listProducts']> {
    return this.cache.remember(cacheKey('listProducts', args), () => this.listings.listProducts(...args), listingCacheTag(args[0]));
  }

  listCategory(...args: Parameters<Listings['listCategory']>): ReturnType<Listings['listCategory']> {
    return this.cache.remember(cacheKey('listCategory', args), () => this.listings.listCategory(...args), listingCacheTag(args[1]));
  }

  /** Cards, which tell whether their product is in stock: tagged so (PRODUCT_AVAILABILITY_TAG). */
  newArrivals(...args: Parameters<Listings['newArrivals']>): ReturnType<Listings['newArrivals']> {
    return this.cache.remember(cacheKey('newArrivals', args), () => this.listings.newArrivals(...args), PRODUCT_AVAILABILITY_TAG);
  }
}

/** ProductPagesService's product pages through the catalog cache, as CachedListings does for listings. */
@Injectable()
export class CachedCatalog {
  constructor(
    private readonly cache: CatalogCache,
    private readonly pages: ProductPagesService,
  ) {}

  /**
   * Pages made from a cached product's facts and related cards, by colour; they go when the facts do (a
   * new generation, or the product's tag dropped), and are made again when the related cards change.
   */
  private readonly pagesByColour = new WeakMap<ProductFacts, { related: ProductCard[]; pages: Map<string, ProductPage> }>();

  /**
   * Cached per product, not per choice: the product's facts are loaded once, and each of its colours'
   * pages is made from them once and kept with them (frozen, so the render memo keys it by identity).
   * A colour the product does not have shows its default page, so made-up ?colour= values keep nothing.
   */
  async productPage(slug: string, choice: ProductChoice = {}): Promise<ProductPage> {
    const facts = await this.factsOf(slug);
    const related = await this.relatedCardsOf(facts);
    if (choice.size !== undefined) return productPageFor(facts, related, choice);
    const colour = facts.rows.some((row) => row.colour === choice.colour) ? (choice.colour as string) : '';
    let made = this.pagesByColour.get(facts);
    if (made?.related !== related) this.pagesByColour.set(facts, (made = { related, pages: new Map<string, ProductPage>() }));
    let page = made.pages.get(colour);
    if (!page) made.pages.set(colour, (page = deepFreeze(productPageFor(facts, related, colour ? { colour } : {}))));
    return page;
  }

  /** The JSON API's product, from the same cached facts as its page. */
  async productDetail(slug: string): Promise<ProductDetail> {
    return productDetailFor(await this.factsOf(slug));
  }

  /** Tagged with the product, so a change to its stock label alone drops them alone (CatalogCache.stockLabelChanged). */
  private factsOf(slug: string): Promise<ProductFacts> {
    return this.cache.remember(cacheKey('productFacts', [slug]), () => this.pages.productFacts(slug), productTag(slug));
  }

  /**
   * Kept apart from the facts, as they tell whether other products are in stock: one of them selling out
   * drops these (PRODUCT_AVAILABILITY_TAG) and leaves every product's own facts cached. Keyed by the
   * products shown, so the many products of a category with the same newest neighbours share one entry.
   */
  private relatedCardsOf(facts: ProductFacts): Promise<ProductCard[]> {
    return this.cache.remember(cacheKey('relatedCards', [facts.relatedIds]), () => this.pages.relatedCards(facts), PRODUCT_AVAILABILITY_TAG);
  }
}
