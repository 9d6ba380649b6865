import { Inject, Injectable } from '@nestjs/common';
import { decimalAmount } from '../common/money.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { SitemapEntries } from './catalog.types.js';
import type { Category } from './entities/category.entity.js';
import type { Product } from './entities/product.entity.js';
import { addressWith } from '../common/pagination.js';
import { categoryPath, productPath } from './catalog-paths.js';

export const SHOP_NAME = 'Anarkali';
export const SHOP_TAGLINE =
  'Clothes made in Lahore, for every day and every occasion: lawn kurtas, linen shirts and silk dupattas, cut, sewn and finished by our own tailors.';

/** The sitemap protocol's limit for one file. */
export const SITEMAP_MAX_URLS = 50_000;

/** Areas that are private or personal: nothing there belongs in a search engine. */
const NOT_FOR_CRAWLERS = ['/admin', '/account', '/cart', '/checkout', '/orders/', '/api/'];

/** Search engines show about this many characters of a description; longer text is cut at a word. */
const DESCRIPTION_LENGTH = 155;

/** What views/partials/seo-head.hbs prints in the page's <head>. */
export interface SeoHead {
  title: string;
  description: string;
  /** Absolute, built from PUBLIC_URL and only the parameters the page honours. */
  canonicalUrl: string;
  ogType: 'website' | 'product';
  imageUrl?: string;
  /** schema.org data, printed by the jsonLd helper. */
  structuredData?: object;
}

/** The parts of ProductPagesService.productPage that the product's search-engine tags describe. */
export interface ProductForSeo {
  product: Pick<Product, 'slug' | 'name' | 'description'> & Partial<Pick<Product, 'seoTitle' | 'seoDescription'>>;
  images: { url: string }[];
  variants: { sku: string; priceMinor: number; soldOut: boolean }[];
}

/**
 * Head tags (description, canonical address, Open Graph) and product structured data for the catalog
 * pages. Every address is absolute, from PUBLIC_URL, so a crawler never learns a host from a request.
 */
@Injectable()
export class CatalogSeo {
  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'publicUrl'>) {}

  /** The home page, described by the owner's home page heading and text (store settings). */
  home(title: string, description = SHOP_TAGLINE): SeoHead {
    return this.website(title, summary(description) || SHOP_TAGLINE, '/');
  }

  /**
   * A listing narrowed by filters or re-sorted (`filtered`) names the plain listing, page 1, as its
   * canonical address: its pages hold the same products in other cuts, and page 2 of a filtered list is
   * not page 2 of the plain one.
   */
  listing(title: string, search: string, page: number, filtered = false): SeoHead {
    const description = search
      ? `${SHOP_NAME} products matching “${search}”: kurtas, shirts and dupattas made in Lahore.`
      : `Every product from ${SHOP_NAME}: kurtas, shirts and dupattas made in Lahore, with sizes, colours and prices.`;
    return this.website(title, summary(description), addressWith('/products', { q: search, page: filtered ? '' : laterPage(page) }));
  }

  category(category: Pick<Category, 'slug' | 'name' | 'description'>, page: number, filtered = false): SeoHead {
    const description = category.description?.trim() || `${category.name} from ${SHOP_NAME}, made in Lahore.`;
    const path = addressWith(categoryPath(category.slug), { page: filtered ? '' : laterPage(page) });
    return this.website(category.name, summary(description), path);
  }

  /**
   * Product pages add Open Graph's picture and a schema.org Product with its offer, priced in the store
   * currency. The owner's SEO title and description, when set, head the page and its previews; the
   * structured data keeps the product's own name and words. The canonical address is the current slug,
   * whichever old one brought the visitor (those answer 301) and whatever colour is on show.
   */
  product(page: ProductForSeo, currency: string): SeoHead {
    const { product, images, variants } = page;
    const canonicalUrl = this.absolute(productPath(product.slug));
    const ownWords = summary(product.description) || `${product.name} from ${SHOP_NAME}.`;
    const description = summary(product.seoDescription?.trim() ?? '') || ownWords;
    const imageUrls = images.map((image) => this.absolute(image.url));
    const prices = variants.map((v) => v.priceMinor);
    const availability = `https://schema.org/${variants.some((v) => !v.soldOut) ? 'InStock' : 'OutOfStock'}`;
    const offers =
      new Set(prices).size > 1
        ? {
            '@type': 'AggregateOffer',
            lowPrice: decimalAmount(Math.min(...prices)),
            highPrice: decimalAmount(Math.max(...prices)),
            offerCount: variants.length,
            priceCurrency: currency,
            availability,
            url: canonicalUrl,
          }
        : { '@type': 'Offer', price: decimalAmount(prices[0] ?? 0), priceCurrency: currency, availability, url: canonicalUrl };
    return {
      title: product.seoTitle?.trim() || product.name,
      description,
      canonicalUrl,
      ogType: 'product',
      imageUrl: imageUrls[0],
      structuredData: {
        '@context': 'https://schema.org',
        '@type': 'Product',
        name: product.name,
        description: ownWords,
        image: imageUrls,
        // A SKU names one sellable thing; a product with several sizes or colours has one per variant.
        ...(variants.length === 1 ? { sku: variants[0].sku } : {}),
        brand: { '@type': 'Brand', name: SHOP_NAME },
        url: canonicalUrl,
        offers,
      },
    };
  }

  /** The same canonical addresses as the pages' own tags, so a crawler sees one address per page. */
  sitemapXml(entries: SitemapEntries): string {
    const url = (path: string, lastModified?: Date) =>
      `<url><loc>${escapeXml(this.absolute(path))}</loc>${lastModified ? `<lastmod>${lastModified.toISOString()}</lastmod>` : ''}</url>`;
    const urls = [
      url('/'),
      url('/products'),
      ...entries.categories.map((category) => url(categoryPath(category.slug))),
      ...entries.products.map((product) => url(productPath(product.slug), product.lastModified)),
    ];
    return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
  }

  robotsTxt(): string {
    return ['User-agent: *', 'Allow: /', ...NOT_FOR_CRAWLERS.map((path) => `Disallow: ${path}`), '', `Sitemap: ${this.absolute('/sitemap.xml')}`, ''].join(
      '\n',
    );
  }

  private website(title: string, description: string, path: string): SeoHead {
    return { title, description, canonicalUrl: this.absolute(path), ogType: 'website' };
  }

  /** Pictures and pages are stored as root-relative paths; an address that is already absolute stays as it is. */
  private absolute(path: string): string {
    return /^https?:\/\//.test(path) ? path : `${this.config.publicUrl}${path}`;
  }
}

/** Text collapsed to one line and cut at a word boundary to fit a search result's snippet. */
export function summary(text: string, length = DESCRIPTION_LENGTH): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= length) return line;
  const cut = line.slice(0, length - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > length / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:—-]+$/, '')}…`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Page 1 is the address without a page number, so it has one canonical form. */
function laterPage(page: number): string {
  return page > 1 ? String(page) : '';
}
