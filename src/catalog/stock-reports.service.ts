import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { cacheKey, CatalogCache, STOCK_LEVELS_TAG, VARIANT_AVAILABILITY_TAG } from './cache/catalog-cache.js';
import { containsPattern } from '../common/like.js';
import { clampedPage, pageCount, type Page } from '../common/pagination.js';
import { OptionValue, ProductOption } from './entities/option-value.entity.js';
import { Product } from './entities/product.entity.js';
import { Variant } from './entities/variant.entity.js';
import { stockState, variantLabel } from './product-page.js';

/** A variant as the stock screens show it. */
export interface StockRow {
  variantId: number;
  productId: number;
  productName: string;
  sku: string;
  size: string | null;
  colour: string | null;
  label: string;
  stock: number;
  lowStockThreshold: number;
  /** "Sold out", "Only 2 left" or "In stock": the shop's own words (stockState). */
  stateLabel: string;
  soldOut: boolean;
  low: boolean;
  /** Its colour of its product has some sizes sold out and others in stock. */
  brokenSizeRun: boolean;
}

/** A product's colour whose size run has gaps: some sizes sold out while others of that colour are in stock. */
export interface BrokenSizeRun {
  productId: number;
  productName: string;
  colour: string | null;
  soldOutSizes: string[];
  inStockSizes: string[];
}

export interface ProductStock {
  productId: number;
  productName: string;
  productSlug: string;
  variants: StockRow[];
}

const LOW_STOCK_PER_PAGE = 25;
const FOUND_PRODUCTS = 20;

/**
 * What the stock screens read: the variants at or below their low-stock threshold, broken size runs,
 * one product's stock. Each is a fixed number of queries however large the catalog: the grouping and
 * the paging happen in SQL. The two lists across the shop are kept in the catalog cache: they change
 * only when a variant's stock crosses what the shop tells of it (In stock, Only N left, Sold out).
 * The low-stock list, which shows the counts, is tagged with the stock levels, dropped at any change
 * of a label; the broken size runs with the variants' availability, dropped when a variant sells out
 * or comes back (InventoryService.changeStock). Product edits start a new catalog generation.
 */
@Injectable()
export class StockReports {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: CatalogCache,
  ) {}

  /** Variants at or below their low-stock threshold (the sold-out ones first), a page at a time: three queries. */
  lowStock(requestedPage: number, perPage = LOW_STOCK_PER_PAGE): Promise<Page<StockRow>> {
    return this.cache.remember(cacheKey('lowStock', [requestedPage, perPage]), () => this.readLowStock(requestedPage, perPage), STOCK_LEVELS_TAG);
  }

  /** Every broken size run, or the first `limit` by product name, with how many there are in all: three queries. */
  brokenSizeRuns(limit?: number): Promise<{ runs: BrokenSizeRun[]; total: number }> {
    return this.cache.remember(cacheKey('brokenSizeRuns', [limit ?? null]), () => this.readBrokenSizeRuns(limit), VARIANT_AVAILABILITY_TAG);
  }

  private async readLowStock(requestedPage: number, perPage: number): Promise<Page<StockRow>> {
    const low = this.variantRows().where('v.stock <= v.lowStockThreshold');
    const total = await low.getCount();
    const page = clampedPage(requestedPage, total, perPage);
    const rows = await inStoreOrder(low.orderBy('v.stock', 'ASC').addOrderBy('p.name', 'ASC').addOrderBy('v.productId', 'ASC'))
      .offset((page - 1) * perPage)
      .limit(perPage)
      .getRawMany<RawStockRow>();
    return { items: await this.withBrokenRuns(rows), page, pages: pageCount(total, perPage), total };
  }

  private async readBrokenSizeRuns(limit?: number): Promise<{ runs: BrokenSizeRun[]; total: number }> {
    const groups = this.brokenGroups();
    const total = Number(
      (
        await this.dataSource
          .createQueryBuilder()
          .select('COUNT(*)', 'total')
          .from(`(${groups.getQuery()})`, 'runs')
          .setParameters(groups.getParameters())
          .getRawOne<{ total: number | string }>()
      )?.total ?? 0,
    );
    groups.orderBy('p.name', 'ASC').addOrderBy('v.productId', 'ASC').addOrderBy('v.colour', 'ASC');
    if (limit !== undefined) groups.limit(limit);
    const keys = (await groups.getRawMany<{ productId: number | string; colour: string | null; productName: string }>()).map((row) => ({
      productId: Number(row.productId),
      colour: row.colour ?? null,
      productName: row.productName,
    }));
    if (keys.length === 0) return { runs: [], total };
    const sizes = await inStoreOrder(this.variantRows())
      .where('v.productId IN (:...ids)', { ids: [...new Set(keys.map((key) => key.productId))] })
      .andWhere('v.size IS NOT NULL')
      .getRawMany<RawStockRow>();
    const runs = keys.map((key) => {
      const ofRun = sizes.filter((row) => Number(row.productId) === key.productId && (row.colour ?? null) === key.colour);
      return {
        ...key,
        soldOutSizes: ofRun.filter((row) => Number(row.stock) <= 0).map((row) => String(row.size)),
        inStockSizes: ofRun.filter((row) => Number(row.stock) > 0).map((row) => String(row.size)),
      };
    });
    return { runs, total };
  }

  /** Every variant of a product with its stock, in the store's order of colours and sizes: three queries. */
  async productStock(productId: number): Promise<ProductStock> {
    const product = await this.dataSource.manager.findOne(Product, { select: { id: true, name: true, slug: true }, where: { id: productId } });
    if (!product) throw new NotFoundError('That product');
    const rows = await inStoreOrder(this.variantRows().where('v.productId = :productId', { productId })).getRawMany<RawStockRow>();
    return { productId: product.id, productName: product.name, productSlug: product.slug, variants: await this.withBrokenRuns(rows) };
  }

  /** The product a variant belongs to. */
  async productIdOf(variantId: number): Promise<number> {
    const variant = await this.dataSource.manager.findOne(Variant, { select: { id: true, productId: true }, where: { id: variantId } });
    if (!variant) throw new NotFoundError('That variant');
    return variant.productId;
  }

  /** Products whose name or one of whose SKUs contains `search`, to open their stock page: one query. */
  async findProducts(search: string): Promise<{ id: number; name: string; variantCount: number; stock: number }[]> {
    const pattern = containsPattern(search.toLowerCase());
    const rows = await this.dataSource
      .createQueryBuilder(Product, 'p')
      .innerJoin(Variant, 'v', 'v.productId = p.id')
      .select(['p.id AS id', 'p.name AS name', 'COUNT(v.id) AS variantCount', 'SUM(v.stock) AS stock'])
      .where("LOWER(p.name) LIKE :pattern ESCAPE '!'", { pattern })
      .orWhere("p.id IN (SELECT s.productId FROM variant s WHERE LOWER(s.sku) LIKE :pattern ESCAPE '!')")
      .groupBy('p.id')
      .addGroupBy('p.name')
      .orderBy('p.name', 'ASC')
      .limit(FOUND_PRODUCTS)
      .getRawMany<{ id: number | string; name: string; variantCount: number | string; stock: number | string }>();
    return rows.map((row) => ({ id: Number(row.id), name: row.name, variantCount: Number(row.variantCount), stock: Number(row.stock) }));
  }

  /**
   * The rule of a broken size run, in SQL: the sized variants of one product's colour, grouped, where
   * at least one is sold out and at least one is not. A product without sizes never has one.
   */
  private brokenGroups(productIds?: number[]): SelectQueryBuilder<Variant> {
    const groups = this.dataSource
      .createQueryBuilder(Variant, 'v')
      .innerJoin(Product, 'p', 'p.id = v.productId')
      .select(['v.productId AS productId', 'v.colour AS colour', 'p.name AS productName'])
      .where('v.size IS NOT NULL')
      .groupBy('v.productId')
      .addGroupBy('v.colour')
      .addGroupBy('p.name')
      .having('SUM(CASE WHEN v.stock <= 0 THEN 1 ELSE 0 END) > 0')
      .andHaving('SUM(CASE WHEN v.stock > 0 THEN 1 ELSE 0 END) > 0');
    if (productIds) groups.andWhere('v.productId IN (:...productIds)', { productIds });
    return groups;
  }

  /** The rows as the screens show them, each flagged when its colour's size run is broken: one more query. */
  private async withBrokenRuns(rows: RawStockRow[]): Promise<StockRow[]> {
    const productIds = [...new Set(rows.map((row) => Number(row.productId)))];
    const broken = new Set(
      productIds.length === 0
        ? []
        : (await this.brokenGroups(productIds).getRawMany<{ productId: number | string; colour: string | null }>()).map((group) =>
            runKey(Number(group.productId), group.colour),
          ),
    );
    return rows.map((row) => {
      const stock = Number(row.stock);
      const lowStockThreshold = Number(row.lowStockThreshold);
      const variant = { size: row.size ?? null, colour: row.colour ?? null };
      return {
        variantId: Number(row.variantId),
        productId: Number(row.productId),
        productName: row.productName,
        sku: row.sku,
        ...variant,
        label: variantLabel(variant),
        stock,
        lowStockThreshold,
        stateLabel: stockState(stock, lowStockThreshold).label,
        soldOut: stock <= 0,
        low: stock <= lowStockThreshold,
        brokenSizeRun: variant.size !== null && broken.has(runKey(Number(row.productId), variant.colour)),
      };
    });
  }

  /** Variants with their product's name, and their colour's and size's places in the store's order. */
  private variantRows(): SelectQueryBuilder<Variant> {
    return this.dataSource
      .createQueryBuilder(Variant, 'v')
      .innerJoin(Product, 'p', 'p.id = v.productId')
      .leftJoin(OptionValue, 'os', 'os.option = :sizeOption AND os.value = v.size', { sizeOption: ProductOption.Size })
      .leftJoin(OptionValue, 'oc', 'oc.option = :colourOption AND oc.value = v.colour', { colourOption: ProductOption.Colour })
      .select(['v.id AS variantId', 'v.productId AS productId', 'p.name AS productName', 'v.sku AS sku', 'v.size AS size', 'v.colour AS colour'])
      .addSelect(['v.stock AS stock', 'v.lowStockThreshold AS lowStockThreshold']);
  }
}

/** Then by the store's order of colours and sizes (values it has no place for last), then the product's own order. */
function inStoreOrder(rows: SelectQueryBuilder<Variant>): SelectQueryBuilder<Variant> {
  return rows
    .addOrderBy('COALESCE(oc.position, 999999)', 'ASC')
    .addOrderBy('COALESCE(os.position, 999999)', 'ASC')
    .addOrderBy('v.position', 'ASC')
    .addOrderBy('v.id', 'ASC');
}

interface RawStockRow {
  variantId: number | string;
  productId: number | string;
  productName: string;
  sku: string;
  size: string | null;
  colour: string | null;
  stock: number | string;
  lowStockThreshold: number | string;
}

const runKey = (productId: number, colour: string | null) => `${productId}\u0000${colour ?? ''}`;
