import type { Page } from '../common/pagination.js';
import type { ProductCard } from './catalog.types.js';
import type { CategoryFacet, CategoryRef, Listing, ListingSort } from './listing-query.js';
import type { Category } from './entities/category.entity.js';
import type { ProductImage } from './entities/product-image.entity.js';
import type { Product } from './entities/product.entity.js';
import { categoryPath, productPath } from './catalog-paths.js';

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
  /** The "was" price of fromPrice while that variant is on sale, else null. */
  compareAtPrice: MoneyJson | null;
  image: { url: string; alt: string } | null;
  soldOut: boolean;
}

export interface CategoryJson {
  slug: string;
  name: string;
  description: string | null;
  /** The parent category's slug; null at the top level. */
  parent: string | null;
  url: string;
}

/** The facet tree goes out as the listing builds it. */
export type CategoryFacetJson = CategoryFacet;

export interface ProductListJson extends Page<ProductSummaryJson> {
  sort: ListingSort;
  facets: {
    categories: CategoryFacetJson[];
    sizes: { value: string; count: number; selected: boolean }[];
    colours: { value: string; swatch: string | null; count: number; selected: boolean }[];
    /** Ranges in major units, as the minPrice and maxPrice parameters take them. */
    prices: { minPrice: number | null; maxPrice: number | null; count: number; selected: boolean }[];
    inStock: { count: number; selected: boolean };
  };
}

export interface ProductDetailJson {
  slug: string;
  name: string;
  description: string;
  category: { slug: string; name: string } | null;
  images: { url: string; alt: string; colour: string | null }[];
  options: { sizes: string[]; colours: string[] };
  variants: { sku: string; size: string | null; colour: string | null; price: MoneyJson; compareAtPrice: MoneyJson | null; inStock: boolean }[];
}

/** The parts of ProductPagesService.productPage the API shows. */
export interface ProductDetailSource {
  product: Pick<Product, 'slug' | 'name' | 'description'>;
  category: Pick<Category, 'slug' | 'name'> | null;
  images: Pick<ProductImage, 'url' | 'alt' | 'colour'>[];
  sizes: { value: string }[];
  colours: { value: string }[];
  /** compareAtPriceMinor: the "was" price, only when the variant is on sale. */
  variants: { sku: string; size: string | null; colour: string | null; priceMinor: number; compareAtPriceMinor?: number | null; soldOut: boolean }[];
}

export function productListJson(listing: Pick<Listing, 'items' | 'page' | 'pages' | 'total' | 'sort' | 'facets'>, currency: string): ProductListJson {
  const { facets } = listing;
  const majorUnits = (minor: number | null) => (minor === null ? null : minor / 100);
  return {
    items: listing.items.map((card) => productSummaryJson(card, currency)),
    page: listing.page,
    pages: listing.pages,
    total: listing.total,
    sort: listing.sort,
    facets: {
      categories: facets.categories,
      sizes: facets.sizes.map(({ value, count, selected }) => ({ value, count, selected })),
      colours: facets.colours.map(({ value, swatch, count, selected }) => ({ value, swatch, count, selected })),
      prices: facets.prices.map((range) => ({
        minPrice: majorUnits(range.minPriceMinor),
        maxPrice: majorUnits(range.maxPriceMinor),
        count: range.count,
        selected: range.selected,
      })),
      inStock: facets.inStock,
    },
  };
}

export function productSummaryJson(card: ProductCard, currency: string): ProductSummaryJson {
  return {
    slug: card.slug,
    name: card.name,
    url: productPath(card.slug),
    fromPrice: money(card.fromPriceMinor, currency),
    compareAtPrice: card.compareAtPriceMinor === null ? null : money(card.compareAtPriceMinor, currency),
    image: card.imageUrl ? { url: card.imageUrl, alt: card.imageAlt } : null,
    soldOut: card.soldOut,
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
      compareAtPrice: variant.compareAtPriceMinor ? money(variant.compareAtPriceMinor, currency) : null,
      inStock: !variant.soldOut,
    })),
  };
}

/** Every category, each naming its parent by slug so a client can rebuild the tree. */
export function categoryListJson(categories: Pick<CategoryRef, 'id' | 'slug' | 'name' | 'description' | 'parentId'>[]): CategoryJson[] {
  const slugOf = new Map(categories.map((category) => [category.id, category.slug]));
  return categories.map((category) => ({
    slug: category.slug,
    name: category.name,
    description: category.description,
    parent: category.parentId === null ? null : (slugOf.get(category.parentId) ?? null),
    url: categoryPath(category.slug),
  }));
}

function money(amountMinor: number, currency: string): MoneyJson {
  return { amountMinor, currency };
}
