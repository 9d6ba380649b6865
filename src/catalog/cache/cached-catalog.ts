import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog.service.js';
import { type ProductChoice, type ProductPage, productPageFor } from '../product-page.js';
import { ProductListingService } from '../product-listing.service.js';
import { cacheKey, CatalogCache } from './catalog-cache.js';

type Listings = ProductListingService;

/**
 * ProductListingService's reads through the catalog cache: the same methods and answers, kept until
 * the catalog changes. The storefront's controllers ask this; writers invalidate through CatalogCache.
 * (ProductListingService also keeps a listing's counts per filter in the same cache, for its other pages.)
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

  listProducts(...args: Parameters<Listings['listProducts']>): ReturnType<Listings['listProducts']> {
    return this.cache.remember(cacheKey('listProducts', args), () => this.listings.listProducts(...args));
  }

  listCategory(...args: Parameters<Listings['listCategory']>): ReturnType<Listings['listCategory']> {
    return this.cache.remember(cacheKey('listCategory', args), () => this.listings.listCategory(...args));
  }

  newArrivals(...args: Parameters<Listings['newArrivals']>): ReturnType<Listings['newArrivals']> {
    return this.cache.remember(cacheKey('newArrivals', args), () => this.listings.newArrivals(...args));
  }
}

/** CatalogService's product pages through the catalog cache, as CachedListings does for listings. */
@Injectable()
export class CachedCatalog {
  constructor(
    private readonly cache: CatalogCache,
    private readonly catalog: CatalogService,
  ) {}

  /** Cached per product, not per choice: the choice is applied to the cached facts (productPageFor). */
  async productPage(slug: string, choice: ProductChoice = {}): Promise<ProductPage> {
    const facts = await this.cache.remember(cacheKey('productFacts', [slug]), () => this.catalog.productFacts(slug));
    return productPageFor(facts, choice);
  }

  productDetail(...args: Parameters<CatalogService['productDetail']>): ReturnType<CatalogService['productDetail']> {
    return this.cache.remember(cacheKey('productDetail', args), () => this.catalog.productDetail(...args));
  }
}
