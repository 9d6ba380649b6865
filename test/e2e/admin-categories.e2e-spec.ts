import { AuditEntry } from '../../src/audit/entities/audit-entry.entity.js';
import { Category } from '../../src/catalog/entities/category.entity.js';
import { Product } from '../../src/catalog/entities/product.entity.js';
import { aProduct } from '../helpers/factories.js';
import { decodedLinks, type PageResponse, Shopper, textOf } from '../helpers/shopper.js';
import { signedInOwner } from '../helpers/staff.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

describe('the category tree at /admin/categories', () => {
  let shop: TestShop;
  let owner: Shopper;

  beforeAll(async () => {
    shop = await startShop();
    owner = await signedInOwner(shop);
  });
  afterAll(() => shop.close());

  const categories = () => shop.dataSource.getRepository(Category);
  const bySlug = (slug: string) => categories().findOneByOrFail({ slug });
  const audit = (action: string, id: number) =>
    shop.dataSource.getRepository(AuditEntry).find({ where: { action, subjectId: String(id) }, order: { id: 'ASC' } });
  const fields = (values: Partial<Record<'name' | 'slug' | 'parentId' | 'description', string | number>>) => ({
    name: '',
    slug: '',
    parentId: '',
    description: '',
    ...values,
  });
  const create = (values: Parameters<typeof fields>[0]) => owner.submit('/admin/categories', '/admin/categories', fields(values));
  const save = (id: number, values: Parameters<typeof fields>[0]) => owner.submit(`/admin/categories/${id}`, `/admin/categories/${id}`, fields(values));
  /** The slugs of the products a shopper's search finds. */
  const found = async (q: string) =>
    [...decodedLinks((await new Shopper(shop.baseUrl).get(`/products?q=${encodeURIComponent(q)}`)).html).matchAll(/href="\/products\/([\w-]+)"/g)].map(
      (m) => m[1],
    );
  /** The category names of the admin list, in order, indented by depth. */
  const treeOf = (page: PageResponse) =>
    [...page.html.matchAll(/category-line--depth-(\d)[^>]*>\s*<span class="category-line__name"><a [^>]*>([^<]+)<\/a>/g)].map(
      (m) => `${'-'.repeat(Number(m[1]))}${m[2]}`,
    );

  it('creates categories at the top level and under another, its address made from the name, each audited', async () => {
    expect((await create({ name: 'Festive Wear', description: 'For weddings and Eid.' })).status).toBe(303);
    const festive = await bySlug('festive-wear');
    const child = await create({ name: 'Bridal Lehengas', slug: 'bridal', parentId: festive.id });
    expect(child.status).toBe(303);
    expect(textOf((await owner.follow(child)).html)).toContain('“Bridal Lehengas” was added, at /categories/bridal.');
    expect((await bySlug('bridal')).parentId).toBe(festive.id);
    expect(treeOf(await owner.get('/admin/categories'))).toEqual(expect.arrayContaining(['Festive Wear', '-Bridal Lehengas']));

    const home = await new Shopper(shop.baseUrl).get('/');
    expect(home.html).toContain('href="/categories/festive-wear"');
    expect(home.html).toContain('href="/categories/bridal"');
    expect((await new Shopper(shop.baseUrl).get('/categories/bridal')).status).toBe(200);
    expect(await audit('category.created', festive.id)).toMatchObject([
      { actorEmail: OWNER.email, after: expect.stringContaining('"name":"Festive Wear"') as string },
    ]);
  });

  it('refuses a taken or malformed address, a missing name and an unknown parent with 422, the form kept', async () => {
    await create({ name: 'Taken Address', slug: 'taken-address' });
    const before = await categories().count();

    const taken = await create({ name: 'Another', slug: 'taken-address' });
    expect(taken.status).toBe(422);
    expect(taken.html).toMatch(/id="slug-error">The address “taken-address” belongs to another category/);
    expect(taken.html).toContain('value="Another"');
    const malformed = await create({ name: 'Bad Address', slug: 'Bad Address/..' });
    expect(malformed.status).toBe(422);
    expect(malformed.html).toMatch(/id="slug-error">An address may use lowercase letters/);
    expect((await create({ name: '' })).html).toMatch(/id="name-error">Please enter a name/);
    const orphan = await create({ name: 'Orphan', parentId: 999_999 });
    expect(orphan.status).toBe(422);
    expect(orphan.html).toMatch(/id="parentId-error">That category no longer exists/);
    expect(await categories().count()).toBe(before);

    // Renaming another category to the taken address is refused too.
    const other = (await create({ name: 'Other Address' }), await bySlug('other-address'));
    expect((await save(other.id, { name: 'Other Address', slug: 'taken-address' })).status).toBe(422);
    expect((await bySlug('other-address')).id).toBe(other.id);
  });

  it("rewrites its products' search text when a category is renamed, so search finds them by the new name", async () => {
    const product = await aProduct(shop, { name: 'Gota Kurta' });
    const category = await bySlug(product.categorySlug);
    expect(await found('Shimmer')).not.toContain(product.slug);

    const renamed = await save(category.id, { name: 'Shimmer Collection', slug: category.slug });
    expect(renamed.status).toBe(303);

    expect((await shop.dataSource.getRepository(Product).findOneByOrFail({ slug: product.slug })).searchText).toContain('shimmer collection');
    expect(await found('Shimmer')).toContain(product.slug);
    expect(textOf((await new Shopper(shop.baseUrl).get(`/categories/${category.slug}`)).html)).toContain('Shimmer Collection');
    expect(await audit('category.updated', category.id)).toMatchObject([
      { before: JSON.stringify({ name: category.name }), after: JSON.stringify({ name: 'Shimmer Collection' }) },
    ]);
  });

  it('moves a category under another (its products found by the new parent’s name), and never under itself or its own subcategories', async () => {
    const product = await aProduct(shop, { name: 'Moving Kurta' });
    const category = await bySlug(product.categorySlug);
    await create({ name: 'Winter Shawls' });
    const winter = await bySlug('winter-shawls');
    expect(await found('Winter')).not.toContain(product.slug);

    expect((await save(category.id, { name: category.name, slug: category.slug, parentId: winter.id })).status).toBe(303);
    expect((await categories().findOneByOrFail({ id: category.id })).parentId).toBe(winter.id);
    expect(await found('Winter')).toContain(product.slug);
    expect(await audit('category.moved', category.id)).toMatchObject([{ before: '{"parentId":null}', after: `{"parentId":${winter.id}}` }]);

    // Winter Shawls › Category: Winter Shawls cannot go under itself, nor under the category inside it.
    for (const parentId of [winter.id, category.id]) {
      const refused = await save(winter.id, { name: 'Winter Shawls', slug: 'winter-shawls', parentId });
      expect(refused.status).toBe(422);
      expect(refused.html).toMatch(/id="parentId-error">A category cannot go under itself or under one of its own subcategories/);
    }
    expect((await categories().findOneByOrFail({ id: winter.id })).parentId).toBeNull();
    // The edit page does not offer those places.
    const edit = await owner.get(`/admin/categories/${winter.id}`);
    expect(edit.html).not.toContain(`<option value="${category.id}"`);
    expect(edit.html).not.toContain(`<option value="${winter.id}"`);
  });

  it('reorders siblings, and the shop lists them in the new order', async () => {
    await create({ name: 'Order Parent' });
    const parent = await bySlug('order-parent');
    for (const name of ['Order A', 'Order B', 'Order C']) await create({ name, parentId: parent.id });
    const [a, b, c] = await Promise.all(['order-a', 'order-b', 'order-c'].map(bySlug));

    expect((await owner.submit('/admin/categories', `/admin/categories/${c.id}/move`, { direction: 'up' })).status).toBe(303);
    expect((await owner.submit('/admin/categories', `/admin/categories/${a.id}/move`, { direction: 'down' })).status).toBe(303);

    const tree = treeOf(await owner.get('/admin/categories'));
    expect(tree.filter((name) => name.startsWith('-Order '))).toEqual(['-Order C', '-Order A', '-Order B']);
    const home = (await new Shopper(shop.baseUrl).get('/')).html;
    expect([home.indexOf('/categories/order-c"'), home.indexOf('/categories/order-a"'), home.indexOf('/categories/order-b"')]).toEqual(
      [home.indexOf('/categories/order-c"'), home.indexOf('/categories/order-a"'), home.indexOf('/categories/order-b"')].sort((x, y) => x - y),
    );
    expect(await audit('categories.reordered', parent.id)).toMatchObject([
      { before: JSON.stringify({ order: [a.id, b.id, c.id] }), after: JSON.stringify({ order: [a.id, c.id, b.id] }) },
      { before: JSON.stringify({ order: [a.id, c.id, b.id] }), after: JSON.stringify({ order: [c.id, a.id, b.id] }) },
    ]);
  });

  it('deletes an empty category, and refuses one with products or subcategories with 409 saying why', async () => {
    const product = await aProduct(shop, { name: 'Keeping Kurta' });
    const full = await bySlug(product.categorySlug);
    const refused = await owner.submit('/admin/categories', `/admin/categories/${full.id}/delete`, {});
    expect(refused.status).toBe(409);
    expect(textOf(refused.html)).toContain(`“${full.name}” cannot be deleted: it still holds 1 product. Move them to another category`);
    expect(await categories().existsBy({ id: full.id })).toBe(true);

    await create({ name: 'Parent Only' });
    const parent = await bySlug('parent-only');
    await create({ name: 'Empty Child', parentId: parent.id });
    const withChild = await owner.submit('/admin/categories', `/admin/categories/${parent.id}/delete`, {});
    expect(withChild.status).toBe(409);
    expect(textOf(withChild.html)).toContain('it still holds 1 subcategory');

    const child = await bySlug('empty-child');
    const deleted = await owner.submit('/admin/categories', `/admin/categories/${child.id}/delete`, {});
    expect(deleted.status).toBe(303);
    expect(textOf((await owner.follow(deleted)).html)).toContain('“Empty Child” was deleted.');
    expect(await categories().existsBy({ id: child.id })).toBe(false);
    expect((await new Shopper(shop.baseUrl).get('/categories/empty-child')).status).toBe(404);
    expect(await audit('category.deleted', child.id)).toHaveLength(1);
    expect((await owner.submit('/admin/categories', `/admin/categories/${parent.id}/delete`, {})).status).toBe(303);
  });

  it('answers 404 for a category that does not exist', async () => {
    expect((await owner.get('/admin/categories/999999')).status).toBe(404);
    expect((await owner.submit('/admin/categories', '/admin/categories/999999/delete', {})).status).toBe(404);
    expect((await save(999_999, { name: 'Nothing' })).status).toBe(404);
  });
});
