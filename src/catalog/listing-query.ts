import type { ProductCard } from './catalog.types.js';

/**
 * What a product listing is asked for and what it answers, as plain data: the query is a cache key
 * and the answer can be stored as JSON, so both stay free of entities, dates and class instances.
 */

/** The sorts a shopper can pick; "relevance" only means something while searching. */
export const LISTING_SORTS = ['relevance', 'newest', 'price_asc', 'price_desc', 'popular'] as const;
export type ListingSort = (typeof LISTING_SORTS)[number];

export const SORT_LABELS: Record<ListingSort, string> = {
  relevance: 'Best match',
  newest: 'Newest',
  price_asc: 'Price: low to high',
  price_desc: 'Price: high to low',
  popular: 'Most popular',
};

export function isListingSort(value: string): value is ListingSort {
  return (LISTING_SORTS as readonly string[]).includes(value);
}

/**
 * The one rule for which sort a listing uses: the one asked for, else relevance while there are words
 * to search by and newest otherwise; relevance without such words (only stopwords, say) is newest.
 */
export function effectiveSort(requested: ListingSort | undefined, searching: boolean): ListingSort {
  if (requested === undefined) return searching ? 'relevance' : 'newest';
  return requested === 'relevance' && !searching ? 'newest' : requested;
}

/** A listing request, already allowlisted (see dto/list-products.query.ts). Prices are minor units. */
export interface ListingQuery {
  page: number;
  search?: string;
  categorySlug?: string;
  sizes?: string[];
  colours?: string[];
  minPriceMinor?: number;
  maxPriceMinor?: number;
  inStock?: boolean;
  /** Absent means the default: relevance while searching, otherwise newest. */
  sort?: ListingSort;
}

/**
 * The price ranges offered as links, in minor units, both ends included (as when a shopper types
 * "2000" to "4000"): a product priced exactly on a boundary is counted, and found, in both ranges.
 */
export const PRICE_RANGES: { minPriceMinor: number | null; maxPriceMinor: number | null }[] = [
  { minPriceMinor: null, maxPriceMinor: 200_000 },
  { minPriceMinor: 200_000, maxPriceMinor: 400_000 },
  { minPriceMinor: 400_000, maxPriceMinor: 600_000 },
  { minPriceMinor: 600_000, maxPriceMinor: null },
];

export interface CategoryRef {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  parentId: number | null;
  position: number;
}

/** A top-level category with its children, in the shop's order (the home page, the API). */
export interface CategoryTreeNode extends CategoryRef {
  children: CategoryRef[];
}

/** A category in the facet tree: products matching everything but the category choice, its descendants included. */
export interface CategoryFacet {
  slug: string;
  name: string;
  count: number;
  selected: boolean;
  children: CategoryFacet[];
}

export interface OptionFacet {
  value: string;
  count: number;
  selected: boolean;
  /** Colours only: a #rrggbb swatch, or null when the store has none. */
  swatch: string | null;
}

export interface PriceFacet {
  minPriceMinor: number | null;
  maxPriceMinor: number | null;
  count: number;
  selected: boolean;
}

/** Each count is of distinct products matching every choice except the facet's own. */
export interface ListingFacets {
  categories: CategoryFacet[];
  sizes: OptionFacet[];
  colours: OptionFacet[];
  prices: PriceFacet[];
  inStock: { count: number; selected: boolean };
}

export interface Listing {
  items: ProductCard[];
  page: number;
  pages: number;
  total: number;
  /** The sort applied (the default filled in). */
  sort: ListingSort;
  /** The shopper's text and the words it was searched by; no words means the text was ignored (too short, only common words). */
  search: { text: string; terms: string[] } | null;
  /** The category the listing is scoped to (its subtree included), with the way down to it and its children. */
  category: (CategoryRef & { ancestors: CategoryRef[]; children: CategoryRef[] }) | null;
  /** Top-level categories, for the empty state's suggestions. */
  topCategories: { slug: string; name: string }[];
  /** The query as applied: unknown categories dropped, page clamped, sort filled in. */
  query: ListingQuery;
  facets: ListingFacets;
}
