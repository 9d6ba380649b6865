import { Product, ProductStatus } from '../../src/catalog/entities/product.entity.js';
import { InventoryService } from '../../src/catalog/inventory.service.js';
import { Order } from '../../src/orders/entities/order.entity.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { FormOnPage } from '../helpers/forms.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

/**
 * Only published products are in the shop. A product the owner takes back to draft or archives, through
 * the editor, is gone from every page, list, search, feed and API answer at once (the catalog cache is
 * dropped by the save), and a cart filled before cannot buy it.
 */
describe('draft and archived products are out of the shop', () => {
  let shop: TestShop;
  let owner: Shopper;
  const visitor = () => new Shopper(shop.baseUrl);

  beforeAll(async () => {
    shop = await startShop();
    owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
  });
  afterAll(() => shop.close());

  /** The owner opens the product in the editor, changes it and saves. */
  async function edit(fixture: ProductFixture, change: (form: FormOnPage) => void): Promise<void> {
    const { id } = await shop.dataSource.getRepository(Product).findOneByOrFail({ name: fixture.name });
    const form = FormOnPage.in((await owner.get(`/admin/products/${id}`)).html, 'data-product-editor');
    change(form);
    const saved = await owner.postForm(form.action, form.submission('save'));
    expect(saved.status).toBe(303);
  }

  /** Everywhere a shopper or a program could meet the product, as the text or JSON each answers. */
  async function everywhere(fixture: ProductFixture, slug: string, word: string) {
    const get = async (path: string) => {
      const response = await visitor().get(path);
      return { status: response.status, text: textOf(response.html) };
    };
    const json = async (path: string) => {
      const response = await fetch(`${shop.baseUrl}${path}`, { redirect: 'manual' });
      return { status: response.status, text: await response.text() };
    };
    return {
      page: (await get(`/products/${slug}`)).status,
      oldAddress: (await get(`/products/${fixture.slug}`)).status,
      home: (await get('/')).text.includes(fixture.name),
      listing: (await get('/products')).text.includes(fixture.name),
      category: (await get(`/categories/${fixture.categorySlug}`)).text.includes(fixture.name),
      search: (await get(`/products?q=${word}`)).text.includes(fixture.name),
      api: (await json(`/api/v1/products/${slug}`)).status,
      apiList: (await json('/api/v1/products')).text.includes(fixture.name),
      apiSearch: (await json(`/api/v1/products?q=${word}`)).text.includes(fixture.name),
      apiCategory: (await json(`/api/v1/products?category=${fixture.categorySlug}`)).text.includes(fixture.name),
      sitemap: (await json('/sitemap.xml')).text.includes(`/products/${slug}<`),
    };
  }

  const inTheShop = {
    page: 200,
    oldAddress: 301,
    home: true,
    listing: true,
    category: true,
    search: true,
    api: 200,
    apiList: true,
    apiSearch: true,
    apiCategory: true,
    sitemap: true,
  };
  const nowhere = {
    page: 404,
    oldAddress: 404,
    home: false,
    listing: false,
    category: false,
    search: false,
    api: 404,
    apiList: false,
    apiSearch: false,
    apiCategory: false,
    sitemap: false,
  };

  it.each([ProductStatus.Draft, ProductStatus.Archived])(
    'takes a product made %s off every page, list, search, the API and the sitemap at once, and back when published',
    async (status) => {
      const word = `zarbaft${status}`;
      const fixture = await aProduct(shop, { name: `Zarbaft ${status} Kurta` });
      const slug = `${fixture.slug}-moved`;
      await edit(fixture, (form) => form.set('slug', slug).set('description', `Woven ${word} silk.`));
      // Every page is read (and cached) while the product is in the shop.
      expect(await everywhere(fixture, slug, word)).toEqual(inTheShop);

      await edit(fixture, (form) => form.set('status', status));
      expect(await everywhere(fixture, slug, word)).toEqual(nowhere);

      await edit(fixture, (form) => form.set('status', ProductStatus.Published));
      expect(await everywhere(fixture, slug, word)).toEqual(inTheShop);
    },
  );

  it('refuses the checkout of a cart filled before the product was archived: 409 naming the line, nothing placed, the cart page says why', async () => {
    const kept = await aProduct(shop, { name: 'Still Sold Dupatta', stock: 3 });
    const archived = await aProduct(shop, { name: 'Retired Kurta', stock: 3, sizes: ['M', 'L'] });
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, kept);
    await addToCart(shopper, archived, { size: 'L' });
    await edit(archived, (form) => form.set('status', ProductStatus.Archived));
    const orders = await shop.dataSource.getRepository(Order).count();

    const cart = textOf((await shopper.get('/cart')).html);
    expect(cart).toContain('Retired Kurta is no longer available — please remove it.');
    const refused = await checkout(shopper);

    expect(refused.status).toBe(409);
    expect(textOf(refused.html)).toContain('Sorry, Retired Kurta (L / Indigo) is no longer available. Please remove it from your cart.');
    expect(await shop.dataSource.getRepository(Order).count()).toBe(orders);
    const inventory = shop.get(InventoryService);
    expect([await inventory.stockOf(kept.variantIds[0]), await inventory.stockOf(archived.variantIds[1])]).toEqual([3, 3]);

    // Once the line is removed, the rest of the cart can be bought.
    const page = await shopper.get('/cart');
    const remove = [...page.html.matchAll(/action="(\/cart\/lines\/\d+\/remove)"[\s\S]*?aria-label="Remove ([^"]+)"/g)].find((m) =>
      m[2].startsWith('Retired Kurta'),
    )?.[1];
    expect((await shopper.submit('/cart', remove as string, {})).status).toBe(303);
    expect((await checkout(shopper)).status).toBe(303);
    expect(await shop.dataSource.getRepository(Order).count()).toBe(orders + 1);
  });

  it('does not let a product made a draft go into a cart from a page opened before', async () => {
    const draft = await aProduct(shop, { name: 'Not Yet Kurta' });
    const shopper = new Shopper(shop.baseUrl);
    const page = await shopper.get(`/products/${draft.slug}`);
    await edit(draft, (form) => form.set('status', ProductStatus.Draft));
    const token = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1] ?? '';
    expect((await shopper.post('/cart/items', { _csrf: token, product: draft.slug, size: 'M', colour: 'Indigo', quantity: 1 })).status).toBe(404);
  });
});
