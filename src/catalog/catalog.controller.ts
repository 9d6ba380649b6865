import { Controller, Get, Param, Query, Render, UseFilters } from '@nestjs/common';
import { CachedCatalog, CachedListings } from './cache/cached-catalog.js';
import { NEW_ARRIVALS_ON_HOME } from './cache/catalog-warm-up.js';
import { categoryPath } from './catalog-paths.js';
import { readListingQuery } from './dto/list-products.query.js';
import { listingPage } from './listing-page.js';
import { ProductMovedRedirect } from './product-moved.filter.js';
import { CatalogSeo } from './seo.js';
import { StorefrontSettings } from './storefront-settings.service.js';

/** The storefront's browsing pages: home, listings and the product page. */
@Controller()
export class CatalogController {
  constructor(
    private readonly catalog: CachedCatalog,
    private readonly listings: CachedListings,
    private readonly seo: CatalogSeo,
    private readonly storefront: StorefrontSettings,
  ) {}

  @Get()
  @Render('catalog/home')
  async home() {
    const [categories, newArrivals, shop] = await Promise.all([
      this.listings.categoryTree(),
      this.listings.newArrivals(NEW_ARRIVALS_ON_HOME),
      this.storefront.current(),
    ]);
    // The layout shows the owner's heading and text (its "shop" local); the head describes the page with them.
    const title = shop.homeHeading;
    return { title, categories, newArrivals, seo: this.seo.home(`${shop.shopName} — ${title}`, shop.homeText ? `${title}: ${shop.homeText}` : title) };
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
  async product(@Param('slug') slug: string, @Query('colour') colour: unknown) {
    const [page, { currency }] = await Promise.all([
      this.catalog.productPage(slug, { colour: typeof colour === 'string' ? colour : undefined }),
      this.storefront.current(),
    ]);
    const seo = this.seo.product(page, currency);
    // The sizes a shopper may ask to be emailed about when they are back.
    const soldOutVariants = page.variants.filter((variant) => variant.soldOut);
    return { title: seo.title, ...page, soldOutVariants, scripts: ['/js/product.js'], values: { quantity: 1 }, seo };
  }
}
