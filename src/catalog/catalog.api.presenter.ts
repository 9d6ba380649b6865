import type { Page } from '../common/pagination.js';
import type { ProductCard } from './catalog.types.js';
import type { Category } from './entities/category.entity.js';
import type { ProductImage } from './entities/product-image.entity.js';
import type { Product } from './entities/product.entity.js';

/**
 * The catalog as the public JSON API shows it (documented in openapi.ts). Entities never leave the
 * module as they are: these shapes are the contract, and they say whether a variant is in stock, never
 * how many units are on the shelf.
 */
export interface MoneyJson {
  amountMinor: number;
  currency: string;
}

export interface ProductSummaryJson {
  slug: string;
  name: string;
  url: string;
  fromPrice: MoneyJson;
  image: { url: string; alt: string } | null;
  soldOut: boolean;
}

export interface CategoryJson {
  slug: string;
  name: string;
  description: string | null;
  url: string;
}

export interface ProductDetailJson {
  slug: string;
  name: string;
  description: string;
  category: { slug: string; name: string } | null;
  images: { url: string; alt: string; colour: string | null }[];
  options: { sizes: string[]; colours: string[] };
  variants: { sku: string; size: string | null; colour: string | null; price: MoneyJson; inStock: boolean }[];
}

/** The parts of CatalogService.productPage the API shows. */
export interface ProductDetailSource {
  product: Pick<Product, 'slug' | 'name' | 'description'>;
  category: Pick<Category, 'slug' | 'name'> | null;
  images: Pick<ProductImage, 'url' | 'alt' | 'colour'>[];
  sizes: { value: string }[];
  colours: { value: string }[];
  variants: { sku: string; size: string | null; colour: string | null; priceMinor: number; soldOut: boolean }[];
}

export function productListJson(page: Page<ProductCard>, currency: string): Page<ProductSummaryJson> {
  return {
    items: page.items.map((card) => ({
      slug: card.slug,
      name: card.name,
      url: productUrl(card.slug),
      fromPrice: money(card.fromPriceMinor, currency),
      image: card.imageUrl ? { url: card.imageUrl, alt: card.imageAlt } : null,
      soldOut: card.soldOut,
    })),
    page: page.page,
    pages: page.pages,
    total: page.total,
  };
}

export function productDetailJson(page: ProductDetailSource, currency: string): ProductDetailJson {
  return {
    slug: page.product.slug,
    name: page.product.name,
    description: page.product.description,
    category: page.category ? { slug: page.category.slug, name: page.category.name } : null,
    images: page.images.map((image) => ({ url: image.url, alt: image.alt, colour: image.colour })),
    options: { sizes: page.sizes.map((size) => size.value), colours: page.colours.map((colour) => colour.value) },
    variants: page.variants.map((variant) => ({
      sku: variant.sku,
      size: variant.size,
      colour: variant.colour,
      price: money(variant.priceMinor, currency),
      inStock: !variant.soldOut,
    })),
  };
}

export function categoryJson(category: Pick<Category, 'slug' | 'name' | 'description'>): CategoryJson {
  return {
    slug: category.slug,
    name: category.name,
    description: category.description,
    url: `/categories/${encodeURIComponent(category.slug)}`,
  };
}

function productUrl(slug: string): string {
  return `/products/${encodeURIComponent(slug)}`;
}

function money(amountMinor: number, currency: string): MoneyJson {
  return { amountMinor, currency };
}
