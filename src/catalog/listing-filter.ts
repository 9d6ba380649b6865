import type { Repository, SelectQueryBuilder } from 'typeorm';
import { PRODUCT_AVAILABILITY_TAG, VARIANT_AVAILABILITY_TAG } from './cache/catalog-cache.js';
import { Product, ProductStatus } from './entities/product.entity.js';
import { Variant } from './entities/variant.entity.js';
import { booleanModeQuery, fts5Query } from './search-terms.js';

/** A listing's conditions, resolved: the category as the ids of its whole subtree, prices in minor units. */
export interface ListingFilter {
  categoryIds: number[] | null;
  searchTerms: string[];
  sizes: string[];
  colours: string[];
  minPriceMinor: number | null;
  maxPriceMinor: number | null;
  inStock: boolean;
}

/** The conditions a single variant must meet together (one variant that is M and Red and in stock, not an M here and a Red there). */
export type VariantCondition = 'size' | 'colour' | 'price' | 'inStock';

const ALL_VARIANT_CONDITIONS: VariantCondition[] = ['size', 'colour', 'price', 'inStock'];

/**
 * Builds the listing's SQL on both databases. Every value reaches SQL as a bound parameter; the only
 * text put into SQL is fixed here (aliases, column names). Parameters have the same name wherever
 * they appear, with the same value, so conditions can be combined freely in one statement.
 */
export class ListingSql {
  constructor(
    private readonly repository: Repository<Product>,
    private readonly onSqlite: boolean,
  ) {}

  /** Published products matching the search and, unless `withCategory` is false, the category subtree. No variant conditions. */
  products(filter: ListingFilter, withCategory = true): SelectQueryBuilder<Product> {
    const query = this.repository.createQueryBuilder('p').where('p.status = :published', { published: ProductStatus.Published });
    if (withCategory && filter.categoryIds) query.andWhere('p.categoryId IN (:...categoryIds)', { categoryIds: filter.categoryIds });
    if (filter.searchTerms.length > 0) {
      if (this.onSqlite) {
        // The FTS5 table's rowid is the product id; the alias is the table's own name, as MATCH and bm25() expect.
        query
          .innerJoin('product_search', 'product_search', 'product_search.rowid = p.id')
          .andWhere('product_search MATCH :match', { match: fts5Query(filter.searchTerms) });
      } else {
        query.andWhere('MATCH(p.searchText) AGAINST (:match IN BOOLEAN MODE)', { match: booleanModeQuery(filter.searchTerms) });
      }
    }
    return query;
  }

  /** How well a product matches the search, as a selectable expression; sorted ascending on SQLite (bm25), descending on MySQL. */
  relevance(): { expression: string; order: 'ASC' | 'DESC' } {
    return this.onSqlite
      ? { expression: 'bm25(product_search)', order: 'ASC' }
      : { expression: 'MATCH(p.searchText) AGAINST (:match IN BOOLEAN MODE)', order: 'DESC' };
  }

  /** Adds "has a variant meeting these conditions together", as EXISTS. With no conditions left it still asks for one variant: a product with nothing to sell is not listed. */
  requireVariant(query: SelectQueryBuilder<Product>, filter: ListingFilter, conditions: VariantCondition[] = ALL_VARIANT_CONDITIONS): void {
    const exists = query.subQuery().select('1').from(Variant, 'ev').where('ev.productId = p.id');
    const { sql, parameters } = this.variantConditions(filter, 'ev', conditions);
    for (const condition of sql) exists.andWhere(condition);
    query.andWhere(`EXISTS ${exists.getQuery()}`, parameters);
  }

  /** The chosen variant conditions on the variant alias `v`, as SQL fragments with their parameters. */
  variantConditions(filter: ListingFilter, v: string, conditions: VariantCondition[]): { sql: string[]; parameters: Record<string, unknown> } {
    const sql: string[] = [];
    const parameters: Record<string, unknown> = {};
    if (conditions.includes('size') && filter.sizes.length > 0) {
      sql.push(`${v}.size IN (:...sizes)`);
      parameters.sizes = filter.sizes;
    }
    if (conditions.includes('colour') && filter.colours.length > 0) {
      sql.push(`${v}.colour IN (:...colours)`);
      parameters.colours = filter.colours;
    }
    if (conditions.includes('price') && filter.minPriceMinor !== null) {
      sql.push(`${v}.priceMinor >= :minPriceMinor`);
      parameters.minPriceMinor = filter.minPriceMinor;
    }
    if (conditions.includes('price') && filter.maxPriceMinor !== null) {
      sql.push(`${v}.priceMinor <= :maxPriceMinor`);
      parameters.maxPriceMinor = filter.maxPriceMinor;
    }
    if (conditions.includes('inStock') && filter.inStock) sql.push(`${v}.stock > 0`);
    return { sql, parameters };
  }
}

/** The conditions of a listing that bring single variants' stock into it, as a ListingQuery or a ListingFilter has them. */
export interface VariantStockConditions {
  sizes?: readonly string[];
  colours?: readonly string[];
  minPriceMinor?: number | null;
  maxPriceMinor?: number | null;
  inStock?: boolean;
}

/**
 * The catalog cache's tag for a listing, or its counts, with these conditions: VARIANT_AVAILABILITY_TAG
 * when the answer tells which variants are in stock. With the in-stock filter, the page, the total and
 * every facet ask for one variant in stock that meets the other conditions too (an M in stock, so the
 * size facet changes when the M sells out and the L does not); with a size, colour or price filter,
 * the in-stock facet counts products with an in-stock variant of that size, colour or price. Otherwise
 * stock reaches a listing only as whether a product has any variant in stock (its card's "Sold out",
 * the in-stock count): PRODUCT_AVAILABILITY_TAG.
 */
export function listingCacheTag(conditions: VariantStockConditions): string {
  const variantFilter =
    (conditions.sizes?.length ?? 0) > 0 ||
    (conditions.colours?.length ?? 0) > 0 ||
    (conditions.minPriceMinor ?? null) !== null ||
    (conditions.maxPriceMinor ?? null) !== null;
  return conditions.inStock === true || variantFilter ? VARIANT_AVAILABILITY_TAG : PRODUCT_AVAILABILITY_TAG;
}

/** Fragments joined with AND; "1 = 1" when there are none, so the result always fits inside CASE WHEN … THEN. */
export function allOf(conditions: string[]): string {
  return conditions.length > 0 ? conditions.join(' AND ') : '1 = 1';
}
