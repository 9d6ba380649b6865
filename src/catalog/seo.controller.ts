import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PublicCache } from '../common/public-cache.js';
import { ProductPagesService } from './product-pages.service.js';
import { CatalogSeo, SITEMAP_MAX_URLS } from './seo.js';

/**
 * /sitemap.xml and /robots.txt for search engines: read-only, no session, no view. The content type is
 * set only once the answer exists (not with @Header, which Nest applies before the handler runs), so an
 * error page is never labelled as XML.
 */
@Controller()
@PublicCache(3600)
export class SeoController {
  constructor(
    private readonly pages: ProductPagesService,
    private readonly seo: CatalogSeo,
  ) {}

  @Get('sitemap.xml')
  async sitemap(@Res({ passthrough: true }) res: Response): Promise<string> {
    // Two of the file's addresses are the home page and /products.
    const xml = this.seo.sitemapXml(await this.pages.sitemapEntries(SITEMAP_MAX_URLS - 2));
    res.type('application/xml');
    return xml;
  }

  @Get('robots.txt')
  robots(@Res({ passthrough: true }) res: Response): string {
    res.type('text/plain');
    return this.seo.robotsTxt();
  }
}
