import { CatalogCache } from '../../src/catalog/cache/catalog-cache.js';
import { InvalidProductSlugError, ProductSlugTakenError } from '../../src/catalog/catalog.errors.js';
import type { ProductDetailJson } from '../../src/catalog/catalog.api.presenter.js';
import { CatalogEditor } from '../../src/catalog/catalog-editor.service.js';
import { Category } from '../../src/catalog/entities/category.entity.js';
import { ProductOption } from '../../src/catalog/entities/option-value.entity.js';
import { ProductSlugRedirect } from '../../src/catalog/entities/product-slug-redirect.entity.js';
import { Product, ProductStatus } from '../../src/catalog/entities/product.entity.js';
import { Variant } from '../../src/catalog/entities/variant.entity.js';
import { API_DOCUMENT } from '../../src/catalog/openapi.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { responseSchema, schemaMismatches } from '../helpers/openapi.js';
import { csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

const PUBLIC_URL = 'https://shop.example';

/** The gallery as a shopper without JavaScript sees it: the alt text of each shown picture, in order, and of the hidden ones. */
function galleryOf(html: string): { shown: string[]; hidden: string[] } {
  const figures = [...html.matchAll(/<figure class="product__image"[^>]*?( hidden)?>\s*<img[^>]*\balt="([^"]*)"/g)];
  return {
    shown: figures.filter((figure) => !figure[1]).map((figure) => figure[2]),
    hidden: figures.filter((figure) => figure[1]).map((figure) => figure[2]),
  };
}

/** The <option>s of a select: value, visible text, and whether they are selected or disabled. */
function optionsOf(html: string, id: string): { value: string; text: string; selected: boolean; disabled: boolean }[] {
  const select = new RegExp(`<select id="${id}"[\\s\\S]*?</select>`).exec(html)?.[0] ?? '';
  return [...select.matchAll(/<option value="([^"]*)"([^>]*)>([^<]*)<\/option>/g)].map(([, value, attributes, text]) => ({
    value,
    text: textOf(text).trim(),
    selected: /\bselected\b/.test(attributes),
    disabled: /\bdisabled\b/.test(attributes),
  }));
}

function swatchesOf(html: string): { colour: string; href: string; current: boolean; fill: string | null }[] {
  return [...html.matchAll(/<a class="swatch[^"]*" href="([^"]*)" data-colour="([^"]*)"( aria-current="true")?>([\s\S]*?)<\/a>/g)].map(
    ([, href, colour, current, inner]) => ({
      colour,
      href: href.replace(/&#x3D;/g, '='),
      current: Boolean(current),
      fill: /fill="([^"]*)"/.exec(inner)?.[1] ?? null,
    }),
  );
}

function relatedOf(html: string): string[] {
  const section = /<section class="related"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return [...new Set([...section.matchAll(/href="\/products\/([^"]+)"/g)].map((match) => match[1]))];
}

function offerOf(html: string): string {
  return textOf(/<div class="product__offer"[\s\S]*?<\/div>/.exec(html)?.[0].replace(/<p[^>]*\bhidden\b[^>]*>[\s\S]*?<\/p>/g, '') ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the product page', () => {
  let shop: TestShop;
  let catalog: CatalogEditor;
  let lawnKurtas: Category;
  const visitor = () => new Shopper(shop.baseUrl);

  beforeAll(async () => {
    shop = await startShop({ PUBLIC_URL });
    catalog = shop.get(CatalogEditor);
    // The store's order, unlike the order the variants below were written in.
    await catalog.defineOptionValues(ProductOption.Size, [{ value: 'S' }, { value: 'M' }, { value: 'L' }]);
    await catalog.defineOptionValues(ProductOption.Colour, [
      { value: 'Olive', swatch: '#6b7340' },
      { value: 'Rust', swatch: '#b5532d' },
      { value: 'Indigo', swatch: '#3b4a8c' },
    ]);
    const women = await catalog.createCategory({ slug: 'women', name: 'Women', position: 0 });
    lawnKurtas = await catalog.createCategory({ slug: 'women-lawn-kurtas', name: 'Lawn Kurtas', position: 0, parentId: women.id });
    const stock: Record<string, Record<string, number>> = { Indigo: { L: 5, M: 0, S: 5 }, Rust: { L: 10, M: 2, S: 0 }, Olive: { L: 0, M: 0, S: 0 } };
    await catalog.createProduct({
      slug: 'shalimar-lawn-kurta',
      name: 'Shalimar Lawn Kurta',
      description: 'Printed lawn.',
      categoryId: lawnKurtas.id,
      createdAt: new Date('2026-10-01T00:00:00Z'),
      variants: ['Indigo', 'Rust', 'Olive'].flatMap((colour) =>
        ['L', 'M', 'S'].map((size) => ({
          sku: `SHALIMAR-${size}-${colour}`.toUpperCase(),
          size,
          colour,
          priceMinor: 349_900,
          compareAtPriceMinor: 439_900,
          stock: stock[colour][size],
        })),
      ),
      images: [
        { url: '/uploads/products/shalimar-indigo.svg', alt: 'Shalimar in Indigo, front', colour: 'Indigo' },
        { url: '/uploads/products/shalimar-rust.svg', alt: 'Shalimar in Rust, front', colour: 'Rust' },
        { url: '/uploads/products/shalimar-rust-back.svg', alt: 'Shalimar in Rust, back', colour: 'Rust' },
        { url: '/uploads/products/shalimar-detail.svg', alt: 'Shalimar print, close up', colour: null },
        { url: '/uploads/products/shalimar-olive.svg', alt: 'Shalimar in Olive, front', colour: 'Olive' },
      ],
    });
  });
  afterAll(() => shop.close());

  describe('without JavaScript', () => {
    it("opens on the first colour with stock, in the store's order, with its pictures first and the others hidden", async () => {
      const page = await visitor().get('/products/shalimar-lawn-kurta');
      expect(page.status).toBe(200);
      expect(galleryOf(page.html)).toEqual({
        shown: ['Shalimar in Rust, front', 'Shalimar in Rust, back', 'Shalimar print, close up'],
        hidden: ['Shalimar in Indigo, front', 'Shalimar in Olive, front'],
      });
      expect(optionsOf(page.html, 'colour')).toEqual([
        { value: 'Olive', text: 'Olive — sold out', selected: false, disabled: false },
        { value: 'Rust', text: 'Rust', selected: true, disabled: false },
        { value: 'Indigo', text: 'Indigo', selected: false, disabled: false },
      ]);
      expect(swatchesOf(page.html)).toEqual([
        { colour: 'Olive', href: '/products/shalimar-lawn-kurta?colour=Olive', current: false, fill: '#6b7340' },
        { colour: 'Rust', href: '/products/shalimar-lawn-kurta?colour=Rust', current: true, fill: '#b5532d' },
        { colour: 'Indigo', href: '/products/shalimar-lawn-kurta?colour=Indigo', current: false, fill: '#3b4a8c' },
      ]);
      // No inline style anywhere: the CSP would block it.
      expect(page.html).not.toMatch(/\sstyle=/);
    });

    it('follows a swatch link to that colour: its pictures first, its swatch current, the Colour select preselected', async () => {
      const page = await visitor().get('/products/shalimar-lawn-kurta?colour=Indigo');
      expect(galleryOf(page.html).shown).toEqual(['Shalimar in Indigo, front', 'Shalimar print, close up']);
      expect(optionsOf(page.html, 'colour').find((option) => option.selected)?.value).toBe('Indigo');
      expect(
        swatchesOf(page.html)
          .filter((swatch) => swatch.current)
          .map((swatch) => swatch.colour),
      ).toEqual(['Indigo']);
      // The canonical address is the product's, whatever colour is on show.
      expect(page.html).toContain(`<link rel="canonical" href="${PUBLIC_URL}/products/shalimar-lawn-kurta">`);
    });

    it('ignores a colour the product does not have, or one given twice', async () => {
      for (const query of ['colour=Magenta', 'colour=Rust&colour=Indigo', 'colour[x]=Indigo', `colour=${encodeURIComponent("' OR 1=1 --")}`]) {
        const page = await visitor().get(`/products/shalimar-lawn-kurta?${query}`);
        expect({ query, status: page.status, colour: optionsOf(page.html, 'colour').find((option) => option.selected)?.value }).toEqual({
          query,
          status: 200,
          colour: 'Rust',
        });
      }
    });

    it("disables the sizes sold out in the chosen colour, in the store's size order, and says when few are left", async () => {
      const rust = await visitor().get('/products/shalimar-lawn-kurta');
      expect(optionsOf(rust.html, 'size')).toEqual([
        { value: 'S', text: 'S — sold out', selected: false, disabled: true },
        { value: 'M', text: 'M — only 2 left', selected: true, disabled: false },
        { value: 'L', text: 'L', selected: false, disabled: false },
      ]);
      expect(textOf(rust.html)).toContain('M / Rust: Only 2 left');
      expect(textOf(rust.html)).toContain('S / Rust: Sold out');
      expect(textOf(rust.html)).toContain('L / Rust: In stock');

      const indigo = await visitor().get('/products/shalimar-lawn-kurta?colour=Indigo');
      expect(optionsOf(indigo.html, 'size').map(({ value, disabled }) => ({ value, disabled }))).toEqual([
        { value: 'S', disabled: false },
        { value: 'M', disabled: true },
        { value: 'L', disabled: false },
      ]);
      const olive = await visitor().get('/products/shalimar-lawn-kurta?colour=Olive');
      expect(optionsOf(olive.html, 'size').every((option) => option.disabled)).toBe(true);
      expect(offerOf(olive.html)).toContain('Sold out');
    });

    it('shows a sale as the price, the struck-through price before it, and the discount', async () => {
      const page = await visitor().get('/products/shalimar-lawn-kurta');
      // (Intl puts a no-break space after the currency sign.)
      expect(page.html.replace(/\u00a0/g, ' ')).toContain('<p class="price" data-offer-price>Rs 3,499 <del>Rs 4,399</del></p>');
      expect(offerOf(page.html)).toBe('Rs 3,499 Rs 4,399 Sale −20% In stock');
      // Search engines see the price paid, not the price before.
      expect(page.html).toMatch(/"price":"3499\.00"/);
      expect(page.html).not.toMatch(/"price":"4399\.00"/);
    });

    it('says "From" when the sizes cost different amounts, and "Only 1 left" for a product with one variant left', async () => {
      await catalog.createProduct({
        slug: 'bridal-lehenga',
        name: 'Bridal Lehenga',
        description: 'Silk.',
        categoryId: lawnKurtas.id,
        createdAt: new Date('2026-09-01T00:00:00Z'),
        variants: [
          { sku: 'LEHENGA-S', size: 'S', colour: null, priceMinor: 5_000_000, stock: 4 },
          { sku: 'LEHENGA-L', size: 'L', colour: null, priceMinor: 5_500_000, compareAtPriceMinor: 5_000_000, stock: 4 },
        ],
        images: [],
      });
      const lehenga = await visitor().get('/products/bridal-lehenga');
      expect(offerOf(lehenga.html)).toBe('From Rs 50,000 In stock');
      expect(/data-offer-price>[^\n]*<\/p>/.exec(lehenga.html)?.[0]).not.toContain('<del>');
      expect(lehenga.html).not.toContain('<select id="colour"');

      await catalog.createProduct({
        slug: 'last-dupatta',
        name: 'Last Dupatta',
        description: 'Chiffon.',
        categoryId: lawnKurtas.id,
        createdAt: new Date('2026-09-02T00:00:00Z'),
        variants: [{ sku: 'LAST-DUPATTA', size: null, colour: 'Rust', priceMinor: 150_000, stock: 1 }],
        images: [],
      });
      expect(offerOf((await visitor().get('/products/last-dupatta')).html)).toBe('Rs 1,500 Only 1 left');
    });

    it('refuses a sold-out size on the server too: the page again, with the message, the colour kept and the size disabled', async () => {
      const shopper = visitor();
      const fixture = { slug: 'shalimar-lawn-kurta' } as ProductFixture;
      const refused = await addToCart(shopper, fixture, { size: 'S', colour: 'Rust', quantity: 3 });
      expect(refused.status).toBe(409);
      expect(textOf(refused.html)).toContain('Sorry, Shalimar Lawn Kurta (S / Rust) just sold out.');
      expect(optionsOf(refused.html, 'colour').find((option) => option.selected)?.value).toBe('Rust');
      expect(optionsOf(refused.html, 'size').find((option) => option.value === 'S')).toMatchObject({ disabled: true });
      expect(refused.html).toContain('value="3"');
      expect(galleryOf(refused.html).shown[0]).toBe('Shalimar in Rust, front');

      const tooMany = await addToCart(shopper, fixture, { size: 'M', colour: 'Rust', quantity: 3 });
      expect(tooMany.status).toBe(409);
      expect(textOf(tooMany.html)).toContain('Only 2 of Shalimar Lawn Kurta (M / Rust) left');
      expect(optionsOf(tooMany.html, 'size').find((option) => option.selected)?.value).toBe('M');

      const added = await addToCart(shopper, fixture, { size: 'L', colour: 'Indigo', quantity: 1 });
      expect(added.status).toBe(303);
      expect(textOf((await shopper.follow(added)).html)).toContain('L / Indigo');
    });
  });

  it('leads from Home through the parent category and the category to the product', async () => {
    const page = await visitor().get('/products/shalimar-lawn-kurta');
    const trail = /<nav class="breadcrumbs"[\s\S]*?<\/nav>/.exec(page.html)?.[0] ?? '';
    expect(textOf(trail).replace(/\s+/g, ' ').trim()).toBe('Home › Women › Lawn Kurtas › Shalimar Lawn Kurta');
    expect([...trail.matchAll(/href="([^"]+)"/g)].map((match) => match[1])).toEqual(['/', '/categories/women', '/categories/women-lawn-kurtas']);
    expect(trail).toContain('<span aria-current="page">Shalimar Lawn Kurta</span>');
  });

  it("finds a product three categories deep by its top category's name, and leads to it through every level", async () => {
    const festive = await catalog.createCategory({ slug: 'festive', name: 'Festive', position: 1 });
    const eid = await catalog.createCategory({ slug: 'festive-eid', name: 'Eid Edit', position: 0, parentId: festive.id });
    const ghararas = await catalog.createCategory({ slug: 'festive-eid-ghararas', name: 'Ghararas', position: 0, parentId: eid.id });
    await catalog.createProduct({
      slug: 'zari-gharara',
      name: 'Zari Gharara',
      description: 'Silk with gold thread.',
      categoryId: ghararas.id,
      variants: [{ sku: 'ZARI-M', size: 'M', colour: 'Rust', priceMinor: 900_000, stock: 2 }],
      images: [],
    });
    const found = (await (await fetch(`${shop.baseUrl}/api/v1/products?q=festive`)).json()) as { items: { slug: string }[] };
    expect(found.items.map((item) => item.slug)).toEqual(['zari-gharara']);
    const trail = /<nav class="breadcrumbs"[\s\S]*?<\/nav>/.exec((await visitor().get('/products/zari-gharara')).html)?.[0] ?? '';
    expect(textOf(trail).replace(/\s+/g, ' ').trim()).toBe('Home › Festive › Eid Edit › Ghararas › Zari Gharara');
  });

  describe('related products', () => {
    it('shows up to four from the same category, newest first, never itself or a draft', async () => {
      const newest: string[] = [];
      for (let n = 1; n <= 5; n += 1) {
        const slug = `lawn-neighbour-${n}`;
        await catalog.createProduct({
          slug,
          name: `Lawn Neighbour ${n}`,
          description: 'Lawn.',
          categoryId: lawnKurtas.id,
          status: n === 5 ? ProductStatus.Draft : ProductStatus.Published,
          createdAt: new Date(Date.UTC(2026, 10, n)),
          variants: [{ sku: `NEIGHBOUR-${n}`, size: 'M', colour: 'Rust', priceMinor: 200_000, stock: 3 }],
          images: [],
        });
        if (n < 5) newest.unshift(slug);
      }
      const page = await visitor().get('/products/shalimar-lawn-kurta');
      expect(relatedOf(page.html)).toEqual(newest);
      expect(textOf(page.html)).toContain('You may also like');
    });

    it("fills up with products bought in the same orders, the most often first, after the category's own", async () => {
      const lonely = await aProduct(shop, { name: 'Lonely Kurta', stock: 20 });
      const [often, once, alone, hidden] = [
        await aProduct(shop, { name: 'Often With It', stock: 20 }),
        await aProduct(shop, { name: 'Once With It', stock: 20 }),
        await aProduct(shop, { name: 'Never With It', stock: 20 }),
        await aProduct(shop, { name: 'Now A Draft', stock: 20 }),
      ];
      const category = await shop.dataSource.getRepository(Category).findOneByOrFail({ slug: lonely.categorySlug });
      await catalog.createProduct({
        slug: 'lonely-neighbour',
        name: 'Lonely Neighbour',
        description: 'Same category.',
        categoryId: category.id,
        variants: [{ sku: 'LONELY-NEIGHBOUR', size: 'M', colour: 'Indigo', priceMinor: 100_000, stock: 1 }],
        images: [],
      });
      expect(relatedOf((await visitor().get(`/products/${lonely.slug}`)).html)).toEqual(['lonely-neighbour']);

      for (const basket of [[lonely, often, once, hidden], [lonely, often], [alone]]) {
        const shopper = visitor();
        for (const product of basket) expect((await addToCart(shopper, product)).status).toBe(303);
        expect((await checkout(shopper)).status).toBe(303);
      }
      await shop.dataSource.getRepository(Product).update({ slug: hidden.slug }, { status: ProductStatus.Draft });
      // Sales of well-stocked items and this direct update leave cached pages in place until they lapse
      // (a minute); the lapse is brought forward here, since this test is about what the page then shows.
      await shop.get(CatalogCache).invalidate();
      expect(relatedOf((await visitor().get(`/products/${lonely.slug}`)).html)).toEqual(['lonely-neighbour', often.slug, once.slug]);
      // And the other way round: a product bought with the lonely kurta lists it.
      expect(relatedOf((await visitor().get(`/products/${once.slug}`)).html)).toEqual(expect.arrayContaining([lonely.slug, often.slug]));
      expect(relatedOf((await visitor().get(`/products/${alone.slug}`)).html)).toEqual([]);
    });
  });

  it("heads the page with the owner's SEO title and description when set, the product's own words otherwise", async () => {
    await shop.dataSource
      .getRepository(Product)
      .update(
        { slug: 'shalimar-lawn-kurta' },
        { seoTitle: 'Shalimar lawn kurta — hand-block printed', seoDescription: 'Hand-block printed lawn kurta, made in Lahore.' },
      );
    const page = await visitor().get('/products/shalimar-lawn-kurta');
    expect(page.html).toContain('<title>Shalimar lawn kurta — hand-block printed — Anarkali</title>');
    expect(page.html).toContain('<meta name="description" content="Hand-block printed lawn kurta, made in Lahore.">');
    expect(page.html).toContain('<meta property="og:title" content="Shalimar lawn kurta — hand-block printed">');
    expect(page.html).toContain('<h1>Shalimar Lawn Kurta</h1>');
    const plain = await visitor().get('/products/bridal-lehenga');
    expect(plain.html).toContain('<title>Bridal Lehenga — Anarkali</title>');
    expect(plain.html).toContain('<meta name="description" content="Silk.">');
  });

  describe('renames', () => {
    let product: Product;
    let redirects: () => Promise<string[]>;

    beforeAll(async () => {
      product = await catalog.createProduct({
        slug: 'basant-kurta',
        name: 'Basant Kurta',
        description: 'Yellow lawn.',
        categoryId: lawnKurtas.id,
        variants: [{ sku: 'BASANT-M', size: 'M', colour: 'Rust', priceMinor: 300_000, stock: 3 }],
        images: [],
      });
      redirects = async () =>
        (await shop.dataSource.getRepository(ProductSlugRedirect).find({ where: { productId: product.id }, order: { slug: 'ASC' } })).map((row) => row.slug);
    });

    it('answers every old address with a 301 straight to the current one, keeping the query string', async () => {
      await catalog.renameProduct(product.id, 'basant-lawn-kurta');
      await catalog.renameProduct(product.id, 'basant-spring-kurta');
      expect(await redirects()).toEqual(['basant-kurta', 'basant-lawn-kurta']);

      for (const old of ['basant-kurta', 'basant-lawn-kurta']) {
        const page = await visitor().get(`/products/${old}`);
        expect({ old, status: page.status, location: page.location }).toEqual({ old, status: 301, location: '/products/basant-spring-kurta' });
        const withQuery = await visitor().get(`/products/${old}?colour=Rust&utm_source=mail`);
        expect(withQuery.location).toBe('/products/basant-spring-kurta?colour=Rust&utm_source=mail');
        const api = await fetch(`${shop.baseUrl}/api/v1/products/${old}?x=1`, { redirect: 'manual', headers: { accept: 'application/json' } });
        expect({ status: api.status, location: api.headers.get('location') }).toEqual({ status: 301, location: '/api/v1/products/basant-spring-kurta?x=1' });
      }
      const current = await visitor().get('/products/basant-spring-kurta');
      expect(current.status).toBe(200);
      expect(current.html).toContain(`<link rel="canonical" href="${PUBLIC_URL}/products/basant-spring-kurta">`);
      expect(current.html).toContain('name="product" value="basant-spring-kurta"');
    });

    it('takes back one of its own old slugs: that redirect goes, the others now lead there', async () => {
      await catalog.renameProduct(product.id, 'basant-kurta');
      expect(await redirects()).toEqual(['basant-lawn-kurta', 'basant-spring-kurta']);
      expect((await visitor().get('/products/basant-kurta')).status).toBe(200);
      expect((await visitor().get('/products/basant-spring-kurta')).location).toBe('/products/basant-kurta');
      expect((await visitor().get('/products/basant-lawn-kurta')).location).toBe('/products/basant-kurta');
    });

    /** A shopper on the current page whose form posts one of the product's old slugs, as a page opened before a rename does. */
    async function pageOpenedBeforeRename() {
      const shopper = visitor();
      const current = (await shop.dataSource.getRepository(Product).findOneByOrFail({ id: product.id })).slug;
      const token = csrfTokenIn((await shopper.get(`/products/${current}`)).html);
      const stale = (await shop.dataSource.getRepository(ProductSlugRedirect).findOneByOrFail({ productId: product.id })).slug;
      const addFromStalePage = (quantity: string) => shopper.post('/cart/items', { _csrf: token, product: stale, size: 'M', colour: 'Rust', quantity });
      return { shopper, current, addFromStalePage };
    }

    it('still adds to the cart from a page opened before the rename, which posts the old slug', async () => {
      const { shopper, addFromStalePage } = await pageOpenedBeforeRename();
      const added = await addFromStalePage('1');
      expect(added.status).toBe(303);
      expect(textOf((await shopper.get('/cart')).html)).toContain('Basant Kurta');
    });

    it('refuses a bad add from a page opened before the rename on the current product page, with the error', async () => {
      const { current, addFromStalePage } = await pageOpenedBeforeRename();
      const tooMany = await addFromStalePage('5');
      expect(tooMany.status).toBe(409);
      expect(tooMany.html).toContain(`name="product" value="${current}"`);
      expect(textOf(tooMany.html)).toContain('Basant Kurta');
      const none = await addFromStalePage('0');
      expect(none.status).toBe(422);
      expect(textOf(none.html)).toContain('Quantity must be at least 1');
    });

    it('renames the product too when given a name, and search finds it by the new one', async () => {
      const longAgo = new Date('2026-01-01T00:00:00Z');
      await shop.dataSource.getRepository(Product).update({ id: product.id }, { updatedAt: longAgo });
      const renamed = await catalog.renameProduct(product.id, 'basant-chikankari-kurta', 'Basant Chikankari Kurta');
      expect(renamed).toMatchObject({ slug: 'basant-chikankari-kurta', name: 'Basant Chikankari Kurta' });
      expect(renamed.searchText).toContain('chikankari');
      expect(renamed.searchText).toContain('lawn kurtas women');
      const found = (await (await fetch(`${shop.baseUrl}/api/v1/products?q=chikankari`)).json()) as { items: { slug: string }[] };
      expect(found.items.map((item) => item.slug)).toEqual(['basant-chikankari-kurta']);
      expect(renamed.updatedAt?.getTime()).toBeGreaterThan(longAgo.getTime());
      expect(
        textOf(
          (
            await visitor()
              .get('/products/basant-kurta')
              .then((moved) => visitor().get(moved.location ?? ''))
          ).html,
        ),
      ).toContain('Basant Chikankari Kurta');
    });

    it('refuses a slug another product has or had, or one that is not a slug, and changes nothing', async () => {
      await catalog.renameProduct(product.id, 'basant-kurta');
      const others = await shop.dataSource.getRepository(Product).findOneByOrFail({ slug: 'bridal-lehenga' });
      await catalog.renameProduct(others.id, 'bridal-silk-lehenga');
      const before = await redirects();
      await expect(catalog.renameProduct(product.id, 'shalimar-lawn-kurta')).rejects.toBeInstanceOf(ProductSlugTakenError);
      await expect(catalog.renameProduct(product.id, 'bridal-lehenga')).rejects.toBeInstanceOf(ProductSlugTakenError);
      for (const bad of ['Basant Kurta', 'basant/kurta', 'basant--kurta', '-basant', '', 'x'.repeat(161), '../admin', 'kurta-\u216b']) {
        await expect(catalog.renameProduct(product.id, bad)).rejects.toBeInstanceOf(InvalidProductSlugError);
      }
      await expect(catalog.renameProduct(product.id, 'bridal-lehenga')).rejects.toThrow('belongs to another product');
      expect((await shop.dataSource.getRepository(Product).findOneByOrFail({ id: product.id })).slug).toBe('basant-kurta');
      expect(await redirects()).toEqual(before);
      expect((await visitor().get('/products/bridal-lehenga')).location).toBe('/products/bridal-silk-lehenga');
    });

    it('refuses to create a product under a slug another product has or had, or one that is not a slug, and writes nothing', async () => {
      const current = (await shop.dataSource.getRepository(Product).findOneByOrFail({ id: product.id })).slug;
      const [old] = await redirects();
      const rows = async () => Promise.all([Product, Variant, ProductSlugRedirect].map((table) => shop.dataSource.getRepository(table).count()));
      const before = await rows();
      const create = (slug: string) =>
        catalog.createProduct({
          slug,
          name: 'Usurper Kurta',
          description: 'Yellow lawn.',
          categoryId: lawnKurtas.id,
          variants: [{ sku: 'USURPER-M', size: 'M', colour: 'Rust', priceMinor: 300_000, stock: 3 }],
          images: [],
        });
      await expect(create(current)).rejects.toBeInstanceOf(ProductSlugTakenError);
      await expect(create(old)).rejects.toBeInstanceOf(ProductSlugTakenError);
      await expect(create('Basant Kurta')).rejects.toBeInstanceOf(InvalidProductSlugError);
      expect(await rows()).toEqual(before);
      const moved = await visitor().get(`/products/${old}`);
      expect({ status: moved.status, location: moved.location }).toEqual({ status: 301, location: `/products/${current}` });
    });

    it('answers its address in other capitals with a 301 to the lower-case one, keeping the query string, as page and as JSON', async () => {
      expect((await visitor().get('/products/shalimar-lawn-kurta')).status).toBe(200);
      for (const asked of ['SHALIMAR-LAWN-KURTA', 'Shalimar-Lawn-Kurta']) {
        const page = await visitor().get(`/products/${asked}?colour=Rust`);
        expect({ asked, status: page.status, location: page.location }).toEqual({ asked, status: 301, location: '/products/shalimar-lawn-kurta?colour=Rust' });
        const api = await fetch(`${shop.baseUrl}/api/v1/products/${asked}?x=1`, { redirect: 'manual', headers: { accept: 'application/json' } });
        expect({ asked, status: api.status, location: api.headers.get('location') }).toEqual({
          asked,
          status: 301,
          location: '/api/v1/products/shalimar-lawn-kurta?x=1',
        });
      }
      expect(Object.keys(API_DOCUMENT.paths['/api/v1/products/{slug}'].get?.responses ?? {})).toContain('301');

      const resham = await catalog.createProduct({
        slug: 'resham-kurta',
        name: 'Resham Kurta',
        description: 'Silk.',
        categoryId: lawnKurtas.id,
        variants: [{ sku: 'RESHAM-M', size: 'M', colour: 'Rust', priceMinor: 500_000, stock: 1 }],
        images: [],
      });
      await catalog.renameProduct(resham.id, 'resham-silk-kurta');
      expect((await visitor().get('/products/Resham-Kurta')).location).toBe('/products/resham-silk-kurta');
      expect((await visitor().get('/products/NO-SUCH-KURTA')).status).toBe(404);
    });

    it('still answers an unknown slug, or the old slug of a product taken off sale, with the 404 page and its search box', async () => {
      const draft = await aProduct(shop, { name: 'Withdrawn Kurta' });
      const draftId = (await shop.dataSource.getRepository(Product).findOneByOrFail({ slug: draft.slug })).id;
      await catalog.renameProduct(draftId, 'withdrawn-kurta-2');
      await shop.dataSource.getRepository(Product).update({ id: draftId }, { status: ProductStatus.Draft });
      for (const slug of ['no-such-kurta', draft.slug, 'withdrawn-kurta-2']) {
        const page = await visitor().get(`/products/${slug}`);
        expect({ slug, status: page.status }).toEqual({ slug, status: 404 });
        expect(page.html).toContain('type="search"');
        const api = await fetch(`${shop.baseUrl}/api/v1/products/${slug}`, { redirect: 'manual' });
        expect({ slug, status: api.status }).toEqual({ slug, status: 404 });
      }
    });
  });

  describe('as JSON', () => {
    it("lists options in the store's order and the price before a sale, as the OpenAPI document says", async () => {
      const response = await fetch(`${shop.baseUrl}/api/v1/products/shalimar-lawn-kurta`, { headers: { accept: 'application/json' } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as ProductDetailJson;
      expect(body.options).toEqual({ sizes: ['S', 'M', 'L'], colours: ['Olive', 'Rust', 'Indigo'] });
      expect(body.variants.find((variant) => variant.sku === 'SHALIMAR-M-RUST')).toEqual({
        sku: 'SHALIMAR-M-RUST',
        size: 'M',
        colour: 'Rust',
        price: { amountMinor: 349_900, currency: 'PKR' },
        compareAtPrice: { amountMinor: 439_900, currency: 'PKR' },
        inStock: true,
      });
      expect(schemaMismatches(body, responseSchema(API_DOCUMENT, '/api/v1/products/{slug}', '200', 'application/json'), API_DOCUMENT)).toEqual([]);
      // A "was" price below the price is no sale.
      const lehenga = (await (await fetch(`${shop.baseUrl}/api/v1/products/bridal-silk-lehenga`)).json()) as ProductDetailJson;
      expect(lehenga.variants.map((variant) => variant.compareAtPrice)).toEqual([null, null]);
    });
  });
});
