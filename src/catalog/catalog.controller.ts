import { Controller, Get, Param, Query, Render } from '@nestjs/common';
import { pageNumber } from '../common/pagination.js';
import { CatalogService } from './catalog.service.js';

/** The storefront's browsing pages: home, listings and the product page. */
@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @Render('catalog/home')
  async home() {
    const [categories, newArrivals] = await Promise.all([this.catalog.listCategories(), this.catalog.newArrivals(8)]);
    return { title: 'Anarkali — clothes made in Lahore', categories, newArrivals };
  }

  @Get('products')
  @Render('catalog/listing')
  async listing(@Query('page') page: unknown, @Query('q') q: unknown) {
    const search = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    const result = await this.catalog.listProducts({ page: pageNumber(page), search: search || undefined });
    return { title: search ? `Search: ${search}` : 'All products', search, result, pageLinks: pageLinks('/products', result, { q: search }) };
  }

  @Get('categories/:slug')
  @Render('catalog/listing')
  async category(@Param('slug') slug: string, @Query('page') page: unknown) {
    const category = await this.catalog.categoryBySlug(slug);
    const result = await this.catalog.listProducts({ page: pageNumber(page), categorySlug: slug });
    return { title: category.name, category, result, pageLinks: pageLinks(`/categories/${category.slug}`, result, {}) };
  }

  @Get('products/:slug')
  @Render('catalog/product')
  async product(@Param('slug') slug: string) {
    const page = await this.catalog.productPage(slug);
    return { title: page.product.name, ...page, form: { quantity: 1 } };
  }
}

function pageLinks(base: string, result: { page: number; pages: number }, params: Record<string, string>) {
  const link = (page: number) => {
    const query = new URLSearchParams({ ...Object.fromEntries(Object.entries(params).filter(([, v]) => v)), page: String(page) });
    return `${base}?${query.toString()}`;
  };
  return {
    previous: result.page > 1 ? link(result.page - 1) : null,
    next: result.page < result.pages ? link(result.page + 1) : null,
    page: result.page,
    pages: result.pages,
  };
}
