import { Injectable } from '@nestjs/common';
import { type EntityManager, In, IsNull } from 'typeorm';
import type { Actor } from '../audit/actor.js';
import { AuditTrail, changedFields } from '../audit/audit-trail.service.js';
import { NotFoundError } from '../common/errors.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { Transactions } from '../database/transactions.js';
import { SettingsService } from '../settings/settings.service.js';
import { CatalogCache } from './cache/catalog-cache.js';
import { searchTextFor } from './catalog-editor.service.js';
import { CategoryFormError, CategoryNotEmptyError } from './catalog.errors.js';
import type { CategoryForm } from './dto/category.forms.js';
import { Category } from './entities/category.entity.js';
import { Product } from './entities/product.entity.js';
import { Variant } from './entities/variant.entity.js';
import { isProductSlug } from './product-slugs.js';
import { type Direction, swappedWithNeighbour } from './reorder.js';

/** One line of the category tree as the panel lists it: depth-first, each under its parent. */
export interface CategoryLine {
  id: number;
  name: string;
  slug: string;
  parentId: number | null;
  depth: number;
  products: number;
  children: number;
  first: boolean;
  last: boolean;
}

/** The lock every change to the tree holds: two moves at once could otherwise make a loop (A under B, B under A). */
const TREE_LOCK = 'category-tree';

/**
 * The category tree's writes: create, rename (name, address, description), move under another parent,
 * reorder among siblings, delete when empty. Each holds the tree's lock, is audited in its transaction,
 * and drops the cached catalog once committed. A category's address follows the products' rules
 * (isProductSlug) and must be free; an old address is not redirected: links to it answer 404, which
 * the form says before the address is changed.
 */
@Injectable()
export class CategoryEditor {
  constructor(
    private readonly transactions: Transactions,
    private readonly cache: CatalogCache,
    private readonly audit: AuditTrail,
    private readonly settings: SettingsService,
  ) {}

  async tree(): Promise<CategoryLine[]> {
    const manager = this.transactions.repository(Category).manager;
    const [categories, counts] = await Promise.all([
      manager.find(Category, { order: { position: 'ASC', id: 'ASC' } }),
      manager
        .createQueryBuilder(Product, 'p')
        .select('p.categoryId', 'categoryId')
        .addSelect('COUNT(*)', 'products')
        .groupBy('p.categoryId')
        .getRawMany<{ categoryId: number; products: number | string }>(),
    ]);
    const products = new Map(counts.map((row) => [Number(row.categoryId), Number(row.products)]));
    const lines: CategoryLine[] = [];
    const walk = (parentId: number | null, depth: number, seen: Set<number>) => {
      const siblings = categories.filter((c) => c.parentId === parentId && !seen.has(c.id));
      for (const [i, category] of siblings.entries()) {
        seen.add(category.id);
        const children = categories.filter((c) => c.parentId === category.id).length;
        const { id, name, slug } = category;
        lines.push({ id, name, slug, parentId, depth, products: products.get(id) ?? 0, children, first: i === 0, last: i === siblings.length - 1 });
        walk(category.id, depth + 1, seen);
      }
    };
    walk(null, 0, new Set());
    return lines;
  }

  /** These categories and every one under them, however deep, as `manager`'s transaction sees the tree. */
  async withSubcategories(manager: EntityManager, ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const categories = await manager.find(Category, { select: { id: true, parentId: true } });
    return new Set(ids.flatMap((id) => [id, ...descendantsOf(categories, id)]));
  }

  async category(id: number): Promise<Category> {
    const category = await this.transactions.repository(Category).findOneBy({ id });
    if (!category) throw new NotFoundError('That category');
    return category;
  }

  async create(form: CategoryForm, actor: Actor): Promise<Category> {
    return this.writing(form, async (manager) => {
      const parentId = await this.parentFor(manager, form, null);
      const slug = await this.slugFor(manager, form, null);
      const position = await nextPosition(manager, parentId);
      const row = { name: form.name, slug, parentId, description: form.description || null, position };
      const id = Number((await manager.insert(Category, row)).identifiers[0].id);
      await this.audit.record(manager, actor, { action: 'category.created', subject: { type: 'category', id }, after: row });
      return manager.findOneByOrFail(Category, { id });
    });
  }

  /**
   * Renames and moves a category. A new name or place changes the words its products (and those of
   * every category under it) are found by: their search text is rewritten in the same transaction.
   */
  async update(id: number, form: CategoryForm, actor: Actor): Promise<void> {
    await this.writing(form, async (manager) => {
      const category = await manager.findOneBy(Category, { id });
      if (!category) throw new NotFoundError('That category');
      const parentId = await this.parentFor(manager, form, id);
      const slug = await this.slugFor(manager, form, id);
      const before = { name: category.name, slug: category.slug, parentId: category.parentId, description: category.description };
      const after = { name: form.name, slug, parentId, description: form.description || null };
      const change = changedFields(before, after);
      if (Object.keys(change.after).length === 0) return;
      const moved = 'parentId' in change.after;
      const position = moved ? await nextPosition(manager, parentId) : category.position;
      await manager.update(Category, { id }, { ...after, position });
      await this.audit.record(manager, actor, { action: moved ? 'category.moved' : 'category.updated', subject: { type: 'category', id }, ...change });
      if (moved || 'name' in change.after) await this.refreshSearchText(manager, id);
    });
  }

  /** Swaps a category with its neighbour among its siblings (the order the shop lists them in). */
  async move(id: number, direction: Direction, actor: Actor): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.settings.holdLock(manager, TREE_LOCK);
      const category = await manager.findOneBy(Category, { id });
      if (!category) throw new NotFoundError('That category');
      const siblings = await manager.find(Category, {
        select: { id: true },
        where: { parentId: siblingsOf(category.parentId) },
        order: { position: 'ASC', id: 'ASC' },
      });
      const order = siblings.map((sibling) => sibling.id);
      const moved = swappedWithNeighbour(order, id, direction);
      if (!moved) return;
      await this.transactions.afterCommit(manager, this.cache.catalogChanged);
      for (const [position, sibling] of moved.entries()) await manager.update(Category, { id: sibling }, { position });
      await this.audit.record(manager, actor, {
        action: 'categories.reordered',
        subject: { type: 'category', id: category.parentId },
        before: { order },
        after: { order: moved },
      });
    });
  }

  /** Deletes an empty category; one that holds products or subcategories is refused (409), saying what it holds. */
  async remove(id: number, actor: Actor): Promise<string> {
    return this.transactions.run(async (manager) => {
      await this.settings.holdLock(manager, TREE_LOCK);
      const category = await manager.findOneBy(Category, { id });
      if (!category) throw new NotFoundError('That category');
      // Emptiness is checked by the delete itself: a product saved into the category meanwhile keeps it.
      const deleted = await manager
        .createQueryBuilder()
        .delete()
        .from(Category)
        .where('id = :id', { id })
        .andWhere('NOT EXISTS (SELECT 1 FROM product WHERE product.categoryId = :id)')
        // Through a derived table: MySQL refuses a subquery on the table a DELETE deletes from.
        .andWhere('NOT EXISTS (SELECT 1 FROM (SELECT child.id FROM category child WHERE child.parentId = :id) children)')
        .execute();
      if (!deleted.affected) {
        const [products, children] = await Promise.all([manager.countBy(Product, { categoryId: id }), manager.countBy(Category, { parentId: id })]);
        throw new CategoryNotEmptyError(category.name, products, children);
      }
      await this.audit.record(manager, actor, {
        action: 'category.deleted',
        subject: { type: 'category', id },
        before: { name: category.name, slug: category.slug, parentId: category.parentId },
      });
      await this.transactions.afterCommit(manager, this.cache.catalogChanged);
      return category.name;
    });
  }

  /** Runs a create or update under the tree's lock; a slug taken at the same moment by another owner is the form's error too. */
  private async writing<T>(form: CategoryForm, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.transactions.run(async (manager) => {
        await this.settings.holdLock(manager, TREE_LOCK);
        await this.transactions.afterCommit(manager, this.cache.catalogChanged);
        return work(manager);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw takenSlug(form.slug || slugFromName(form.name));
      throw error;
    }
  }

  /** The parent the form names, which must exist and must not be the category itself or one under it. */
  private async parentFor(manager: EntityManager, form: CategoryForm, id: number | null): Promise<number | null> {
    if (form.parentId === '') return null;
    const parentId = Number(form.parentId);
    const categories = await manager.find(Category, { select: { id: true, parentId: true } });
    if (!categories.some((c) => c.id === parentId)) throw new CategoryFormError('parentId', 'That category no longer exists. Please choose another.');
    if (id !== null && (parentId === id || descendantsOf(categories, id).has(parentId))) {
      throw new CategoryFormError('parentId', 'A category cannot go under itself or under one of its own subcategories.');
    }
    return parentId;
  }

  private async slugFor(manager: EntityManager, form: CategoryForm, id: number | null): Promise<string> {
    const slug = form.slug || slugFromName(form.name);
    if (!isProductSlug(slug) || slug.length > 120) {
      throw new CategoryFormError('slug', 'An address may use lowercase letters, digits and single hyphens, up to 120 characters.');
    }
    const owner = await manager.findOneBy(Category, { slug });
    if (owner && owner.id !== id) throw takenSlug(slug);
    return slug;
  }

  /** Rewrites the search text of every product in the category and the categories under it. */
  private async refreshSearchText(manager: EntityManager, id: number): Promise<void> {
    const categories = await manager.find(Category, { select: { id: true, parentId: true } });
    const products = await manager.find(Product, {
      select: { id: true, name: true, description: true, categoryId: true },
      where: { categoryId: In([id, ...descendantsOf(categories, id)]) },
    });
    if (products.length === 0) return;
    const variants = await manager.find(Variant, { select: { productId: true, colour: true }, where: { productId: In(products.map((p) => p.id)) } });
    for (const product of products) {
      const searchText = await searchTextFor(manager, { ...product, variants: variants.filter((v) => v.productId === product.id) });
      await manager.update(Product, { id: product.id }, { searchText });
    }
  }
}

/** The where of a parent's children: IS NULL for the top level (a where with undefined would match every row). */
function siblingsOf(parentId: number | null) {
  return parentId === null ? IsNull() : parentId;
}

/** The position after the last of a parent's children. */
async function nextPosition(manager: EntityManager, parentId: number | null): Promise<number> {
  return ((await manager.maximum(Category, 'position', { parentId: siblingsOf(parentId) })) ?? -1) + 1;
}

function takenSlug(slug: string): CategoryFormError {
  return new CategoryFormError('slug', `The address “${slug}” belongs to another category. Please choose another.`);
}

/** A category's address from its name: "Women's Kurtas" → "womens-kurtas". */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{Ll}\p{Lo}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '');
}

/** Every category under `id`, however deep (a loop in old data ends the walk instead of running forever). */
function descendantsOf(categories: Pick<Category, 'id' | 'parentId'>[], id: number): Set<number> {
  const found = new Set<number>();
  const pending = [id];
  while (pending.length > 0) {
    const parent = pending.pop();
    for (const child of categories) {
      if (child.parentId === parent && !found.has(child.id) && child.id !== id) {
        found.add(child.id);
        pending.push(child.id);
      }
    }
  }
  return found;
}
