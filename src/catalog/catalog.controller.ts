import { Controller, Get, Param, Query, Render, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';
import { CachedCatalog, CachedListings } from './cache/cached-catalog.js';
import { categoryPath } from './catalog-paths.js';
import { readListingQuery } from './dto/list-products.query.js';
import { listingPage } from './listing-page.js';
import { ProductMovedRedirect } from './product-moved.filter.js';
import { CatalogSeo } from './seo.js';

/** The storefront's browsing pages: home, listings and the product page. */
@Controller()
export class CatalogController {
  constructor(
    private readonly catalog: CachedCatalog,
    private readonly listings: CachedListings,
    private readonly seo: CatalogSeo,
  ) {}

  @Get()
  @Render('catalog/home')
  async home() {
    const [categories, newArrivals] = await Promise.all([this.listings.categoryTree(), this.listings.newArrivals(8)]);
    const title = 'Clothes made in Lahore';
    return { title, categories, newArrivals, seo: this.seo.home(`Anarkali — ${title.toLowerCase()}`) };
  }

  /** Unusable parameters are left out (readListingQuery): a stale bookmark or a hand-edited address still shows a listing. */
  @Get('products')
  @Render('catalog/listing')
  async listing(@Query() raw: unknown) {
    const page = listingPage(await this.listings.listProducts(readListingQuery(raw).query), '/products');
    return { ...page, seo: this.seo.listing(page.title, page.search, page.result.page, page.filtered) };
  }

  @Get('categories/:slug')
  @Render('catalog/listing')
  async category(@Param('slug') slug: string, @Query() raw: unknown) {
    const listing = await this.listings.listCategory(slug, readListingQuery(raw).query);
    const page = listingPage(listing, categoryPath(slug));
    return { ...page, seo: this.seo.category(listing.category ?? { slug, name: page.title, description: null }, page.result.page, page.filtered) };
  }

  @Get('products/:slug')
  @Render('catalog/product')
  @UseFilters(new ProductMovedRedirect('/products/'))
  async product(@Param('slug') slug: string, @Query('colour') colour: unknown, @Req() req: Request) {
    const page = await this.catalog.productPage(slug, { colour: typeof colour === 'string' ? colour : undefined });
    const seo = this.seo.product(page, storeCurrency(req));
    return { title: seo.title, ...page, scripts: ['/js/product.js'], values: { quantity: 1 }, seo };
  }
}

/** The store currency as the money helper prints it: read once at start into the app local "currency". */
function storeCurrency(req: Request): string {
  const currency: unknown = req.app.locals.currency;
  return typeof currency === 'string' ? currency : 'PKR';
}
