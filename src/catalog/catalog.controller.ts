import { Controller, Get, Param, Query, Render, Req } from '@nestjs/common';
import type { Request } from 'express';
import { pageLinks, pageNumber } from '../common/pagination.js';
import { CatalogService } from './catalog.service.js';
import { ProductListingService } from './product-listing.service.js';
import { CatalogSeo } from './seo.js';

/** The storefront's browsing pages: home, listings and the product page. */
@Controller()
export class CatalogController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly listings: ProductListingService,
    private readonly seo: CatalogSeo,
  ) {}

  @Get()
  @Render('catalog/home')
  async home() {
    const [categories, newArrivals] = await Promise.all([this.listings.listCategories(), this.listings.newArrivals(8)]);
    const title = 'Clothes made in Lahore';
    return { title, categories, newArrivals, seo: this.seo.home(`Anarkali — ${title.toLowerCase()}`) };
  }

  @Get('products')
  @Render('catalog/listing')
  async listing(@Query('page') page: unknown, @Query('q') q: unknown) {
    const search = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    const result = await this.listings.listProducts({ page: pageNumber(page), search: search || undefined });
    const title = search ? `Search: ${search}` : 'All products';
    return { title, search, result, pageLinks: pageLinks('/products', result, { q: search }), seo: this.seo.listing(title, search, result.page) };
  }

  @Get('categories/:slug')
  @Render('catalog/listing')
  async category(@Param('slug') slug: string, @Query('page') page: unknown) {
    const { category, result } = await this.listings.listCategory(slug, pageNumber(page));
    return {
      title: category.name,
      category,
      result,
      pageLinks: pageLinks(`/categories/${category.slug}`, result, {}),
      seo: this.seo.category(category, result.page),
    };
  }

  @Get('products/:slug')
  @Render('catalog/product')
  async product(@Param('slug') slug: string, @Req() req: Request) {
    const page = await this.catalog.productPage(slug);
    return { title: page.product.name, ...page, form: { quantity: 1 }, seo: this.seo.product(page, storeCurrency(req)) };
  }
}

/** The store currency as the money helper prints it: read once at start into the app local "currency". */
function storeCurrency(req: Request): string {
  const currency: unknown = req.app.locals.currency;
  return typeof currency === 'string' ? currency : 'PKR';
}
