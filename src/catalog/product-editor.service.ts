import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { Actor } from '../audit/actor.js';
import { AuditTrail, changedFields } from '../audit/audit-trail.service.js';
import { NotFoundError } from '../common/errors.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { lockingRows, lockRow } from '../database/dialect.js';
import { Transactions } from '../database/transactions.js';
import { CatalogCache } from './cache/catalog-cache.js';
import { addOptionValues, addVariantOptions, searchTextFor } from './catalog-editor.service.js';
import { InvalidProductSlugError, OptionValueInvalidError, ProductInvalidError, ProductSlugTakenError } from './catalog.errors.js';
import { Category } from './entities/category.entity.js';
import { OptionValue, ProductOption } from './entities/option-value.entity.js';
import { ProductImage } from './entities/product-image.entity.js';
import { Product, ProductStatus } from './entities/product.entity.js';
import { StockMovement } from './entities/stock-movement.entity.js';
import { Variant } from './entities/variant.entity.js';
import { InventoryService } from './inventory.service.js';
import { cellKey, fieldErrorsOf, type ProductFieldError, type ProductInput, publishingProblems, type VariantInput } from './product-input.js';
import { variantLabel } from './product-page.js';
import { claimSlug, moveSlug } from './product-slugs.js';
import { StockReason } from './stock-reason.js';

/** A product as it stands, its variants locked for the save (see lockedProduct). */
interface Current {
  product: Product;
  variants: Variant[];
}

/**
 * The owner's writes of a product with its variants: the editor's grid saves through saveProduct, and a
 * CSV import can save each row's product through saveProductWithin in its own batch's transaction. One
 * transaction, every rule checked first (ProductInvalidError lists each broken one, with its cell, and
 * nothing is written), every write audited, and the catalog cache dropped once it commits.
 */
@Injectable()
export class ProductEditor {
  constructor(
    private readonly transactions: Transactions,
    private readonly cache: CatalogCache,
    private readonly inventory: InventoryService,
    private readonly audit: AuditTrail,
  ) {}

  async saveProduct(input: ProductInput, actor: Actor): Promise<Product> {
    try {
      return await this.transactions.run((manager) => this.saveProductWithin(manager, input, actor));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Two saves took one SKU or address at the same moment and the unique index chose the other: the
      // rules, asked again now that it has committed, name the cell; this save wrote nothing.
      const errors = await this.transactions.run(async (manager) => this.databaseErrors(manager, input, await this.lockedProduct(manager, input.id)));
      throw new ProductInvalidError(
        errors.length > 0 ? errors : [{ field: 'variants', message: 'Another save changed this product at the same moment. Please try again.' }],
      );
    }
  }

  /**
   * Creates (no `input.id`) or changes a product and its variants in `manager`'s transaction: variants
   * the input leaves out are removed, stock moves through the inventory's ledger, the lowest price and
   * the search words are kept with the product. Throws ProductInvalidError, NotFoundError for an unknown
   * id; a unique-index violation (a race for a SKU) is the caller's to roll back.
   */
  async saveProductWithin(manager: EntityManager, input: ProductInput, actor: Actor): Promise<Product> {
    await this.transactions.afterCommit(manager, this.cache.catalogChanged);
    const current = await this.lockedProduct(manager, input.id);
    const errors = [...fieldErrorsOf(input), ...(await this.databaseErrors(manager, input, current))];
    if (errors.length > 0) throw new ProductInvalidError(errors);

    const fields = {
      name: input.name,
      slug: input.slug,
      description: input.description,
      categoryId: input.categoryId,
      status: input.status,
      seoTitle: input.seoTitle || null,
      seoDescription: input.seoDescription || null,
    };
    const derived = { priceMinor: lowestPrice(input.variants), searchText: await searchTextFor(manager, input) };
    let productId: number;
    let changed = false;
    if (!current) {
      productId = Number((await manager.insert(Product, { ...fields, ...derived })).identifiers[0].id);
      await this.audit.record(manager, actor, { action: 'product.created', subject: { type: 'product', id: productId }, after: fields });
    } else {
      productId = current.product.id;
      const change = changedFields(ownFields(current.product), fields);
      if (Object.keys(change.after).length > 0) {
        changed = true;
        if (input.slug !== current.product.slug) {
          const ownRedirect = await claimSlug(manager, input.slug, productId);
          await moveSlug(manager, productId, { oldSlug: current.product.slug, newSlug: input.slug, ownRedirect });
        }
        await this.audit.record(manager, actor, { action: 'product.updated', subject: { type: 'product', id: productId }, ...change });
      }
    }
    changed = (await this.writeVariants(manager, productId, input.variants, current?.variants ?? [], actor)) || changed;
    if (current) await manager.update(Product, { id: productId }, { ...fields, ...derived, ...(changed ? { updatedAt: new Date() } : {}) });
    await addVariantOptions(manager, input.variants);
    return manager.findOneByOrFail(Product, { id: productId });
  }

  /**
   * Adds a size or colour (with its swatch) to the end of the store's order, for every product to use.
   * A value the store has in other capitals is that value: MariaDB would take them for one, SQLite not.
   */
  async addOptionValue(option: ProductOption, text: string, swatch: string | null, actor: Actor): Promise<{ value: string; added: boolean }> {
    const value = text.trim().replace(/\s+/g, ' ');
    const what = option === ProductOption.Size ? 'A size' : 'A colour';
    if (value.length === 0 || value.length > 40) throw new OptionValueInvalidError(option, `${what} needs 1 to 40 characters.`);
    if (swatch !== null && !/^#[0-9a-f]{6}$/i.test(swatch)) throw new OptionValueInvalidError(option, 'A swatch is a colour such as #1d3557.');
    return this.transactions.run(async (manager) => {
      const known = (await manager.findBy(OptionValue, { option })).find((o) => o.value.toLowerCase() === value.toLowerCase());
      if (known) return { value: known.value, added: false };
      await this.transactions.afterCommit(manager, this.cache.catalogChanged);
      await addOptionValues(manager, option, [value]);
      if (swatch !== null) await manager.update(OptionValue, { option, value }, { swatch: swatch.toLowerCase() });
      const after = { option, value, ...(swatch === null ? {} : { swatch: swatch.toLowerCase() }) };
      await this.audit.record(manager, actor, { action: 'option_value.added', subject: { type: 'option_value', id: `${option}:${value}` }, after });
      return { value, added: true };
    });
  }

  /**
   * The product with its variants, locked in the order an order takes them (variants, then the
   * product), so a save and a sale of the same product wait for each other instead of deadlocking.
   */
  private async lockedProduct(manager: EntityManager, id: number | undefined): Promise<Current | null> {
    if (id === undefined) return null;
    const variants = await lockingRows(manager.createQueryBuilder(Variant, 'v').where('v.productId = :id', { id }).orderBy('v.id', 'ASC')).getMany();
    const product = await lockRow(manager, Product, id);
    if (!product) throw new NotFoundError('That product');
    return { product, variants: variants.sort((a, b) => a.position - b.position || a.id - b.id) };
  }

  /** The rules the database answers: the category, SKUs and address of other products, variants sold, stock sold meanwhile, publishing. */
  private async databaseErrors(manager: EntityManager, input: ProductInput, current: Current | null): Promise<ProductFieldError[]> {
    const errors: ProductFieldError[] = [];
    const productId = current?.product.id ?? null;
    if (Number.isInteger(input.categoryId) && !(await manager.existsBy(Category, { id: input.categoryId }))) {
      errors.push({ field: 'categoryId', message: 'That category no longer exists. Please choose another.' });
    }

    const skus = input.variants.map((v) => v.sku).filter(Boolean);
    const taken = skus.length
      ? await manager
          .createQueryBuilder(Variant, 'v')
          .innerJoin(Product, 'p', 'p.id = v.productId')
          .select(['v.sku AS sku', 'p.name AS name'])
          .where('v.sku IN (:...skus)', { skus })
          .andWhere(productId === null ? '1 = 1' : 'v.productId <> :productId', { productId })
          .getRawMany<{ sku: string; name: string }>()
      : [];
    input.variants.forEach((variant, i) => {
      const other = taken.find((row) => row.sku.toUpperCase() === variant.sku.toUpperCase());
      if (other) errors.push({ field: 'sku', variant: i, message: `The SKU ${variant.sku} belongs to ${other.name}.` });
    });

    try {
      await claimSlug(manager, input.slug, productId);
    } catch (error) {
      if (error instanceof ProductSlugTakenError) errors.push({ field: 'slug', message: error.message });
      // A malformed slug is fieldErrorsOf's to name.
      else if (!(error instanceof InvalidProductSlugError)) throw error;
    }

    const wanted = new Set(input.variants.map(cellKey));
    const removed = (current?.variants ?? []).filter((v) => !wanted.has(cellKey(v)));
    for (const variant of await this.soldOf(manager, removed)) {
      errors.push({
        field: 'variants',
        message: `${variantLabel(variant)} has been ordered, so it stays for its orders (a cancelled order puts its units back on it). Set its stock to 0 instead, or archive the product.`,
      });
    }
    const existing = new Map((current?.variants ?? []).map((v) => [cellKey(v), v]));
    input.variants.forEach((variant, i) => {
      const before = existing.get(cellKey(variant));
      if (before && Number.isInteger(variant.stock) && before.stock + stockDelta(variant, before) < 0) {
        errors.push({ field: 'stock', variant: i, message: `Only ${before.stock} on hand now: some sold since the page was opened. Please check the count.` });
      }
    });

    if (input.status === ProductStatus.Published) {
      const pictures = productId === null ? 0 : await manager.countBy(ProductImage, { productId });
      const problems = publishingProblems(input.variants, pictures);
      if (problems.length > 0) errors.push({ field: 'status', message: `To be published, the product needs ${problems.join(' and ')}.` });
    }
    return errors;
  }

  /** The variants among these that have been sold: the ledger holds a sale of each. */
  private async soldOf(manager: EntityManager, variants: Variant[]): Promise<Variant[]> {
    if (variants.length === 0) return [];
    const sold = await manager.find(StockMovement, {
      select: { variantId: true },
      where: { variantId: In(variants.map((v) => v.id)), reason: StockReason.Sale },
    });
    const ids = new Set(sold.map((row) => row.variantId));
    return variants.filter((v) => ids.has(v.id));
  }

  /** Removes, changes and adds variants as the input has them; answers whether anything changed. */
  private async writeVariants(manager: EntityManager, productId: number, cells: VariantInput[], current: Variant[], actor: Actor): Promise<boolean> {
    const existing = new Map(current.map((v) => [cellKey(v), v]));
    const wanted = new Set(cells.map(cellKey));
    let changed = false;
    for (const variant of current.filter((v) => !wanted.has(cellKey(v)))) {
      // The units leave through the ledger first, so its rows still add up to the stock (nothing) once the variant has gone.
      if (variant.stock > 0) await this.inventory.changeStock(manager, variant.id, -variant.stock, StockReason.Correction, 'variant removed');
      await manager.delete(Variant, { id: variant.id });
      await this.audit.record(manager, actor, { action: 'variant.removed', subject: { type: 'variant', id: variant.id }, before: audited(variant) });
      changed = true;
    }
    // A SKU moving between two of the product's variants would meet itself in the unique index: those
    // changing step aside first, under names no SKU can have.
    const ownSkus = new Set(current.filter((v) => wanted.has(cellKey(v))).map((v) => v.sku));
    const moving = cells.flatMap((cell) => {
      const before = existing.get(cellKey(cell));
      return before && before.sku !== cell.sku && ownSkus.has(cell.sku) ? [before] : [];
    });
    for (const variant of moving) await manager.update(Variant, { id: variant.id }, { sku: `~${variant.id}` });

    for (const [position, cell] of cells.entries()) {
      const row = {
        sku: cell.sku,
        priceMinor: cell.priceMinor ?? 0,
        compareAtPriceMinor: cell.compareAtPriceMinor,
        lowStockThreshold: cell.lowStockThreshold,
      };
      const before = existing.get(cellKey(cell));
      if (!before) {
        const id = Number((await manager.insert(Variant, { ...row, productId, colour: cell.colour, size: cell.size, position, stock: 0 })).identifiers[0].id);
        if (cell.stock > 0) await this.inventory.changeStock(manager, id, cell.stock, StockReason.Initial, null);
        const after = { colour: cell.colour, size: cell.size, ...row, stock: cell.stock };
        await this.audit.record(manager, actor, { action: 'variant.created', subject: { type: 'variant', id }, after });
        changed = true;
        continue;
      }
      const delta = stockDelta(cell, before);
      const change = changedFields(audited(before), { ...audited(before), ...row, stock: before.stock + delta });
      if (Object.keys(change.after).length === 0 && before.position === position) continue;
      await manager.update(Variant, { id: before.id }, { ...row, position });
      if (delta !== 0) await this.inventory.changeStock(manager, before.id, delta, StockReason.Correction, null);
      if (Object.keys(change.after).length === 0) continue;
      await this.audit.record(manager, actor, { action: 'variant.updated', subject: { type: 'variant', id: before.id }, ...change });
      changed = true;
    }
    return changed;
  }
}

/** The units a cell adds (or takes): what the owner typed less what the form showed, or the whole difference for an import. */
const stockDelta = (cell: VariantInput, before: Variant) => cell.stock - (cell.stockShown ?? before.stock);

/** The lowest price among the variants (those without one left out), kept on the product for listings' price sorts; 0 when none has one. */
function lowestPrice(variants: VariantInput[]): number {
  const prices = variants.map((v) => v.priceMinor ?? 0).filter((price) => price > 0);
  return prices.length > 0 ? Math.min(...prices) : 0;
}

/** The product's fields the owner edits, as the audit log compares them. */
function ownFields(product: Product): Record<string, unknown> {
  const { name, slug, description, categoryId, status, seoTitle, seoDescription } = product;
  return { name, slug, description, categoryId, status, seoTitle, seoDescription };
}

/** A variant's fields as the audit log records them. */
function audited(variant: Variant): Record<string, unknown> {
  const { colour, size, sku, priceMinor, compareAtPriceMinor, stock, lowStockThreshold } = variant;
  return { colour, size, sku, priceMinor, compareAtPriceMinor, stock, lowStockThreshold };
}
