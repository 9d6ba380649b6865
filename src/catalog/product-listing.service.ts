import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { isEmbedded } from '../database/dialect.js';
import { cacheKey, CatalogCache } from './cache/catalog-cache.js';
import { clampedPage, pageCount } from '../common/pagination.js';
import type { ProductCard } from './catalog.types.js';
import { Category } from './entities/category.entity.js';
import { OptionValue, ProductOption } from './entities/option-value.entity.js';
import { ProductImage } from './entities/product-image.entity.js';
import { Product, ProductStatus } from './entities/product.entity.js';
import { Variant } from './entities/variant.entity.js';
import { ancestorsOf, byPosition, categoryFacets, childrenOf, optionFacets, priceFacets, subtreeIds, type OptionCountRow } from './facets.js';
import { allOf, listingCacheTag, ListingSql, type ListingFilter } from './listing-filter.js';
import { effectiveSort, PRICE_RANGES, type CategoryRef, type CategoryTreeNode, type Listing, type ListingQuery, type ListingSort } from './listing-query.js';
import { searchTerms } from './search-terms.js';

export const PRODUCTS_PER_PAGE = 24;

type Raw = Record<string, unknown>;

/**
 * The storefront's lists of products: listings with search, filters, sorts and facet counts, category
 * pages and new arrivals, as cards. Inputs are plain query objects and answers plain JSON-ready data,
 * so a cache can sit in front of any method (CachedListings does, per query). One cache sits inside:
 * a listing's counts, the dearest part, are the same for every page and sort of one filter, so they
 * are kept per filter in the same catalog cache (and dropped with the listing: the same generation and tag).
 *
 * A listing costs a fixed number of statements whatever the catalog's size or the page's: the
 * categories; one grouped count (total, category, price and in-stock facets); one each for the size
 * and colour facets; the page of ids (filtered, sorted, limited); then the cards, one query per table.
 */
@Injectable()
export class ProductListingService {
  private readonly sql: ListingSql;

  constructor(
    @InjectRepository(Category) private readonly categories: Repository<Category>,
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectRepository(Variant) private readonly variants: Repository<Variant>,
    @InjectRepository(ProductImage) private readonly images: Repository<ProductImage>,
    private readonly cache: CatalogCache,
  ) {
    this.sql = new ListingSql(products, isEmbedded(products.manager.connection));
  }

  /** Every category, in the shop's order: each top-level category followed by its children. */
  async listCategories(): Promise<CategoryRef[]> {
    return (await this.categoryTree()).flatMap(({ children, ...category }) => [category, ...children]);
  }

  /** Top-level categories with their children, for the home page. */
  async categoryTree(): Promise<CategoryTreeNode[]> {
    const all = await this.allCategories();
    return childrenOf(all, null).map((category) => ({ ...category, children: childrenOf(all, category.id) }));
  }

  /** /products: an unknown category is ignored (the listing shows everything), as any other stale parameter. */
  listProducts(query: ListingQuery): Promise<Listing> {
    return this.list(query, false);
  }

  /** A category page, or the API asked for one category: an unknown category is a NotFoundError. */
  listCategory(slug: string, query: ListingQuery): Promise<Listing> {
    return this.list({ ...query, categorySlug: slug }, true);
  }

  async newArrivals(count: number): Promise<ProductCard[]> {
    const query = this.sql.products(emptyFilter()).select('p.id', 'id').orderBy('p.createdAt', 'DESC').addOrderBy('p.id', 'DESC').limit(count);
    this.sql.requireVariant(query, emptyFilter());
    return this.cards((await query.getRawMany<{ id: number | string }>()).map((row) => Number(row.id)));
  }

  private async list(query: ListingQuery, categoryMustExist: boolean): Promise<Listing> {
    const all = await this.allCategories();
    const category = query.categorySlug === undefined ? undefined : all.find((c) => c.slug === query.categorySlug);
    if (query.categorySlug !== undefined && !category && categoryMustExist) throw new NotFoundError('That category');
    const terms = query.search ? searchTerms(query.search) : [];
    const filter: ListingFilter = {
      categoryIds: category ? subtreeIds(all, category.id) : null,
      searchTerms: terms,
      sizes: query.sizes ?? [],
      colours: query.colours ?? [],
      minPriceMinor: query.minPriceMinor ?? null,
      maxPriceMinor: query.maxPriceMinor ?? null,
      inStock: query.inStock ?? false,
    };
    const sort = effectiveSort(query.sort, terms.length > 0);

    // The counts are most of a listing's cost and the same for every page and sort of one filter, so
    // they are kept apart from the page: paging or re-sorting costs only the page's ids and cards. They
    // carry the listing's tag, so a variant selling out drops them with the listings that show them.
    const [counts, sizes, colours] = await this.cache.remember(
      cacheKey('listingCounts', [filter]),
      () => Promise.all([this.countsByCategory(filter), this.optionCounts(filter, ProductOption.Size), this.optionCounts(filter, ProductOption.Colour)]),
      listingCacheTag(filter),
    );
    const inScope = (row: CategoryCounts) => !filter.categoryIds || filter.categoryIds.includes(row.categoryId);
    const sum = (pick: (row: CategoryCounts) => number) => counts.filter(inScope).reduce((total, row) => total + pick(row), 0);
    const total = sum((row) => row.matching);
    const pages = pageCount(total, PRODUCTS_PER_PAGE);
    const page = clampedPage(query.page, total, PRODUCTS_PER_PAGE);
    const ids = total > 0 ? await this.pageOfIds(filter, sort, page) : [];

    return {
      items: await this.cards(ids),
      page,
      pages,
      total,
      sort,
      search: query.search ? { text: query.search, terms } : null,
      category: category ? { ...category, ancestors: ancestorsOf(all, category), children: childrenOf(all, category.id) } : null,
      topCategories: childrenOf(all, null).map(({ slug, name }) => ({ slug, name })),
      query: { ...query, categorySlug: category?.slug, page, sort: query.sort === undefined ? undefined : sort },
      facets: {
        categories: categoryFacets(all, new Map(counts.map((row) => [row.categoryId, row.matching])), category?.id ?? null),
        sizes: optionFacets(sizes, filter.sizes),
        colours: optionFacets(colours, filter.colours),
        prices: priceFacets(
          PRICE_RANGES.map((_, i) => sum((row) => row.prices[i])),
          filter.minPriceMinor,
          filter.maxPriceMinor,
        ),
        inStock: { count: sum((row) => row.inStock), selected: filter.inStock },
      },
    };
  }

  private async allCategories(): Promise<CategoryRef[]> {
    const rows = await this.categories.find({ order: { position: 'ASC', name: 'ASC', id: 'ASC' } });
    return rows.map(({ id, slug, name, description, parentId, position }) => ({ id, slug, name, description, parentId, position })).sort(byPosition);
  }

  /**
   * One grouped statement for four things: per category (the category choice left out), the products
   * matching every other choice; per price range, those matching all but the price; and those in
   * stock, matching all but in-stock. Summed over the category's subtree, "matching" is the total.
   * A product is in one category, so counts of distinct products add up across categories.
   */
  private async countsByCategory(filter: ListingFilter): Promise<CategoryCounts[]> {
    const query = this.sql.products(filter, false).innerJoin(Variant, 'v', 'v.productId = p.id').select('p.categoryId', 'categoryId');
    const sameVariant = this.sql.variantConditions(filter, 'v', ['size', 'colour']);
    for (const condition of sameVariant.sql) query.andWhere(condition);
    query.setParameters(sameVariant.parameters);
    const price = this.sql.variantConditions(filter, 'v', ['price']);
    const inStock = this.sql.variantConditions(filter, 'v', ['inStock']);
    query.setParameters({ ...price.parameters });
    query.addSelect(`COUNT(DISTINCT CASE WHEN ${allOf([...price.sql, ...inStock.sql])} THEN p.id END)`, 'matching');
    PRICE_RANGES.forEach((range, i) => {
      const bounds: string[] = [];
      if (range.minPriceMinor !== null) bounds.push(`v.priceMinor >= :rangeMin${i}`);
      if (range.maxPriceMinor !== null) bounds.push(`v.priceMinor <= :rangeMax${i}`);
      query.addSelect(`COUNT(DISTINCT CASE WHEN ${allOf([...inStock.sql, ...bounds])} THEN p.id END)`, `price${i}`);
      query.setParameter(`rangeMin${i}`, range.minPriceMinor).setParameter(`rangeMax${i}`, range.maxPriceMinor);
    });
    query.addSelect(`COUNT(DISTINCT CASE WHEN ${allOf([...price.sql, 'v.stock > 0'])} THEN p.id END)`, 'inStock');
    const rows = await query.groupBy('p.categoryId').getRawMany<Raw>();
    return rows.map((row) => ({
      categoryId: Number(row.categoryId),
      matching: Number(row.matching),
      prices: PRICE_RANGES.map((_, i) => Number(row[`price${i}`])),
      inStock: Number(row.inStock),
    }));
  }

  /** Products per size (or colour), matching every choice but that option's own, the variant's other conditions on the same variant. */
  private async optionCounts(filter: ListingFilter, option: ProductOption): Promise<OptionCountRow[]> {
    const column = option === ProductOption.Size ? 'size' : 'colour';
    const others = this.sql.variantConditions(
      filter,
      'v',
      (['size', 'colour', 'price', 'inStock'] as const).filter((c) => c !== column),
    );
    const rows = await this.sql
      .products(filter)
      .innerJoin(Variant, 'v', allOf(['v.productId = p.id', ...others.sql]))
      .leftJoin(OptionValue, 'o', `o.option = :option${column} AND o.value = v.${column}`)
      .select(`v.${column}`, 'value')
      .addSelect('COUNT(DISTINCT p.id)', 'count')
      .addSelect('o.position', 'position')
      .addSelect('o.swatch', 'swatch')
      .andWhere(`v.${column} IS NOT NULL`)
      .setParameters({ ...others.parameters, [`option${column}`]: option })
      .groupBy(`v.${column}`)
      .addGroupBy('o.position')
      .addGroupBy('o.swatch')
      .getRawMany<Raw>();
    return rows.map((row) => ({
      value: String(row.value),
      count: Number(row.count),
      position: row.position === null || row.position === undefined ? null : Number(row.position),
      swatch: typeof row.swatch === 'string' ? row.swatch : null,
    }));
  }

  /** The page's product ids in order; the id breaks every tie, so paging through a sort shows each product exactly once. */
  private async pageOfIds(filter: ListingFilter, sort: ListingSort, page: number): Promise<number[]> {
    const query = this.sql.products(filter).select('p.id', 'id');
    this.sql.requireVariant(query, filter);
    if (sort === 'relevance') {
      const relevance = this.sql.relevance();
      query.addSelect(relevance.expression, 'relevance').orderBy('relevance', relevance.order).addOrderBy('p.createdAt', 'DESC').addOrderBy('p.id', 'DESC');
    } else {
      const [column, order] = SORT_COLUMNS[sort];
      query.orderBy(column, order).addOrderBy('p.id', order);
    }
    const rows = await query
      .offset((page - 1) * PRODUCTS_PER_PAGE)
      .limit(PRODUCTS_PER_PAGE)
      .getRawMany<{ id: number | string }>();
    return rows.map((row) => Number(row.id));
  }

  /**
   * Cards for these products, in the order given: one query per table. The card's price is the lowest
   * variant price; its "was" price is the highest compare-at price among the variants at that price,
   * shown only when above it, so the sale badge always describes the price on the card.
   */
  async cards(ids: number[]): Promise<ProductCard[]> {
    if (ids.length === 0) return [];
    const [products, variants, images] = await Promise.all([
      this.products.find({ select: { id: true, slug: true, name: true }, where: { id: In(ids), status: ProductStatus.Published } }),
      this.variants.find({ select: { productId: true, priceMinor: true, compareAtPriceMinor: true, stock: true }, where: { productId: In(ids) } }),
      this.images.find({ where: { productId: In(ids), position: 0 } }),
    ]);
    const byId = new Map(products.map((p) => [p.id, p]));
    const imageOf = new Map(images.map((image) => [image.productId, image]));
    return ids.flatMap((id) => {
      const product = byId.get(id);
      if (!product) return [];
      const own = variants.filter((v) => v.productId === id);
      const fromPriceMinor = own.length > 0 ? Math.min(...own.map((v) => v.priceMinor)) : 0;
      const was = Math.max(0, ...own.filter((v) => v.priceMinor === fromPriceMinor).map((v) => v.compareAtPriceMinor ?? 0));
      const image = imageOf.get(id);
      return [
        {
          id,
          slug: product.slug,
          name: product.name,
          fromPriceMinor,
          compareAtPriceMinor: was > fromPriceMinor ? was : null,
          onSale: was > fromPriceMinor,
          imageUrl: image?.url ?? null,
          imageAlt: image?.alt ?? product.name,
          imageWidths: image?.thumbnailWidths ?? '',
          soldOut: !own.some((v) => v.stock > 0),
        },
      ];
    });
  }
}

interface CategoryCounts {
  categoryId: number;
  matching: number;
  prices: number[];
  inStock: number;
}

const SORT_COLUMNS: Record<Exclude<ListingSort, 'relevance'>, [string, 'ASC' | 'DESC']> = {
  newest: ['p.createdAt', 'DESC'],
  price_asc: ['p.priceMinor', 'ASC'],
  price_desc: ['p.priceMinor', 'DESC'],
  popular: ['p.unitsSold', 'DESC'],
};

function emptyFilter(): ListingFilter {
  return { categoryIds: null, searchTerms: [], sizes: [], colours: [], minPriceMinor: null, maxPriceMinor: null, inStock: false };
}
