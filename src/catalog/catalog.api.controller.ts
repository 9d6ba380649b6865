import { Controller, Get, Param, Query } from '@nestjs/common';
import { PublicCache } from '../common/public-cache.js';
import { SettingsService } from '../settings/settings.service.js';
import { categoryJson, productDetailJson, productListJson } from './catalog.api.presenter.js';
import { CatalogService } from './catalog.service.js';
import { ProductListingService } from './product-listing.service.js';
import { listingQueryFrom } from './dto/list-products.query.js';

/** The catalog as JSON for other programs, under /api/v1; same service as the HTML pages, shapes from the presenter. */
@Controller('api/v1')
@PublicCache(60)
export class CatalogApiController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly listings: ProductListingService,
    private readonly settings: SettingsService,
  ) {}

  @Get('products')
  async products(@Query() query: unknown) {
    const listing = await listingQueryFrom(query);
    const [page, currency] = await Promise.all([this.listings.listProducts(listing), this.settings.currency()]);
    return productListJson(page, currency);
  }

  @Get('products/:slug')
  async product(@Param('slug') slug: string) {
    const [page, currency] = await Promise.all([this.catalog.productPage(slug), this.settings.currency()]);
    return productDetailJson(page, currency);
  }

  @Get('categories')
  async categories() {
    return (await this.listings.listCategories()).map(categoryJson);
  }
}
