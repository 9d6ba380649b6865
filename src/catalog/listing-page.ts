import { decimalAmount } from '../common/money.js';
import { addressWith, pageLinks, type PageLinks } from '../common/pagination.js';
import type { ProductCard } from './catalog.types.js';
import { effectiveSort, SORT_LABELS, type CategoryFacet, type Listing, type ListingQuery, type ListingSort } from './listing-query.js';
import { categoryPath } from './catalog-paths.js';

/**
 * What views/catalog/listing.hbs shows for a listing: the filter form, facet links, removable chips,
 * pagination and the empty state. Every link is built here from the applied query, so each keeps the
 * shopper's other choices and a page link never carries a filter the page did not apply.
 */
export interface ListingPage {
  title: string;
  /** The header's search box shows the words being searched. */
  search: string;
  breadcrumbs: { name: string; url: string }[];
  category: { name: string; description: string | null } | null;
  subcategories: { name: string; url: string }[];
  result: { items: ProductCard[]; total: number; page: number; pages: number };
  pageLinks: PageLinks;
  form: ListingForm;
  categoryTree: CategoryLink[];
  allCategoriesUrl: string;
  priceRanges: { minPriceMinor: number | null; maxPriceMinor: number | null; count: number; selected: boolean; url: string }[];
  chips: { name: string; value?: string; minPriceMinor?: number | null; maxPriceMinor?: number | null; price?: boolean; url: string }[];
  clearFiltersUrl: string | null;
  /** The shopper searched, but with nothing an index can look up (only short or common words): everything is shown. */
  searchIgnored: boolean;
  /** The words looked up (normalised, plurals cut), for the empty state. */
  searchedWords: string;
  suggestions: { name: string; url: string }[];
  /** Filters, a category chosen by parameter or a sort other than the default: the canonical address leaves them out. */
  filtered: boolean;
}

interface ListingForm {
  action: string;
  q: string;
  category: string;
  minPrice: string;
  maxPrice: string;
  sorts: { value: ListingSort; label: string; selected: boolean }[];
  sizes: { id: string; value: string; count: number; checked: boolean }[];
  colours: { id: string; value: string; count: number; checked: boolean; swatch: string | null }[];
  inStock: { count: number; checked: boolean };
}

interface CategoryLink {
  name: string;
  url: string;
  count: number;
  current: boolean;
  children: CategoryLink[];
}

type Params = Record<string, string | string[] | undefined>;

/** `basePath` is /products or /categories/:slug; on a category page the category is the path, never a parameter. */
export function listingPage(listing: Listing, basePath: string): ListingPage {
  const { query } = listing;
  const onCategoryPage = basePath !== '/products';
  const params = paramsOf(query, onCategoryPage);
  const without = (change: Params) => urlOf(basePath, { ...params, ...change });
  const filterParams: Params = { category: undefined, size: undefined, colour: undefined, minPrice: undefined, maxPrice: undefined, inStock: undefined };
  const category = listing.category;

  const chips: ListingPage['chips'] = [];
  if (query.search)
    chips.push({ name: 'Search', value: query.search, url: without({ q: undefined, sort: query.sort === 'relevance' ? undefined : query.sort }) });
  if (!onCategoryPage && category) chips.push({ name: 'Category', value: category.name, url: without({ category: undefined }) });
  for (const size of query.sizes ?? []) chips.push({ name: 'Size', value: size, url: without({ size: query.sizes?.filter((s) => s !== size) }) });
  for (const colour of query.colours ?? []) chips.push({ name: 'Colour', value: colour, url: without({ colour: query.colours?.filter((c) => c !== colour) }) });
  if (query.minPriceMinor !== undefined || query.maxPriceMinor !== undefined) {
    chips.push({
      name: 'Price',
      price: true,
      minPriceMinor: query.minPriceMinor ?? null,
      maxPriceMinor: query.maxPriceMinor ?? null,
      url: without({ minPrice: undefined, maxPrice: undefined }),
    });
  }
  if (query.inStock) chips.push({ name: 'In stock only', url: without({ inStock: undefined }) });
  const hasFilters = chips.some((chip) => chip.name !== 'Search');

  const otherParams = { ...params, category: undefined, page: undefined };
  const treeLink = (facet: CategoryFacet): CategoryLink => ({
    name: facet.name,
    url: urlOf(categoryPath(facet.slug), otherParams),
    count: facet.count,
    current: facet.selected,
    children: facet.children.map(treeLink),
  });

  const title = category && (onCategoryPage || !query.search) ? category.name : query.search ? `Search: ${query.search}` : 'All products';
  const defaultSort = effectiveSort(undefined, Boolean(listing.search?.terms.length));
  return {
    title,
    search: query.search ?? '',
    breadcrumbs: onCategoryPage && category ? category.ancestors.map((c) => ({ name: c.name, url: categoryPath(c.slug) })) : [],
    category: onCategoryPage && category ? { name: category.name, description: category.description } : null,
    subcategories: onCategoryPage && category ? category.children.map((c) => ({ name: c.name, url: urlOf(categoryPath(c.slug), otherParams) })) : [],
    result: { items: listing.items, total: listing.total, page: listing.page, pages: listing.pages },
    pageLinks: pageLinks(basePath, listing, { ...params, page: undefined }),
    form: {
      action: basePath,
      q: query.search ?? '',
      category: onCategoryPage ? '' : (query.categorySlug ?? ''),
      minPrice: majorUnits(query.minPriceMinor) ?? '',
      maxPrice: majorUnits(query.maxPriceMinor) ?? '',
      sorts: (Object.keys(SORT_LABELS) as ListingSort[])
        .filter((sort) => sort !== 'relevance' || defaultSort === 'relevance')
        .map((sort) => ({ value: sort, label: SORT_LABELS[sort], selected: sort === listing.sort })),
      sizes: listing.facets.sizes.map((size, i) => ({ id: `filter-size-${i}`, value: size.value, count: size.count, checked: size.selected })),
      colours: listing.facets.colours.map((colour, i) => ({
        id: `filter-colour-${i}`,
        value: colour.value,
        count: colour.count,
        checked: colour.selected,
        swatch: colour.swatch,
      })),
      inStock: { count: listing.facets.inStock.count, checked: listing.facets.inStock.selected },
    },
    categoryTree: listing.facets.categories.map(treeLink),
    allCategoriesUrl: urlOf('/products', otherParams),
    priceRanges: listing.facets.prices.map((range) => ({
      ...range,
      // A chosen range's link takes it away again.
      url: without(
        range.selected
          ? { minPrice: undefined, maxPrice: undefined }
          : { minPrice: majorUnits(range.minPriceMinor), maxPrice: majorUnits(range.maxPriceMinor) },
      ),
    })),
    chips,
    // Filters go; the search and the sort stay.
    clearFiltersUrl: hasFilters ? without(filterParams) : null,
    searchIgnored: Boolean(listing.search && listing.search.terms.length === 0),
    searchedWords: listing.search?.terms.join(', ') ?? '',
    suggestions: listing.topCategories.map((c) => ({ name: c.name, url: categoryPath(c.slug) })),
    filtered: hasFilters || (query.sort !== undefined && query.sort !== defaultSort),
  };
}

/** The applied query as URL parameters, prices back in major units as the shopper typed them; page left to the caller. */
function paramsOf(query: ListingQuery, onCategoryPage: boolean): Params {
  return {
    q: query.search,
    category: onCategoryPage ? undefined : query.categorySlug,
    size: query.sizes,
    colour: query.colours,
    minPrice: majorUnits(query.minPriceMinor),
    maxPrice: majorUnits(query.maxPriceMinor),
    inStock: query.inStock ? '1' : undefined,
    sort: query.sort,
  };
}

/** A listing address; every change of filter starts again from page 1, so no page parameter. */
function urlOf(base: string, params: Params): string {
  return addressWith(base, { ...params, page: undefined });
}

/** 250000 → "2500", 249950 → "2499.50": minor units as a shopper would type the amount. */
function majorUnits(minor: number | null | undefined): string | undefined {
  if (minor === null || minor === undefined) return undefined;
  return decimalAmount(minor).replace(/\.00$/, '');
}
