import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Repository, type SelectQueryBuilder } from 'typeorm';
import { VariantUnavailableError } from './catalog.errors.js';
import type { VariantSummary } from './catalog.types.js';
import { ProductImage } from './entities/product-image.entity.js';
import { Product, ProductStatus } from './entities/product.entity.js';
import { Variant } from './entities/variant.entity.js';
import { variantLabel } from './product-page.js';
import { ProductSlugs } from './product-slugs.js';

/** Variants as the cart and checkout know them: picked by size and colour, summarised with their product. */
@Injectable()
export class VariantLookups {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Variant) private readonly variants: Repository<Variant>,
    private readonly slugs: ProductSlugs,
  ) {}

  /** The variant a shopper picked by size and colour on the product page (or on a page opened before a rename). */
  async pickVariant(productSlug: string, size: string | undefined, colour: string | undefined): Promise<Variant> {
    const product = await this.slugs.publishedFollowingMoves(productSlug);
    const variants = await this.variants.findBy({ productId: product.id });
    const picked = variants.find((v) => (v.size ?? '') === (size ?? '') && (v.colour ?? '') === (colour ?? ''));
    if (!picked) throw new VariantUnavailableError();
    return picked;
  }

  /**
   * Every variant of the products these variants belong to (the sizes and colours a customer may
   * exchange for), summarised as summarizeWithin does, by product id. Two queries.
   */
  async siblingsOf(variantIds: number[]): Promise<Map<number, VariantSummary[]>> {
    if (variantIds.length === 0) return new Map();
    const products = [...new Set((await this.variants.find({ select: { productId: true }, where: { id: In(variantIds) } })).map((v) => v.productId))];
    const all = await this.variants.find({ select: { id: true }, where: { productId: In(products) }, order: { position: 'ASC', id: 'ASC' } });
    const summaries = await this.summarize(all.map((v) => v.id));
    const byProduct = new Map<number, VariantSummary[]>();
    for (const { id } of all) {
      const summary = summaries.get(id);
      if (summary) byProduct.set(summary.productId, [...(byProduct.get(summary.productId) ?? []), summary]);
    }
    return byProduct;
  }

  /** summarizeWithin, read outside any transaction (a cart page, say). */
  summarize(ids: number[]): Promise<Map<number, VariantSummary>> {
    return this.summarizeWithin(this.dataSource.manager, ids);
  }

  /**
   * Variants with their product's name, slug and the picture of the variant's colour (the product's
   * first picture when that colour has none), read in `manager`'s transaction: one query.
   */
  async summarizeWithin(manager: EntityManager, ids: number[]): Promise<Map<number, VariantSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await this.summaryQuery(manager).where('v.id IN (:...ids)', { ids }).getRawMany<Record<string, unknown>>();
    return new Map(rows.map((row) => [Number(row.variantId), summaryOf(row)]));
  }

  /**
   * The query summarizeWithin runs, without its condition: a caller may join its own rows to the
   * variants (a cart's lines, say), add their columns and read each row's summary with summaryOf.
   */
  summaryQuery(manager: EntityManager): SelectQueryBuilder<Variant> {
    return (
      manager
        .createQueryBuilder(Variant, 'v')
        .innerJoin(Product, 'p', 'p.id = v.productId')
        // The colour's first picture, else the product's first: a scalar subquery, which both drivers run per row on the (productId, position) index.
        .leftJoin(
          ProductImage,
          'i',
          `i.id = (SELECT pick.id FROM product_image pick WHERE pick.productId = v.productId
                 ORDER BY CASE WHEN pick.colour = v.colour THEN 0 ELSE 1 END, pick.position, pick.id LIMIT 1)`,
        )
        .select(['v.id AS variantId', 'v.productId AS productId', 'v.sku AS sku', 'v.size AS size', 'v.colour AS colour'])
        .addSelect([
          'v.priceMinor AS priceMinor',
          'v.stock AS stock',
          'p.slug AS productSlug',
          'p.name AS productName',
          'p.categoryId AS categoryId',
          'p.status AS status',
          'i.url AS imageUrl',
        ])
    );
  }
}

/** A row of VariantLookups.summaryQuery as a VariantSummary. */
export function summaryOf(row: Record<string, unknown>): VariantSummary {
  return {
    variantId: Number(row.variantId),
    productId: Number(row.productId),
    productSlug: String(row.productSlug),
    productName: String(row.productName),
    categoryId: Number(row.categoryId),
    sku: String(row.sku),
    label: variantLabel({ size: row.size as string | null, colour: row.colour as string | null }),
    priceMinor: Number(row.priceMinor),
    stock: Number(row.stock),
    imageUrl: (row.imageUrl as string | null) ?? null,
    available: row.status === ProductStatus.Published,
  };
}
