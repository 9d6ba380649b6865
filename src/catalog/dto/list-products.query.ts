import { BadRequestException } from '@nestjs/common';
import { pageNumber } from '../../common/pagination.js';
import { isListingSort, LISTING_SORTS, type ListingQuery } from '../listing-query.js';

/**
 * The query string of a listing (/products, /categories/:slug, GET /api/v1/products), read through an
 * allowlist: only these names are read, each value is checked for shape and size, and only the checked
 * values travel on (always as bound parameters) to SQL. Anything else in the query string is dropped.
 */
const MAX_SEARCH_LENGTH = 100;
const MAX_SLUG_LENGTH = 120;
const MAX_OPTION_LENGTH = 40;
const MAX_OPTION_VALUES = 30;
/** The largest price, in major units, whose minor units fit the int column (2^31 - 1). */
export const MAX_PRICE_MAJOR = 21_474_836;

export interface ReadListingQuery {
  query: ListingQuery;
  /** What was wrong and left out, one sentence per parameter; empty when everything was usable. */
  problems: string[];
}

/**
 * Reads a listing's query string. Nothing here throws: a value that cannot be used is left out (an
 * unknown sort falls back to the default, a price that is not a number is ignored) and named in
 * `problems`, so the HTML pages can show the rest and the API can refuse the request with a 400.
 */
export function readListingQuery(raw: unknown): ReadListingQuery {
  const params = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const problems: string[] = [];
  const query: ListingQuery = { page: pageNumber(params.page) };

  const q = single(params.q, 'q must be given once, as text.', problems);
  if (q !== undefined) {
    if (q.length > MAX_SEARCH_LENGTH) problems.push(`q must be at most ${MAX_SEARCH_LENGTH} characters.`);
    const search = q
      .slice(0, MAX_SEARCH_LENGTH)
      .replace(/\p{C}+/gu, ' ')
      .trim();
    if (search) query.search = search;
  }

  const category = single(params.category, 'category must be given once, as a category slug.', problems);
  if (category !== undefined && category !== '') {
    if (category.length > MAX_SLUG_LENGTH) problems.push(`category must be at most ${MAX_SLUG_LENGTH} characters.`);
    else if (/\p{C}/u.test(category)) problems.push('category must be a category slug.');
    else query.categorySlug = category;
  }

  const sizes = options(params.size, 'size', problems);
  if (sizes.length > 0) query.sizes = sizes;
  const colours = options(params.colour, 'colour', problems);
  if (colours.length > 0) query.colours = colours;

  let min = price(params.minPrice, 'minPrice', problems);
  let max = price(params.maxPrice, 'maxPrice', problems);
  if (min !== undefined && max !== undefined && min > max) {
    problems.push('minPrice must not be more than maxPrice.');
    [min, max] = [max, min];
  }
  if (min !== undefined) query.minPriceMinor = min;
  if (max !== undefined) query.maxPriceMinor = max;

  const inStock = single(params.inStock, 'inStock must be given once, as 1 or 0.', problems);
  if (inStock !== undefined) {
    if (['1', 'true', 'on'].includes(inStock)) query.inStock = true;
    else if (!['', '0', 'false'].includes(inStock)) problems.push('inStock must be 1 or 0.');
  }

  const sort = single(params.sort, `sort must be given once, as one of ${LISTING_SORTS.join(', ')}.`, problems);
  if (sort !== undefined && sort !== '') {
    if (!isListingSort(sort)) problems.push(`sort must be one of ${LISTING_SORTS.join(', ')}.`);
    else if (sort === 'relevance' && !query.search) problems.push('sort=relevance needs a search (q).');
    else query.sort = sort;
  }
  return { query, problems };
}

/** For the JSON API: the query, or a 400 naming every parameter that could not be used. */
export function listingQueryFrom(raw: unknown): ListingQuery {
  const { query, problems } = readListingQuery(raw);
  if (problems.length > 0) throw new BadRequestException(problems.join(' '));
  return query;
}

/** One text value. A repeated parameter counts as a problem (its first value is still used); anything else (a[b]=c) is ignored. */
function single(value: unknown, problem: string, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  problems.push(problem);
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}

/** Sizes or colours: the parameter may repeat (size=M&size=L means either); blanks and repeats are dropped. */
function options(value: unknown, name: string, problems: string[]): string[] {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  // Control and formatting characters (NUL, right-to-left overrides) are never part of a size or colour.
  const usable = values.filter((v): v is string => typeof v === 'string' && v.trim().length <= MAX_OPTION_LENGTH && !/\p{C}/u.test(v)).map((v) => v.trim());
  if (usable.length !== values.length || usable.length > MAX_OPTION_VALUES) {
    problems.push(`${name} must be one or more values of at most ${MAX_OPTION_LENGTH} printable characters each, at most ${MAX_OPTION_VALUES} of them.`);
  }
  return [...new Set(usable.filter(Boolean))].slice(0, MAX_OPTION_VALUES);
}

/** A price as a shopper types it, in major units ("2500", "2499.50"), as integer minor units. Blank means no limit. */
function price(value: unknown, name: string, problems: string[]): number | undefined {
  const text = single(value, `${name} must be given once.`, problems)?.trim();
  if (text === undefined || text === '') return undefined;
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  const major = match ? Number(match[1]) : NaN;
  if (!match || major > MAX_PRICE_MAJOR) {
    problems.push(`${name} must be an amount from 0 to ${MAX_PRICE_MAJOR} in the store currency, such as 2500.`);
    return undefined;
  }
  // Integer arithmetic on the digits, so 2499.99 is exactly 249999 minor units.
  return Math.min(major * 100 + Number((match[2] ?? '').padEnd(2, '0')), 2_147_483_647);
}
