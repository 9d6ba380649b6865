import { jest } from '@jest/globals';
import { aProduct } from '../../test/helpers/factories.js';
import { serviceModule, type ServiceModule } from '../../test/helpers/service-module.js';
import type { Actor } from '../audit/actor.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { CatalogCache } from './cache/catalog-cache.js';
import { CatalogModule } from './catalog.module.js';
import { CategoryFormError, CategoryNotEmptyError } from './catalog.errors.js';
import { CategoryEditor, slugFromName } from './category-editor.service.js';
import type { CategoryForm } from './dto/category.forms.js';
import { Category } from './entities/category.entity.js';
import { Product } from './entities/product.entity.js';

const OWNER: Actor = { userId: 1, email: 'owner@anarkali.test', ip: '127.0.0.1' };

/** The category tree's rules on a real database (SQLite, or MySQL/MariaDB with DATABASE_URL), without HTTP. */
describe('CategoryEditor on a real database', () => {
  let services: ServiceModule;
  let sut: CategoryEditor;

  beforeAll(async () => {
    services = await serviceModule(CatalogModule);
    sut = services.get(CategoryEditor);
  });
  afterAll(() => services.close());
  afterEach(() => jest.restoreAllMocks());

  const form = (values: Partial<CategoryForm>): CategoryForm => ({ name: 'A Category', slug: '', parentId: '', description: '', ...values });
  const searchTextOf = async (slug: string) => (await services.dataSource.getRepository(Product).findOneByOrFail({ slug })).searchText;

  it('rewrites the search text of products two levels down when a category is renamed, and drops the cached pages once', async () => {
    const top = await sut.create(form({ name: 'Eastern' }), OWNER);
    const middle = await sut.create(form({ name: 'Kurtas', parentId: String(top.id) }), OWNER);
    const product = await aProduct(services, { name: 'Deep Kurta' });
    const own = await services.dataSource.getRepository(Category).findOneByOrFail({ slug: product.categorySlug });
    await sut.update(own.id, form({ name: own.name, slug: own.slug, parentId: String(middle.id) }), OWNER);
    expect(await searchTextOf(product.slug)).toContain('eastern');
    const dropped = jest.spyOn(services.get(CatalogCache), 'invalidate');

    await sut.update(top.id, form({ name: 'Desi Wear', slug: top.slug }), OWNER);

    const text = await searchTextOf(product.slug);
    expect(text).toContain('desi wear');
    expect(text).not.toContain('eastern');
    expect(dropped).toHaveBeenCalledTimes(1);
  });

  it('writes no search text and no category when the audit row cannot be written: one transaction', async () => {
    const product = await aProduct(services, { name: 'Rolled Back Kurta' });
    const own = await services.dataSource.getRepository(Category).findOneByOrFail({ slug: product.categorySlug });
    const before = await searchTextOf(product.slug);
    jest.spyOn(services.get(AuditTrail), 'record').mockRejectedValueOnce(new Error('audit table unavailable'));

    await expect(sut.update(own.id, form({ name: 'Never Saved', slug: own.slug }), OWNER)).rejects.toThrow('audit table unavailable');

    expect((await services.dataSource.getRepository(Category).findOneByOrFail({ id: own.id })).name).toBe(own.name);
    expect(await searchTextOf(product.slug)).toBe(before);
  });

  it('refuses to move a category under itself or any category below it, however deep', async () => {
    const a = await sut.create(form({ name: 'Loop A' }), OWNER);
    const b = await sut.create(form({ name: 'Loop B', parentId: String(a.id) }), OWNER);
    const c = await sut.create(form({ name: 'Loop C', parentId: String(b.id) }), OWNER);
    for (const parent of [a, b, c]) {
      await expect(sut.update(a.id, form({ name: 'Loop A', slug: a.slug, parentId: String(parent.id) }), OWNER)).rejects.toBeInstanceOf(CategoryFormError);
    }
    // Two moves at the same moment that together would make a loop: the tree's lock lets one through.
    const outcomes = await Promise.allSettled([
      sut
        .update(b.id, form({ name: 'Loop B', slug: b.slug, parentId: '' }), OWNER)
        .then(() => sut.update(a.id, form({ name: 'Loop A', slug: a.slug, parentId: String(c.id) }), OWNER)),
      sut.update(c.id, form({ name: 'Loop C', slug: c.slug, parentId: String(a.id) }), OWNER),
    ]);
    const rows = await services.dataSource.getRepository(Category).findBy({ id: a.id });
    const all = await services.dataSource.getRepository(Category).find();
    const parentOf = new Map(all.map((row) => [row.id, row.parentId]));
    // Walking up from A ends at the top: no loop, whichever move won.
    let steps = 0;
    for (let at: number | null = rows[0].id; at !== null && steps < all.length + 1; at = parentOf.get(at) ?? null) steps++;
    expect(steps).toBeLessThanOrEqual(all.length);
    expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true);
  });

  it('deletes only an empty category, saying what a full one holds', async () => {
    const product = await aProduct(services);
    const full = await services.dataSource.getRepository(Category).findOneByOrFail({ slug: product.categorySlug });
    await sut.create(form({ name: 'Under Full', parentId: String(full.id) }), OWNER);
    await expect(sut.remove(full.id, OWNER)).rejects.toThrow(new CategoryNotEmptyError(full.name, 1, 1));
    const empty = await sut.create(form({ name: 'Empty One' }), OWNER);
    expect(await sut.remove(empty.id, OWNER)).toBe('Empty One');
    expect(await services.dataSource.getRepository(Category).existsBy({ id: empty.id })).toBe(false);
  });

  it('makes an address from a name the way an owner expects', () => {
    expect(slugFromName("Women's Kurtas & Shirts")).toBe('womens-kurtas-shirts');
    expect(slugFromName('  Émbroidered   Dupattas ')).toBe('embroidered-dupattas');
    expect(slugFromName('اردو')).toBe('اردو');
  });
});
