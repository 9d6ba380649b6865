import { AuditEntry } from '../../src/audit/entities/audit-entry.entity.js';
import { Role } from '../../src/auth/entities/user.entity.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { CatalogEditor } from '../../src/catalog/catalog-editor.service.js';
import type { Category } from '../../src/catalog/entities/category.entity.js';
import { OptionValue, ProductOption } from '../../src/catalog/entities/option-value.entity.js';
import { ProductImage } from '../../src/catalog/entities/product-image.entity.js';
import { Product, ProductStatus } from '../../src/catalog/entities/product.entity.js';
import { StockMovement } from '../../src/catalog/entities/stock-movement.entity.js';
import { Variant } from '../../src/catalog/entities/variant.entity.js';
import { ProductEditor } from '../../src/catalog/product-editor.service.js';
import type { ProductInput } from '../../src/catalog/product-input.js';
import { aProduct } from '../helpers/factories.js';
import { FormOnPage } from '../helpers/forms.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { decodedLinks, type PageResponse, Shopper, textOf } from '../helpers/shopper.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

const ACTOR = { userId: 1, email: OWNER.email, ip: '127.0.0.1' };

describe("the owner's products: list and editor with the colour × size grid", () => {
  let shop: TestShop;
  let owner: Shopper;
  let kurtas: Category;
  let lawn: Category;
  let sequence = 0;

  beforeAll(async () => {
    shop = await startShop();
    const catalog = shop.get(CatalogEditor);
    kurtas = await catalog.createCategory({ slug: 'kurtas', name: 'Kurtas', position: 0 });
    lawn = await catalog.createCategory({ slug: 'lawn-kurtas', name: 'Lawn kurtas', position: 0, parentId: kurtas.id });
    await catalog.defineOptionValues(ProductOption.Colour, [
      { value: 'Indigo', swatch: '#2e3a6e' },
      { value: 'Rust', swatch: '#b7410e' },
    ]);
    await catalog.defineOptionValues(
      ProductOption.Size,
      ['S', 'M', 'L', 'XL'].map((value) => ({ value })),
    );
    owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
  });
  afterAll(() => shop.close());

  const products = () => shop.dataSource.getRepository(Product);
  const variantsOf = (productId: number) => shop.dataSource.getRepository(Variant).find({ where: { productId }, order: { position: 'ASC' } });

  /** A product saved straight through the service, as a fixture: one colour, the sizes given. */
  async function saved(overrides: Partial<ProductInput> & { prices?: number[]; stock?: number; sizes?: string[] } = {}): Promise<Product> {
    sequence += 1;
    const slug = overrides.slug ?? `fixture-${sequence}`;
    const { prices = [100_000], stock = 2, sizes = ['M'], ...rest } = overrides;
    return shop.get(ProductEditor).saveProduct(
      {
        name: `Fixture ${sequence}`,
        slug,
        description: '',
        categoryId: kurtas.id,
        status: ProductStatus.Draft,
        seoTitle: null,
        seoDescription: null,
        variants: sizes.map((size, i) => ({
          colour: 'Indigo',
          size,
          sku: `${slug}-${size}`.toUpperCase(),
          priceMinor: prices[i % prices.length],
          compareAtPriceMinor: null,
          stock,
          lowStockThreshold: 1,
        })),
        ...rest,
      },
      ACTOR,
    );
  }

  /** The list's rows, each as the text a person reads. */
  const rowsOf = (html: string) => ((/<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((row) => textOf(row).trim());
  const names = async (query: string) =>
    rowsOf((await owner.get(`/admin/products${query}`)).html).map((row) =>
      row
        .replace(/^No picture /, '')
        .split(' · ')[0]
        .replace(/ \S+$/, ''),
    );

  describe('the list', () => {
    it('shows each product with its picture, status, price range and stock, linking to its editor, with a New product button', async () => {
      const shawl = await saved({ name: 'Pashmina Shawl Row', sizes: ['S', 'M', 'L'], prices: [150_000, 175_000], stock: 3 });
      await shop.dataSource
        .getRepository(ProductImage)
        .insert({ productId: shawl.id, url: '/uploads/products/shawl.svg', alt: 'Shawl', colour: null, position: 0, thumbnailWidths: '240,480' });

      const list = await owner.get('/admin/products?q=pashmina+shawl+row');

      expect(list.status).toBe(200);
      expect(list.html).toContain('<a class="button button--primary" href="/admin/products/new">New product</a>');
      expect(list.html).toContain('<a href="/admin/products" aria-current="page">Products</a>');
      const [row] = rowsOf(list.html);
      expect(row).toBe(`Pashmina Shawl Row ${shawl.slug} · 3 variants Draft Kurtas Rs 1,500 – Rs 1,750 9`);
      expect(list.html).toContain(`<a href="/admin/products/${shawl.id}">Pashmina Shawl Row</a>`);
      expect(list.html).toContain('<img src="/uploads/products/shawl-240w.webp" alt="" width="48" height="60" loading="lazy">');
    });

    it('finds products by part of the name, the address or a SKU, whatever the capitals', async () => {
      const ajrak = await saved({ name: 'Ajrak Printed Kurta', slug: 'sindhi-block-print' });
      await saved({ name: 'Plain Shirt', slug: 'plain-shirt-one' });
      expect(await names('?q=AJRAK')).toEqual(['Ajrak Printed Kurta']);
      expect(await names('?q=sindhi-block')).toEqual(['Ajrak Printed Kurta']);
      expect(await names(`?q=${(await variantsOf(ajrak.id))[0].sku.toLowerCase()}`)).toEqual(['Ajrak Printed Kurta']);
      expect(await names('?q=%25')).toEqual([]);
    });

    it('filters by status and by category with the categories below it, and sorts by name, price and stock', async () => {
      const tag = 'zz-sorting';
      await saved({ name: `B ${tag}`, categoryId: lawn.id, prices: [300_000], stock: 1 });
      await saved({ name: `A ${tag}`, categoryId: kurtas.id, prices: [200_000], stock: 9 });
      const archived = await saved({ name: `C ${tag}`, categoryId: lawn.id, prices: [100_000], stock: 5 });
      await products().update({ id: archived.id }, { status: ProductStatus.Archived });

      expect(await names(`?q=${tag}`)).toEqual([`C ${tag}`, `A ${tag}`, `B ${tag}`]);
      expect(await names(`?q=${tag}&sort=name`)).toEqual([`A ${tag}`, `B ${tag}`, `C ${tag}`]);
      expect(await names(`?q=${tag}&sort=price`)).toEqual([`C ${tag}`, `A ${tag}`, `B ${tag}`]);
      expect(await names(`?q=${tag}&sort=stock`)).toEqual([`B ${tag}`, `C ${tag}`, `A ${tag}`]);
      expect(await names(`?q=${tag}&status=archived`)).toEqual([`C ${tag}`]);
      expect(await names(`?q=${tag}&category=${lawn.id}`)).toEqual([`C ${tag}`, `B ${tag}`]);
      expect(await names(`?q=${tag}&category=${kurtas.id}&status=draft&sort=name`)).toEqual([`A ${tag}`, `B ${tag}`]);
      const odd = await owner.get(`/admin/products?q=${tag}&sort=drop+table&status=sold&category=x&page=-3`);
      expect(odd.status).toBe(200);
      expect(rowsOf(odd.html)).toHaveLength(3);
    });

    it('pages through 25 at a time, keeping search, filters and sort in the links', async () => {
      for (let n = 0; n < 26; n++) await saved({ name: `Paged Kurta ${String(n).padStart(2, '0')}` });
      const first = await owner.get('/admin/products?q=paged+kurta&status=draft&sort=name');
      expect(rowsOf(first.html)).toHaveLength(25);
      expect(textOf(first.html)).toContain('26 products matching “paged kurta”');
      const next = /href="([^"]+)" rel="next"/.exec(decodedLinks(first.html))?.[1];
      expect(next).toBe('/admin/products?q=paged+kurta&status=draft&sort=name&page=2');
      expect(await names(next?.replace('/admin/products', '') ?? '')).toEqual(['Paged Kurta 25']);
    });
  });

  describe('creating a product through the grid, without JavaScript', () => {
    it('draws the grid of the colours and sizes ticked with suggested SKUs, then saves all six variants at once, audited', async () => {
      const blank = FormOnPage.in((await owner.get('/admin/products/new')).html, 'data-product-editor');
      blank.set('name', 'Basant Lawn Kurta').set('categoryId', kurtas.id).tick('colours', 'Indigo').tick('colours', 'Rust');
      for (const size of ['S', 'M', 'L']) blank.tick('sizes', size);

      const grid = await owner.postForm('/admin/products', blank.submission('grid'));

      expect(grid.status).toBe(200);
      expect(textOf(grid.html)).toContain('Variants (6)');
      const form = FormOnPage.in(grid.html, 'data-product-editor');
      expect(form.value(FormOnPage.cellName(grid.html, 'L / Rust', 'sku'))).toBe('BASANT-LAWN-KURTA-RUST-L');
      expect(form.value('name')).toBe('Basant Lawn Kurta');
      for (const label of ['S / Indigo', 'M / Indigo', 'L / Indigo', 'S / Rust', 'M / Rust', 'L / Rust']) {
        form.set(FormOnPage.cellName(grid.html, label, 'price'), '2,499.00').set(FormOnPage.cellName(grid.html, label, 'stock'), 5);
      }
      form.set(FormOnPage.cellName(grid.html, 'M / Rust', 'price'), '1999.5').set(FormOnPage.cellName(grid.html, 'M / Rust', 'compareAtPrice'), '2,499');

      const created = await owner.postForm('/admin/products', form.submission('save'));

      expect(created.status).toBe(303);
      const product = await products().findOneByOrFail({ slug: 'basant-lawn-kurta' });
      expect(created.location).toBe(`/admin/products/${product.id}`);
      expect(textOf((await owner.follow(created)).html)).toContain('Basant Lawn Kurta was created as draft.');
      expect(product).toMatchObject({ status: ProductStatus.Draft, priceMinor: 199_950, categoryId: kurtas.id });
      const variants = await variantsOf(product.id);
      expect(variants.map((v) => [v.colour, v.size, v.sku, v.priceMinor, v.compareAtPriceMinor, v.stock])).toEqual([
        ['Indigo', 'S', 'BASANT-LAWN-KURTA-INDIGO-S', 249_900, null, 5],
        ['Indigo', 'M', 'BASANT-LAWN-KURTA-INDIGO-M', 249_900, null, 5],
        ['Indigo', 'L', 'BASANT-LAWN-KURTA-INDIGO-L', 249_900, null, 5],
        ['Rust', 'S', 'BASANT-LAWN-KURTA-RUST-S', 249_900, null, 5],
        ['Rust', 'M', 'BASANT-LAWN-KURTA-RUST-M', 199_950, 249_900, 5],
        ['Rust', 'L', 'BASANT-LAWN-KURTA-RUST-L', 249_900, null, 5],
      ]);
      const audit = await shop.dataSource.getRepository(AuditEntry).find({ where: { actorEmail: OWNER.email }, order: { id: 'ASC' } });
      const forThis = audit.filter(
        (e) =>
          (e.subjectType === 'product' && e.subjectId === String(product.id)) ||
          variants.some((v) => String(v.id) === e.subjectId && e.subjectType === 'variant'),
      );
      expect(forThis.map((e) => e.action)).toEqual(['product.created', ...Array(6).fill('variant.created')]);
    });

    it('adds a new colour with its swatch from the editor, keeping what was typed, and ticks it', async () => {
      const product = await saved({ name: 'Chikan Kurta', sizes: ['S', 'M'] });
      const page = await owner.get(`/admin/products/${product.id}`);
      const form = FormOnPage.in(page.html, 'data-product-editor')
        .set('name', 'Chikan Kurta (typed)')
        .set('newColour', 'Pista')
        .set('newColourSwatch', '#93c572');

      const added = await owner.postForm(form.action, form.submission('add-colour'));

      expect(added.status).toBe(200);
      expect(textOf(added.html)).toContain('Pista is now one of the store’s colours, and is ticked here');
      const again = FormOnPage.in(added.html, 'data-product-editor');
      expect(again.value('name')).toBe('Chikan Kurta (typed)');
      expect(again.values('colours')).toEqual(['Indigo', 'Pista']);
      expect(again.value(FormOnPage.cellName(added.html, 'M / Pista', 'sku'))).toBe(`${product.slug}-PISTA-M`.toUpperCase());
      expect(again.value(FormOnPage.cellName(added.html, 'M / Pista', 'price'))).toBe('1,000.00');
      expect(await shop.dataSource.getRepository(OptionValue).findOneBy({ option: ProductOption.Colour, value: 'Pista' })).toMatchObject({ swatch: '#93c572' });
      expect(await shop.dataSource.getRepository(AuditEntry).countBy({ action: 'option_value.added', subjectId: 'colour:Pista' })).toBe(1);

      const empty = await owner.postForm(form.action, FormOnPage.in(added.html, 'data-product-editor').set('newSize', '  ').submission('add-size'));
      expect(empty.status).toBe(422);
      expect(empty.html).toMatch(/<input id="newSize"[^>]*aria-invalid="true"/);
      expect(textOf(empty.html)).toContain('A size needs 1 to 40 characters.');
    });

    it('draws the rows of a size ticked since the grid was drawn instead of saving without them', async () => {
      const product = await saved({ name: 'Ticked Late', sizes: ['S'] });
      const form = FormOnPage.in((await owner.get(`/admin/products/${product.id}`)).html, 'data-product-editor').tick('sizes', 'XL');
      const response = await owner.postForm(form.action, form.submission('save'));
      expect(response.status).toBe(200);
      expect(textOf(response.html)).toContain('The grid now has the colours and sizes you ticked: check the new rows, then save.');
      expect(textOf(response.html)).toContain('Variants (2)');
      expect(await variantsOf(product.id)).toHaveLength(1);
    });
  });

  describe('a grid with mistakes', () => {
    it('answers 422 with the whole form kept and each bad cell marked and explained, writing nothing', async () => {
      const other = await saved({ name: 'Someone Else' });
      const product = await saved({ name: 'Grid Mistakes', sizes: ['S', 'M', 'L', 'XL'] });
      const page = await owner.get(`/admin/products/${product.id}`);
      const cell = (label: string, field: string) => FormOnPage.cellName(page.html, label, field);
      const form = FormOnPage.in(page.html, 'data-product-editor')
        .set('description', 'Typed before the mistakes')
        .set(cell('M / Indigo', 'sku'), (await variantsOf(product.id))[0].sku)
        .set(cell('L / Indigo', 'sku'), (await variantsOf(other.id))[0].sku)
        .set(cell('XL / Indigo', 'price'), '-10')
        .set(cell('S / Indigo', 'stock'), '-1')
        .set(cell('L / Indigo', 'price'), '1,000')
        .set(cell('L / Indigo', 'compareAtPrice'), '900');
      const ledger = await shop.dataSource.getRepository(StockMovement).count();

      const refused = await owner.postForm(form.action, form.submission('save'));

      expect(refused.status).toBe(422);
      expect(textOf(refused.html)).toContain('Please correct the 5 marked fields.');
      const invalid = [...refused.html.matchAll(/<input id="(v\d+-\w+)"[^>]*aria-invalid="true" aria-describedby="\1-error"/g)].map((m) => m[1]);
      expect(invalid.sort()).toEqual(['v0-stock', 'v1-sku', 'v2-compareAtPrice', 'v2-sku', 'v3-price']);
      const message = (id: string) => textOf(new RegExp(`<p class="field__error" id="${id}-error">([^<]*)</p>`).exec(refused.html)?.[1] ?? '');
      expect(message('v0-stock')).toBe('Stock cannot be negative.');
      expect(message('v1-sku')).toBe(`The SKU ${(await variantsOf(product.id))[0].sku} is also on S / Indigo.`);
      expect(message('v2-sku')).toBe(`The SKU ${(await variantsOf(other.id))[0].sku} belongs to Someone Else.`);
      expect(message('v2-compareAtPrice')).toBe('The compare-at price (the “was” price) cannot be below the price.');
      expect(message('v3-price')).toBe('A price cannot be negative.');
      const kept = FormOnPage.in(refused.html, 'data-product-editor');
      expect(kept.value('description')).toBe('Typed before the mistakes');
      expect(kept.value(cell('XL / Indigo', 'price'))).toBe('-10');
      expect(kept.value(cell('L / Indigo', 'compareAtPrice'))).toBe('900');
      expect((await variantsOf(product.id)).map((v) => v.stock)).toEqual([2, 2, 2, 2]);
      expect(await shop.dataSource.getRepository(StockMovement).count()).toBe(ledger);
    });

    it('refuses to publish without a picture, then without a price, naming what is missing; publishes once both are there', async () => {
      const product = await saved({ name: 'Publish Me', sizes: ['S', 'M'] });
      const publish = async (change: (form: FormOnPage, html: string) => void = () => undefined) => {
        const page = await owner.get(`/admin/products/${product.id}`);
        const form = FormOnPage.in(page.html, 'data-product-editor').set('status', 'published');
        change(form, page.html);
        return owner.postForm(form.action, form.submission('save'));
      };

      const noPicture = await publish();
      expect(noPicture.status).toBe(422);
      expect(noPicture.html).toMatch(/<select id="status" name="status" aria-describedby="status-hint status-error" aria-invalid="true">/);
      expect(textOf(noPicture.html)).toContain('To be published, the product needs at least one picture.');
      expect(noPicture.html).toContain(`<a href="/admin/products/${product.id}/pictures">Pictures (0)</a>`);

      await shop.dataSource
        .getRepository(ProductImage)
        .insert({ productId: product.id, url: '/uploads/products/p.svg', alt: 'Publish Me', colour: 'Indigo', position: 0 });
      const noPrice = await publish((form, html) => form.set(FormOnPage.cellName(html, 'M / Indigo', 'price'), ''));
      expect(noPrice.status).toBe(422);
      expect(textOf(noPrice.html)).toContain('To be published, the product needs a price on every variant (M / Indigo has none).');
      expect((await products().findOneByOrFail({ id: product.id })).status).toBe(ProductStatus.Draft);

      const published = await publish();
      expect(published.status).toBe(303);
      expect((await products().findOneByOrFail({ id: product.id })).status).toBe(ProductStatus.Published);
      expect((await new Shopper(shop.baseUrl).get(`/products/${product.slug}`)).status).toBe(200);
    });

    it('keeps a variant that has been ordered, saying why, when the owner unticks its size', async () => {
      const fixture = await aProduct(shop, { name: 'Ordered Kurta', sizes: ['S', 'M'] });
      const buyer = new Shopper(shop.baseUrl);
      await addToCart(buyer, fixture, { size: 'S' });
      expect((await checkout(buyer)).status).toBe(303);
      const product = await products().findOneByOrFail({ slug: fixture.slug });
      const form = FormOnPage.in((await owner.get(`/admin/products/${product.id}`)).html, 'data-product-editor').tick('sizes', 'S', false);

      const refused = await owner.postForm(form.action, form.submission('save'));

      expect(refused.status).toBe(422);
      expect(textOf(refused.html)).toContain('S / Indigo has been ordered, so it stays for its orders');
      expect(await variantsOf(product.id)).toHaveLength(2);
    });

    it('answers 404 for a product that does not exist', async () => {
      expect((await owner.get('/admin/products/999999')).status).toBe(404);
      expect((await owner.get('/admin/products/not-a-number')).status).toBe(404);
      const form = FormOnPage.in((await owner.get('/admin/products/new')).html, 'data-product-editor');
      expect((await owner.postForm('/admin/products/999999', form.submission('save'))).status).toBe(404);
    });
  });

  describe('editing what the shop shows', () => {
    it('shows a price edited in the grid on the product page, the listing and the API right after the 303, and audits the change', async () => {
      const fixture = await aProduct(shop, { name: 'Shalimar Silk Kurta', priceMinor: 250_000, sizes: ['S', 'M'] });
      const visitor = new Shopper(shop.baseUrl);
      // Every page the price is on is read (and cached) first.
      expect(textOf((await visitor.get(`/products/${fixture.slug}`)).html)).toContain('Rs 2,500');
      expect(textOf((await visitor.get(`/categories/${fixture.categorySlug}`)).html)).toContain('Rs 2,500');
      const product = await products().findOneByOrFail({ slug: fixture.slug });
      const page = await owner.get(`/admin/products/${product.id}`);
      const form = FormOnPage.in(page.html, 'data-product-editor');
      for (const label of ['S / Indigo', 'M / Indigo']) form.set(FormOnPage.cellName(page.html, label, 'price'), '2,199.00');

      const saved = await owner.postForm(form.action, form.submission('save'));

      expect(saved.status).toBe(303);
      const after = textOf((await visitor.get(`/products/${fixture.slug}`)).html);
      expect(after).toContain('Rs 2,199');
      expect(after).not.toContain('Rs 2,500');
      expect(textOf((await visitor.get(`/categories/${fixture.categorySlug}`)).html)).toContain('Rs 2,199');
      const api = (await (await fetch(`${shop.baseUrl}/api/v1/products/${fixture.slug}`)).json()) as { variants: { price: { amountMinor: number } }[] };
      expect(api.variants.map((v) => v.price.amountMinor)).toEqual([219_900, 219_900]);
      const [first] = await variantsOf(product.id);
      expect(await shop.dataSource.getRepository(AuditEntry).findOneByOrFail({ action: 'variant.updated', subjectId: String(first.id) })).toMatchObject({
        actorEmail: OWNER.email,
        before: JSON.stringify({ priceMinor: 250_000 }),
        after: JSON.stringify({ priceMinor: 219_900 }),
      });
    });

    it('renames a product, keeping the old address as a 301, and records the fields changed', async () => {
      const fixture = await aProduct(shop, { name: 'Old Name Kurta' });
      const product = await products().findOneByOrFail({ slug: fixture.slug });
      const form = FormOnPage.in((await owner.get(`/admin/products/${product.id}`)).html, 'data-product-editor')
        .set('name', 'New Name Kurta')
        .set('slug', 'new-name-kurta');

      expect((await owner.postForm(form.action, form.submission('save'))).status).toBe(303);

      const old = await new Shopper(shop.baseUrl).get(`/products/${fixture.slug}`);
      expect({ status: old.status, location: old.location }).toEqual({ status: 301, location: '/products/new-name-kurta' });
      const entry = await shop.dataSource.getRepository(AuditEntry).findOneByOrFail({ action: 'product.updated', subjectId: String(product.id) });
      expect(JSON.parse(entry.before ?? '')).toEqual({ name: 'Old Name Kurta', slug: fixture.slug });
      expect(JSON.parse(entry.after ?? '')).toEqual({ name: 'New Name Kurta', slug: 'new-name-kurta' });
    });

    it('saves a large grid whole: twelve colours × twelve sizes, over a thousand fields, none of them dropped', async () => {
      const colours = Array.from({ length: 12 }, (_, i) => `Shade ${i + 1}`);
      const sizes = Array.from({ length: 12 }, (_, i) => `W${28 + i}`);
      sequence += 1;
      const slug = `wide-grid-${sequence}`;
      const product = await shop.get(ProductEditor).saveProduct(
        {
          name: 'Wide Grid Shalwar',
          slug,
          description: '',
          categoryId: kurtas.id,
          status: ProductStatus.Draft,
          seoTitle: null,
          seoDescription: null,
          variants: colours.flatMap((colour, c) =>
            sizes.map((size, s) => ({ colour, size, sku: `WIDE-${c}-${s}`, priceMinor: 150_000, compareAtPriceMinor: null, stock: 3, lowStockThreshold: 1 })),
          ),
        },
        ACTOR,
      );
      const page = await owner.get(`/admin/products/${product.id}`);
      const last = FormOnPage.cellName(page.html, 'W39 / Shade 12', 'price');
      const form = FormOnPage.in(page.html, 'data-product-editor').set(last, '1,750.00');
      expect(form.submission('save').length).toBeGreaterThan(1000);

      const response = await owner.postForm(form.action, form.submission('save'));

      expect(response.status).toBe(303);
      const variants = await variantsOf(product.id);
      expect(variants).toHaveLength(144);
      expect(variants.filter((v) => v.priceMinor === 175_000).map((v) => v.sku)).toEqual(['WIDE-11-11']);
      expect(variants.every((v) => v.stock === 3)).toBe(true);
    });

    it('lets staff edit products as well as the owner', async () => {
      await shop.get(AuthService).register({ name: 'Sana Staff', email: 'sana@example.test', password: 'a-long-enough-password' }, Role.Staff);
      const staff = new Shopper(shop.baseUrl);
      expect((await staff.submit('/login', '/login', { email: 'sana@example.test', password: 'a-long-enough-password' })).status).toBe(303);
      const product = await saved({ name: 'Staff Edits This' });
      const form = FormOnPage.in((await staff.get(`/admin/products/${product.id}`)).html, 'data-product-editor').set('name', 'Staff Edited This');
      const response: PageResponse = await staff.postForm(form.action, form.submission('save'));
      expect(response.status).toBe(303);
      expect((await products().findOneByOrFail({ id: product.id })).name).toBe('Staff Edited This');
      expect(await shop.dataSource.getRepository(AuditEntry).countBy({ action: 'product.updated', actorEmail: 'sana@example.test' })).toBe(1);
    });
  });
});
