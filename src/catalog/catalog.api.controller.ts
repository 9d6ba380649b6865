import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { PublicCache } from '../common/public-cache.js';
import { categoryListJson, productDetailJson, productListJson } from './catalog.api.presenter.js';
import { CachedCatalog, CachedListings } from './cache/cached-catalog.js';
import { ProductMovedRedirect } from './product-moved.filter.js';
import { listingQueryFrom } from './dto/list-products.query.js';
import { StorefrontSettings } from './storefront-settings.service.js';

/** The catalog as JSON for other programs, under /api/v1; same service as the HTML pages, shapes from the presenter. */
@Controller('api/v1')
@PublicCache(60)
export class CatalogApiController {
  constructor(
    private readonly catalog: CachedCatalog,
    private readonly listings: CachedListings,
    private readonly storefront: StorefrontSettings,
  ) {}

  @Get('products')
  async products(@Query() raw: unknown) {
    const query = listingQueryFrom(raw);
    const listing = query.categorySlug ? this.listings.listCategory(query.categorySlug, query) : this.listings.listProducts(query);
    const [page, { currency }] = await Promise.all([listing, this.storefront.current()]);
    return productListJson(page, currency);
  }

  @Get('products/:slug')
  @UseFilters(new ProductMovedRedirect('/api/v1/products/'))
  async product(@Param('slug') slug: string) {
    const [detail, { currency }] = await Promise.all([this.catalog.productDetail(slug), this.storefront.current()]);
    return productDetailJson(detail, currency);
  }

  @Get('categories')
  async categories() {
    return categoryListJson(await this.listings.listCategories());
  }
}
