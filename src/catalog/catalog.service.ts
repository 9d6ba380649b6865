import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { SoldOutError, VariantUnavailableError } from './catalog.errors.js';
import type { NewProduct, SitemapEntries, VariantSummary } from './catalog.types.js';
import { Category } from './entities/category.entity.js';
import { OptionValue, ProductOption } from './entities/option-value.entity.js';
import { ProductImage } from './entities/product-image.entity.js';
import { Product, ProductStatus } from './entities/product.entity.js';
import { StockMovement } from './entities/stock-movement.entity.js';
import { Variant } from './entities/variant.entity.js';
import { productSearchText } from './search-text.js';
import { StockReason } from './stock-reason.js';

@Injectable()
export class CatalogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    @InjectRepository(Category) private readonly categories: Repository<Category>,
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectRepository(Variant) private readonly variants: Repository<Variant>,
    @InjectRepository(ProductImage) private readonly images: Repository<ProductImage>,
  ) {}

  /** Everything the product page shows, or NotFoundError for an unknown or unpublished product. */
  async productPage(slug: string) {
    const product = await this.products.findOneBy({ slug, status: ProductStatus.Published });
    if (!product) throw new NotFoundError('That product');
    const [category, variants, images] = await Promise.all([
      this.categories.findOneBy({ id: product.categoryId }),
      this.variants.find({ where: { productId: product.id }, order: { position: 'ASC', id: 'ASC' } }),
      this.images.find({ where: { productId: product.id }, order: { position: 'ASC', id: 'ASC' } }),
    ]);
    const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];
    const sizes = unique(variants.map((v) => v.size));
    const colours = unique(variants.map((v) => v.colour));
    const prices = variants.map((v) => v.priceMinor);
    return {
      product,
      category,
      sizes: sizes.map((size) => ({ value: size, soldOut: variants.every((v) => v.size !== size || v.stock <= 0) })),
      colours: colours.map((colour) => ({ value: colour, soldOut: variants.every((v) => v.colour !== colour || v.stock <= 0) })),
      variants: variants.map((v) => ({
        id: v.id,
        sku: v.sku,
        size: v.size,
        colour: v.colour,
        label: variantLabel(v),
        priceMinor: v.priceMinor,
        stock: v.stock,
        soldOut: v.stock <= 0,
      })),
      images,
      priceMinor: Math.min(...prices),
      priceVaries: new Set(prices).size > 1,
      soldOut: variants.every((v) => v.stock <= 0),
    };
  }

  /** The variant a shopper picked by size and colour on the product page. */
  async pickVariant(productSlug: string, size: string | undefined, colour: string | undefined): Promise<Variant> {
    const product = await this.products.findOneBy({ slug: productSlug, status: ProductStatus.Published });
    if (!product) throw new NotFoundError('That product');
    const variants = await this.variants.findBy({ productId: product.id });
    const picked = variants.find((v) => (v.size ?? '') === (size ?? '') && (v.colour ?? '') === (colour ?? ''));
    if (!picked) throw new VariantUnavailableError();
    return picked;
  }

  /** Variants with their product's name, slug and picture, for the cart and checkout; one query. */
  async summarizeVariants(ids: number[], manager: EntityManager = this.dataSource.manager): Promise<Map<number, VariantSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await manager
      .createQueryBuilder(Variant, 'v')
      .innerJoin(Product, 'p', 'p.id = v.productId')
      .leftJoin(ProductImage, 'i', 'i.productId = v.productId AND i.position = 0')
      .select(['v.id AS variantId', 'v.productId AS productId', 'v.sku AS sku', 'v.size AS size', 'v.colour AS colour'])
      .addSelect(['v.priceMinor AS priceMinor', 'v.stock AS stock', 'p.slug AS productSlug', 'p.name AS productName', 'i.url AS imageUrl'])
      .where('v.id IN (:...ids)', { ids })
      .getRawMany<Record<string, unknown>>();
    return new Map(
      rows.map((row) => {
        const summary: VariantSummary = {
          variantId: Number(row.variantId),
          productId: Number(row.productId),
          productSlug: String(row.productSlug),
          productName: String(row.productName),
          sku: String(row.sku),
          label: variantLabel({ size: row.size as string | null, colour: row.colour as string | null }),
          priceMinor: Number(row.priceMinor),
          stock: Number(row.stock),
          imageUrl: (row.imageUrl as string | null) ?? null,
        };
        return [summary.variantId, summary];
      }),
    );
  }

  /**
   * The one way stock changes. Units leave only with a conditional update (never below zero, no
   * read-then-write race) and every change writes a ledger row, inside the caller's transaction.
   */
  async changeStock(manager: EntityManager, variantId: number, delta: number, reason: string, reference: string | null): Promise<void> {
    const update = manager
      .createQueryBuilder()
      .update(Variant)
      .set({ stock: () => 'stock + :delta' })
      .where('id = :variantId', { variantId, delta });
    if (delta < 0) update.andWhere('stock >= :needed', { needed: -delta });
    const result = await update.execute();
    if (result.affected !== 1) {
      const [summary] = (await this.summarizeVariants([variantId], manager)).values();
      const available = await currentStock(manager, variantId);
      throw new SoldOutError(variantId, summary ? `${summary.productName} (${summary.label})` : 'this item', available);
    }
    await manager.insert(StockMovement, { variantId, delta, reason, reference });
  }

  /** Sets the order (and colour swatches) of an option's values, adding the ones not yet known. */
  async defineOptionValues(option: ProductOption, values: { value: string; swatch?: string | null }[]): Promise<void> {
    await this.transactions.run(async (manager) => {
      for (const [position, { value, swatch }] of values.entries()) {
        const updated = await manager.update(OptionValue, { option, value }, { position, swatch: swatch ?? null });
        if (!updated.affected) await manager.insert(OptionValue, { option, value, position, swatch: swatch ?? null });
      }
    });
  }

  async createCategory(
    category: Pick<Category, 'slug' | 'name' | 'position'> & { description?: string; parentId?: number | null },
  ): Promise<Category> {
    const created = await this.categories.insert({ description: null, parentId: null, ...category });
    return this.categories.findOneByOrFail({ id: Number(created.identifiers[0].id) });
  }

  /** Creates a product with its variants and pictures in one transaction. */
  async createProduct(input: NewProduct): Promise<Product> {
    return this.transactions.run(async (manager) => {
      const inserted = await manager.insert(Product, {
        slug: input.slug,
        name: input.name,
        description: input.description,
        categoryId: input.categoryId,
        status: input.status ?? ProductStatus.Published,
        seoTitle: input.seoTitle ?? null,
        seoDescription: input.seoDescription ?? null,
        priceMinor: Math.min(...input.variants.map((v) => v.priceMinor)),
        searchText: await searchTextFor(manager, input),
        ...(input.createdAt ? { createdAt: input.createdAt } : {}),
      });
      const productId = Number(inserted.identifiers[0].id);
      await manager.insert(
        Variant,
        input.variants.map((variant, position) => ({ ...variant, stock: 0, productId, position })),
      );
      await addOptionValues(manager, ProductOption.Size, input.variants.map((v) => v.size));
      await addOptionValues(manager, ProductOption.Colour, input.variants.map((v) => v.colour));
      const created = await manager.findBy(Variant, { productId });
      for (const variant of created) {
        const stock = input.variants.find((v) => v.sku === variant.sku)?.stock ?? 0;
        if (stock > 0) await this.changeStock(manager, variant.id, stock, StockReason.Initial, null);
      }
      if (input.images.length > 0) {
        await manager.insert(
          ProductImage,
          input.images.map((image, position) => ({ ...image, productId, position })),
        );
      }
      return manager.findOneByOrFail(Product, { id: productId });
    });
  }

  /**
   * Counts units sold (a negative quantity for a cancellation) towards the "popular" sort, inside the
   * order's transaction. Products are updated in id order after every stock row, so two orders never
   * wait on each other's rows in opposite orders.
   */
  async recordSales(manager: EntityManager, lines: { variantId: number; quantity: number }[]): Promise<void> {
    if (lines.length === 0) return;
    const variants = await manager.find(Variant, { select: { id: true, productId: true }, where: { id: In(lines.map((l) => l.variantId)) } });
    const productOf = new Map(variants.map((v) => [v.id, v.productId]));
    const units = new Map<number, number>();
    for (const line of lines) {
      const productId = productOf.get(line.variantId);
      if (productId !== undefined) units.set(productId, (units.get(productId) ?? 0) + line.quantity);
    }
    for (const [productId, quantity] of [...units].sort(([a], [b]) => a - b)) {
      await manager
        .createQueryBuilder()
        .update(Product)
        .set({ unitsSold: () => 'unitsSold + :quantity' })
        .where('id = :productId', { productId, quantity })
        .execute();
    }
  }

  /**
   * Every category and published product for the sitemap, newest products first: one query per table,
   * each bounded so the sitemap stays one file (and one response) however large the catalog grows.
   */
  async sitemapEntries(maxUrls: number): Promise<SitemapEntries> {
    const categories = await this.categories.find({ select: { id: true, slug: true }, order: { position: 'ASC', id: 'ASC' }, take: maxUrls });
    const room = maxUrls - categories.length;
    const products =
      room > 0
        ? await this.products.find({
            select: { id: true, slug: true, createdAt: true, updatedAt: true },
            where: { status: ProductStatus.Published },
            order: { createdAt: 'DESC', id: 'DESC' },
            take: room,
          })
        : [];
    return {
      categories: categories.map((category) => ({ slug: category.slug })),
      products: products.map((product) => ({ slug: product.slug, lastModified: product.updatedAt ?? product.createdAt })),
    };
  }

  countProducts(): Promise<number> {
    return this.products.count();
  }

  async stockOf(variantId: number): Promise<number> {
    return (await this.variants.findOneByOrFail({ id: variantId })).stock;
  }

  async unitsSold(variantId: number): Promise<number> {
    const row = await this.dataSource
      .createQueryBuilder(StockMovement, 'm')
      .select('COALESCE(SUM(-m.delta), 0)', 'sold')
      .where('m.variantId = :variantId AND m.delta < 0', { variantId })
      .getRawOne<{ sold: number | string }>();
    return Number(row?.sold ?? 0);
  }
}

/**
 * Stock as last committed. On MySQL/MariaDB a plain read inside a transaction sees its repeatable-read
 * snapshot, which may predate the sale that emptied the shelf; a locking read sees the latest row.
 */
async function currentStock(manager: EntityManager, variantId: number): Promise<number> {
  const query = manager.createQueryBuilder(Variant, 'v').select('v.stock', 'stock').where('v.id = :variantId', { variantId });
  if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_read');
  return Number((await query.getRawOne<{ stock: number | string }>())?.stock ?? 0);
}

/**
 * Sizes and colours the store has not seen before join the end of their option's order; the owner (and
 * the demo seed, through defineOptionValues) decides the order of the rest.
 */
async function addOptionValues(manager: EntityManager, option: ProductOption, values: (string | null)[]): Promise<void> {
  const wanted = [...new Set(values.filter((v): v is string => Boolean(v)))];
  if (wanted.length === 0) return;
  const known = new Set((await manager.findBy(OptionValue, { option, value: In(wanted) })).map((v) => v.value));
  const missing = wanted.filter((value) => !known.has(value));
  if (missing.length === 0) return;
  const last = await manager.createQueryBuilder(OptionValue, 'o').select('MAX(o.position)', 'position').where('o.option = :option', { option }).getRawOne<{ position: number | null }>();
  const start = Number(last?.position ?? -1) + 1;
  await manager
    .createQueryBuilder()
    .insert()
    .into(OptionValue)
    .values(missing.map((value, i) => ({ option, value, position: start + i, swatch: null })))
    .orIgnore()
    .execute();
}

async function searchTextFor(manager: EntityManager, input: NewProduct): Promise<string> {
  const category = await manager.findOneBy(Category, { id: input.categoryId });
  const parent = category?.parentId ? await manager.findOneBy(Category, { id: category.parentId }) : null;
  return productSearchText({ ...input, categoryNames: [category?.name, parent?.name], colours: input.variants.map((v) => v.colour) });
}

export function variantLabel(variant: { size: string | null; colour: string | null }): string {
  return [variant.size, variant.colour].filter(Boolean).join(' / ') || 'One size';
}
