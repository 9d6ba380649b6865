import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { lockRow } from '../database/dialect.js';
import { Transactions } from '../database/transactions.js';
import { CatalogCache } from './cache/catalog-cache.js';
import { InvalidProductNameError, ProductSlugTakenError } from './catalog.errors.js';
import type { NewProduct } from './catalog.types.js';
import { Category } from './entities/category.entity.js';
import { OptionValue, ProductOption } from './entities/option-value.entity.js';
import { ProductImage } from './entities/product-image.entity.js';
import { Product, ProductStatus } from './entities/product.entity.js';
import { Variant } from './entities/variant.entity.js';
import { ancestorsOf } from './facets.js';
import { InventoryService } from './inventory.service.js';
import { claimSlug, moveSlug } from './product-slugs.js';
import { productSearchText } from './search-text.js';
import { StockReason } from './stock-reason.js';

/**
 * The catalog's writes: products, categories and the store's options (sizes, colours). Each opens its
 * own transaction, or joins the caller's through its `…Within(manager, …)` form; every one drops the
 * cached pages once it commits. Stock goes through InventoryService, never here.
 */
@Injectable()
export class CatalogEditor {
  constructor(
    private readonly transactions: Transactions,
    private readonly cache: CatalogCache,
    private readonly inventory: InventoryService,
  ) {}

  async countProducts(): Promise<number> {
    return this.transactions.repository(Product).count();
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
        await this.transactions.afterCommit(manager, this.cache.catalogChanged);
        const product = await lockRow(manager, Product, productId);
        if (!product) throw new NotFoundError('That product');
        // Claimed after the lock, so on MariaDB its reads see what a rename of this product that just committed wrote.
        const ownRedirect = await claimSlug(manager, slug, productId);
        await moveSlug(manager, productId, { oldSlug: product.slug, newSlug: slug, ownRedirect });
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

  /** Sets the order (and colour swatches) of an option's values, adding the ones not yet known. */
  defineOptionValues(option: ProductOption, values: OptionValueInput[]): Promise<void> {
    return this.transactions.run((manager) => this.defineOptionValuesWithin(manager, option, values));
  }

  async defineOptionValuesWithin(manager: EntityManager, option: ProductOption, values: OptionValueInput[]): Promise<void> {
    await this.transactions.afterCommit(manager, this.cache.catalogChanged);
    for (const [position, { value, swatch }] of values.entries()) {
      const updated = await manager.update(OptionValue, { option, value }, { position, swatch: swatch ?? null });
      if (!updated.affected) await manager.insert(OptionValue, { option, value, position, swatch: swatch ?? null });
    }
  }

  createCategory(category: NewCategory): Promise<Category> {
    return this.transactions.run((manager) => this.createCategoryWithin(manager, category));
  }

  async createCategoryWithin(manager: EntityManager, category: NewCategory): Promise<Category> {
    await this.transactions.afterCommit(manager, this.cache.catalogChanged);
    const created = await manager.insert(Category, { description: null, parentId: null, ...category });
    return manager.findOneByOrFail(Category, { id: Number(created.identifiers[0].id) });
  }

  /**
   * Creates a product with its variants and pictures in one transaction. Its slug must be free now and
   * before (claimSlug), or it would take over another product's 301. Stock arrives through the
   * inventory, so the ledger starts with it.
   */
  createProduct(input: NewProduct): Promise<Product> {
    return this.transactions.run((manager) => this.createProductWithin(manager, input));
  }

  async createProductWithin(manager: EntityManager, input: NewProduct): Promise<Product> {
    await claimSlug(manager, input.slug, null);
    await this.transactions.afterCommit(manager, this.cache.catalogChanged);
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
    await addVariantOptions(manager, input.variants);
    const created = await manager.findBy(Variant, { productId });
    for (const variant of created) {
      const stock = input.variants.find((v) => v.sku === variant.sku)?.stock ?? 0;
      if (stock > 0) await this.inventory.changeStock(manager, variant.id, stock, StockReason.Initial, null);
    }
    if (input.images.length > 0) {
      await manager.insert(
        ProductImage,
        input.images.map((image, position) => ({ ...image, productId, position })),
      );
    }
    return manager.findOneByOrFail(Product, { id: productId });
  }
}

export interface OptionValueInput {
  value: string;
  swatch?: string | null;
}

export type NewCategory = Pick<Category, 'slug' | 'name' | 'position'> & { description?: string; parentId?: number | null };

/** The sizes and colours of these variants that the store has not seen before join the end of their orders. */
export async function addVariantOptions(manager: EntityManager, variants: { size: string | null; colour: string | null }[]): Promise<void> {
  await addOptionValues(
    manager,
    ProductOption.Size,
    variants.map((v) => v.size),
  );
  await addOptionValues(
    manager,
    ProductOption.Colour,
    variants.map((v) => v.colour),
  );
}

/**
 * Sizes and colours the store has not seen before join the end of their option's order; the owner (and
 * the demo seed, through defineOptionValues) decides the order of the rest.
 */
export async function addOptionValues(manager: EntityManager, option: ProductOption, values: (string | null)[]): Promise<void> {
  const wanted = [...new Set(values.filter((v): v is string => Boolean(v)))];
  if (wanted.length === 0) return;
  const known = new Set((await manager.findBy(OptionValue, { option, value: In(wanted) })).map((v) => v.value));
  const missing = wanted.filter((value) => !known.has(value));
  if (missing.length === 0) return;
  const last = await manager
    .createQueryBuilder(OptionValue, 'o')
    .select('MAX(o.position)', 'position')
    .where('o.option = :option', { option })
    .getRawOne<{ position: number | null }>();
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
export async function searchTextFor(
  manager: EntityManager,
  input: Pick<NewProduct, 'name' | 'description' | 'categoryId'> & { variants: { colour: string | null }[] },
): Promise<string> {
  const categories = await manager.find(Category, { select: { id: true, name: true, parentId: true } });
  const category = categories.find((c) => c.id === input.categoryId);
  const chain = category ? [category, ...ancestorsOf(categories, category).reverse()] : [];
  return productSearchText({ ...input, categoryNames: chain.map((c) => c.name), colours: input.variants.map((v) => v.colour) });
}
