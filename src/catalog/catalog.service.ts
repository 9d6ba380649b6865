import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Not, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { lockRow } from '../database/row-lock.js';
import { Transactions } from '../database/transactions.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { OrderLine } from '../orders/entities/order-line.entity.js';
import {
  InvalidProductNameError,
  InvalidProductSlugError,
  ProductMovedError,
  ProductSlugTakenError,
  SoldOutError,
  VariantUnavailableError,
} from './catalog.errors.js';
import type { NewProduct, SitemapEntries, VariantSummary } from './catalog.types.js';
import { Category } from './entities/category.entity.js';
import { OptionValue, ProductOption } from './entities/option-value.entity.js';
import { ProductImage } from './entities/product-image.entity.js';
import { ProductSlugRedirect } from './entities/product-slug-redirect.entity.js';
import { Product, ProductStatus } from './entities/product.entity.js';
import { StockMovement } from './entities/stock-movement.entity.js';
import { Variant } from './entities/variant.entity.js';
import { CatalogCache } from './cache/catalog-cache.js';
import { ancestorsOf } from './facets.js';
import { ProductListingService } from './product-listing.service.js';
import {
  breadcrumbsFor,
  firstDistinct,
  type ProductChoice,
  type ProductDetail,
  productDetailFor,
  type ProductFacts,
  type ProductPage,
  productPageFor,
  RELATED_PRODUCTS,
  stockState,
  variantLabel,
  type VariantRow,
} from './product-page.js';
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
    @InjectRepository(ProductSlugRedirect) private readonly redirects: Repository<ProductSlugRedirect>,
    private readonly listings: ProductListingService,
    private readonly cache: CatalogCache,
  ) {}

  /**
   * Registered by every catalog write with Transactions.afterCommit: cached pages are dropped once the
   * write commits, and once per transaction however many writes it makes (it is one function).
   */
  private readonly catalogChanged = () => this.cache.invalidate();

  /** `work` inside the caller's transaction, so it commits or rolls back with the rest; else in one of its own. */
  private within<T>(transaction: EntityManager | undefined, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return transaction ? work(transaction) : this.transactions.run(work);
  }

  /** Everything the product page shows, for the colour asked for (or the first in stock): see productFacts. */
  async productPage(slug: string, choice: ProductChoice = {}): Promise<ProductPage> {
    return productPageFor(await this.productFacts(slug), choice);
  }

  /**
   * What the product page is built from, whatever the shopper chooses. A fixed number of queries
   * whatever the catalog holds: the product; then its categories, variants (with the store's order of
   * their options), pictures and newest neighbours together; "bought together" only when the category
   * has too few neighbours; and the related cards. NotFoundError for an unknown or unpublished
   * product, ProductMovedError for a slug the product used to have (or its own in other capitals).
   */
  async productFacts(slug: string): Promise<ProductFacts> {
    const product = await this.publishedProduct(slug);
    const [categories, rows, images, neighbours] = await Promise.all([
      this.categories.find({ order: { id: 'ASC' } }),
      this.variantRows(product.id),
      this.imagesOf(product.id),
      this.newestInCategory(product),
    ]);
    const together = neighbours.length < RELATED_PRODUCTS ? await this.boughtTogether(product.id, neighbours) : [];
    const related = await this.listings.cards(firstDistinct([...neighbours, ...together], RELATED_PRODUCTS));
    return {
      product,
      category: categories.find((c) => c.id === product.categoryId) ?? null,
      breadcrumbs: breadcrumbsFor(categories, product.categoryId),
      rows,
      images,
      related,
    };
  }

  /** The product as the JSON API shows it: what productPage knows without the page's extras; four queries. */
  async productDetail(slug: string): Promise<ProductDetail> {
    return productDetailFor(await this.productFacts(slug));
  }

  /** The variant a shopper picked by size and colour on the product page. */
  async pickVariant(productSlug: string, size: string | undefined, colour: string | undefined): Promise<Variant> {
    const product = await this.publishedProduct(productSlug).catch(async (error: unknown) => {
      // A page opened before the product was renamed still posts its old slug: the shopper meant this product.
      if (error instanceof ProductMovedError) return this.publishedProduct(error.currentSlug);
      throw error;
    });
    const variants = await this.variants.findBy({ productId: product.id });
    const picked = variants.find((v) => (v.size ?? '') === (size ?? '') && (v.colour ?? '') === (colour ?? ''));
    if (!picked) throw new VariantUnavailableError();
    return picked;
  }

  /**
   * Gives a product a new address (and, optionally, a new name) in one transaction. The old slug keeps
   * working as a 301; taking back one of the product's own old slugs drops that redirect, so no slug is
   * ever both a page and a redirect. A slug another product has, or had, is refused (claimSlug).
   */
  async renameProduct(productId: number, newSlug: string, newName?: string): Promise<Product> {
    const slug = newSlug.trim();
    const name = newName?.trim();
    if (name !== undefined && (name.length === 0 || name.length > 160)) throw new InvalidProductNameError();
    try {
      return await this.transactions.run(async (manager) => {
        await this.transactions.afterCommit(manager, this.catalogChanged);
        const product = await lockRow(manager, Product, productId);
        if (!product) throw new NotFoundError('That product');
        // Claimed after the lock, so on MariaDB its reads see what a rename of this product that just committed wrote.
        const ownRedirect = await claimSlug(manager, slug, productId);
        if (slug !== product.slug) {
          if (ownRedirect) await manager.delete(ProductSlugRedirect, { id: ownRedirect.id });
          // Only a database written before createProduct called claimSlug can hold another product's
          // redirect under this product's slug; that redirect was already hidden behind this page.
          await manager.delete(ProductSlugRedirect, { slug: product.slug });
          await manager.insert(ProductSlugRedirect, { slug: product.slug, productId });
        }
        const changes: Partial<Product> = { slug, updatedAt: new Date() };
        if (name !== undefined && name !== product.name) {
          const colours = await manager.find(Variant, { select: { id: true, colour: true }, where: { productId } });
          changes.name = name;
          changes.searchText = await searchTextFor(manager, { name, description: product.description, categoryId: product.categoryId, variants: colours });
        }
        await manager.update(Product, { id: productId }, changes);
        return manager.findOneByOrFail(Product, { id: productId });
      });
    } catch (error) {
      // Two owners renaming two products to one slug at the same moment: the unique index decides.
      if (isUniqueViolation(error)) throw new ProductSlugTakenError(slug);
      throw error;
    }
  }

  /**
   * A published product by its slug. An old slug of a published product, or its slug spelled in other
   * capitals, throws ProductMovedError with the current one: slugs are lower-case (isProductSlug), and
   * MariaDB's case-insensitive collation would otherwise answer /products/RESHAM-KURTA as a second copy
   * of the page (cached apart) where SQLite answers 404; both now send it to the one address.
   */
  private async publishedProduct(requested: string): Promise<Product> {
    const slug = requested.toLowerCase();
    const product = await this.products.findOneBy({ slug, status: ProductStatus.Published });
    // Compared with what was asked, not with `slug`: MariaDB's collation also matches a trailing space or an accent.
    if (product && product.slug !== requested) throw new ProductMovedError(product.slug);
    if (product) return product;
    // Only a miss pays for this lookup. Redirects point at the product, never at another slug, so a chain
    // of renames (a → b → c) sends a straight to c.
    const moved = await this.redirects
      .createQueryBuilder('r')
      .innerJoin(Product, 'p', 'p.id = r.productId')
      .select('p.slug', 'slug')
      .where('r.slug = :slug', { slug })
      .andWhere('p.status = :published', { published: ProductStatus.Published })
      .getRawOne<{ slug: string }>();
    if (moved && moved.slug !== requested) throw new ProductMovedError(moved.slug);
    throw new NotFoundError('That product');
  }

  /** A product's variants in their order, with their size's and colour's place in the store's order and the colour's swatch: one query. */
  private async variantRows(productId: number): Promise<VariantRow[]> {
    const rows = await this.variants
      .createQueryBuilder('v')
      .leftJoin(OptionValue, 'os', 'os.option = :sizeOption AND os.value = v.size', { sizeOption: ProductOption.Size })
      .leftJoin(OptionValue, 'oc', 'oc.option = :colourOption AND oc.value = v.colour', { colourOption: ProductOption.Colour })
      .select(['v.id AS id', 'v.sku AS sku', 'v.size AS size', 'v.colour AS colour', 'v.priceMinor AS priceMinor', 'v.compareAtPriceMinor AS compareAtPriceMinor'])
      .addSelect(['v.stock AS stock', 'v.lowStockThreshold AS lowStockThreshold', 'os.position AS sizePosition', 'oc.position AS colourPosition', 'oc.swatch AS swatch'])
      .where('v.productId = :productId', { productId })
      .orderBy('v.position', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .getRawMany<Record<string, unknown>>();
    const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));
    return rows.map((row) => ({
      id: Number(row.id),
      sku: String(row.sku),
      size: (row.size as string | null) ?? null,
      colour: (row.colour as string | null) ?? null,
      priceMinor: Number(row.priceMinor),
      compareAtPriceMinor: numberOrNull(row.compareAtPriceMinor),
      stock: Number(row.stock),
      lowStockThreshold: Number(row.lowStockThreshold),
      sizePosition: numberOrNull(row.sizePosition),
      colourPosition: numberOrNull(row.colourPosition),
      swatch: (row.swatch as string | null) ?? null,
    }));
  }

  private imagesOf(productId: number): Promise<ProductImage[]> {
    return this.images.find({ where: { productId }, order: { position: 'ASC', id: 'ASC' } });
  }

  /** The newest other published products of the same category (on the category/status/createdAt index). */
  private async newestInCategory(product: Product): Promise<number[]> {
    const rows = await this.products.find({
      select: { id: true },
      where: { categoryId: product.categoryId, status: ProductStatus.Published, id: Not(product.id) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: RELATED_PRODUCTS,
    });
    return rows.map((row) => row.id);
  }

  /**
   * Published products that shoppers bought in the same orders as this one, the most often first. Order
   * lines belong to the orders module, which depends on this one; reading them here (read-only, one
   * query) avoids a cycle between the two services.
   */
  private async boughtTogether(productId: number, exclude: number[]): Promise<number[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('theirs.productId', 'productId')
      .addSelect('COUNT(DISTINCT line.orderId)', 'orders')
      .from(OrderLine, 'line')
      .innerJoin(Variant, 'mine', 'mine.id = line.variantId')
      .innerJoin(OrderLine, 'other', 'other.orderId = line.orderId')
      .innerJoin(Variant, 'theirs', 'theirs.id = other.variantId')
      .innerJoin(Product, 'p', 'p.id = theirs.productId')
      .where('mine.productId = :productId', { productId })
      .andWhere('theirs.productId NOT IN (:...exclude)', { exclude: [productId, ...exclude] })
      .andWhere('p.status = :published', { published: ProductStatus.Published })
      .groupBy('theirs.productId')
      .orderBy('orders', 'DESC')
      .addOrderBy('theirs.productId', 'DESC')
      .limit(RELATED_PRODUCTS)
      .getRawMany<{ productId: number | string }>();
    return rows.map((row) => Number(row.productId));
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
    // Pages tell stock only through stockState ("In stock", "Only 2 left", "Sold out"): cached pages are
    // dropped when a change alters what they tell, so on a busy day sales from plentiful stock leave
    // the cache warm while "Sold out" still shows at once. One primary-key read per changed variant.
    const after = await manager.findOneOrFail(Variant, { select: { stock: true, lowStockThreshold: true }, where: { id: variantId } });
    if (stockState(after.stock, after.lowStockThreshold).label !== stockState(after.stock - delta, after.lowStockThreshold).label) {
      await this.transactions.afterCommit(manager, this.catalogChanged);
    }
  }

  /** Sets the order (and colour swatches) of an option's values, adding the ones not yet known. */
  async defineOptionValues(option: ProductOption, values: { value: string; swatch?: string | null }[], transaction?: EntityManager): Promise<void> {
    await this.within(transaction, async (manager) => {
      await this.transactions.afterCommit(manager, this.catalogChanged);
      for (const [position, { value, swatch }] of values.entries()) {
        const updated = await manager.update(OptionValue, { option, value }, { position, swatch: swatch ?? null });
        if (!updated.affected) await manager.insert(OptionValue, { option, value, position, swatch: swatch ?? null });
      }
    });
  }

  async createCategory(
    category: Pick<Category, 'slug' | 'name' | 'position'> & { description?: string; parentId?: number | null },
    transaction?: EntityManager,
  ): Promise<Category> {
    return this.within(transaction, async (manager) => {
      await this.transactions.afterCommit(manager, this.catalogChanged);
      const created = await manager.insert(Category, { description: null, parentId: null, ...category });
      return manager.findOneByOrFail(Category, { id: Number(created.identifiers[0].id) });
    });
  }

  /**
   * Creates a product with its variants and pictures in one transaction (the caller's, when it passes
   * one). Its slug must be free now and before (claimSlug), or it would take over another product's 301.
   */
  async createProduct(input: NewProduct, transaction?: EntityManager): Promise<Product> {
    return this.within(transaction, async (manager) => {
      await claimSlug(manager, input.slug, null);
      await this.transactions.afterCommit(manager, this.catalogChanged);
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
   * order's transaction. It drops no cached page: the "popular" order may lag by the cache's lifetime
   * (a minute), which no shopper can tell, while dropping every page at every sale would not be. Products are updated in id order after every stock row, so two orders never
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

/** Lowercase letters (of any script), digits and single hyphens between them: no spaces, slashes or dots in an address. */
const PRODUCT_SLUG = /^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u;

/**
 * Also unchanged by lower-casing: a few numerals (Roman Ⅻ) are upper-case, and publishedProduct finds
 * a product by its lower-cased address, so such a slug could never be reached.
 */
function isProductSlug(slug: string): boolean {
  return PRODUCT_SLUG.test(slug) && slug === slug.toLowerCase() && slug.length <= 160;
}

/**
 * The one check of a slug a product is to have: well-formed (isProductSlug), and neither the current
 * slug nor an old one of any other product, so every link and redirect keeps leading where it leads.
 * Returns the redirect when the slug is one of `productId`'s own old ones, for the caller to drop.
 */
async function claimSlug(manager: EntityManager, slug: string, productId: number | null): Promise<ProductSlugRedirect | null> {
  if (!isProductSlug(slug)) throw new InvalidProductSlugError(slug);
  const [owner, redirect] = await Promise.all([manager.findOneBy(Product, { slug }), manager.findOneBy(ProductSlugRedirect, { slug })]);
  if ((owner && owner.id !== productId) || (redirect && redirect.productId !== productId)) throw new ProductSlugTakenError(slug);
  return redirect;
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

/** A product is found by the names of its category and of every category above it, however deep the tree. */
async function searchTextFor(
  manager: EntityManager,
  input: Pick<NewProduct, 'name' | 'description' | 'categoryId'> & { variants: { colour: string | null }[] },
): Promise<string> {
  const categories = await manager.find(Category, { select: { id: true, name: true, parentId: true } });
  const category = categories.find((c) => c.id === input.categoryId);
  const chain = category ? [category, ...ancestorsOf(categories, category).reverse()] : [];
  return productSearchText({ ...input, categoryNames: chain.map((c) => c.name), colours: input.variants.map((v) => v.colour) });
}
