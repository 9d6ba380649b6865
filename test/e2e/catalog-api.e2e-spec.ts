import { SessionRecord } from '../../src/sessions/entities/session.entity.js';
import type { ProductDetailJson, ProductSummaryJson } from '../../src/catalog/catalog.api.presenter.js';
import { CatalogCache } from '../../src/catalog/cache/catalog-cache.js';
import { InventoryService } from '../../src/catalog/inventory.service.js';
import { Product, ProductStatus } from '../../src/catalog/entities/product.entity.js';
import { API_DOCUMENT, type OpenApiDocument } from '../../src/catalog/openapi.js';
import type { Page } from '../../src/common/pagination.js';
import { StoreSetting } from '../../src/settings/store-setting.entity.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart } from '../helpers/journeys.js';
import { responseSchema, schemaMismatches } from '../helpers/openapi.js';
import { routesOf } from '../helpers/routes.js';
import { Shopper } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

interface ApiAnswer<T> {
  status: number;
  headers: Headers;
  text: string;
  /** As the caller expects it; whether it really has that shape is checked against the OpenAPI document below. */
  body: T;
}

type ProductList = Page<ProductSummaryJson>;

describe('the public catalog API (/api/v1)', () => {
  let shop: TestShop;
  let kurta: ProductFixture;
  let shawl: ProductFixture;
  let draft: ProductFixture;
  /** Published products, newest first, as the listing should show them. */
  let newestFirst: string[];

  async function api<T = unknown>(path: string): Promise<ApiAnswer<T>> {
    const response = await fetch(`${shop.baseUrl}${path}`, { headers: { accept: 'application/json' } });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: (text ? JSON.parse(text) : undefined) as T };
  }

  const slugsOf = (answer: ApiAnswer<ProductList>): string[] => answer.body.items.map((item) => item.slug);

  beforeAll(async () => {
    shop = await startShop();
    kurta = await aProduct(shop, { name: 'Shalimar Lawn Kurta', sizes: ['S', 'M'], colours: ['Indigo', 'Rust'], stock: 7, priceMinor: 349_900 });
    shawl = await aProduct(shop, { name: 'Pashmina Shawl', stock: 0, priceMinor: 1_200_000 });
    draft = await aProduct(shop, { name: 'Hidden Draft Dupatta' });
    await shop.dataSource.getRepository(Product).update({ slug: draft.slug }, { status: ProductStatus.Draft });
    const fillers: ProductFixture[] = [];
    for (let i = 1; i <= 24; i += 1) fillers.push(await aProduct(shop, { name: `Linen Shirt ${i}` }));
    newestFirst = [...fillers.reverse(), shawl, kurta].map((product) => product.slug);
    // Rust / M sells out: its variant must say so without telling anyone how many of the others are left.
    const rustM = kurta.variantIds[3];
    const catalog = shop.get(InventoryService);
    await shop.dataSource.transaction((manager) => catalog.changeStock(manager, rustM, -7, 'test sale', null));
  });
  afterAll(() => shop.close());

  describe('GET /api/v1/products', () => {
    it('lists published products newest first, 24 to a page, with prices in the store currency', async () => {
      const first = await api<ProductList>('/api/v1/products');
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toMatch(/^application\/json/);
      expect(first.body).toMatchObject({ page: 1, pages: 2, total: 26 });
      const second = await api<ProductList>('/api/v1/products?page=2');
      expect(second.body).toMatchObject({ page: 2, pages: 2, total: 26 });
      expect([...slugsOf(first), ...slugsOf(second)]).toEqual(newestFirst);
      expect(slugsOf(first)).not.toContain(draft.slug);

      const card = second.body.items.find((item) => item.slug === kurta.slug);
      expect(card).toEqual({
        slug: kurta.slug,
        name: 'Shalimar Lawn Kurta',
        url: `/products/${kurta.slug}`,
        fromPrice: { amountMinor: 349_900, currency: 'PKR' },
        compareAtPrice: null,
        image: { url: `/uploads/products/${kurta.slug}-Indigo.svg`, alt: 'Shalimar Lawn Kurta in Indigo' },
        soldOut: false,
      });
      expect(second.body.items.find((item) => item.slug === shawl.slug)?.soldOut).toBe(true);
    });

    it('finds products by words in their name, case-insensitively', async () => {
      for (const q of ['shalimar', 'SHALIMAR lawn', '  Lawn Kurta ']) {
        const found = await api<ProductList>(`/api/v1/products?q=${encodeURIComponent(q)}`);
        expect({ q, slugs: slugsOf(found), total: found.body.total }).toEqual({ q, slugs: [kurta.slug], total: 1 });
      }
    });

    it('narrows to one category by its slug, and never shows a draft', async () => {
      const inCategory = await api<ProductList>(`/api/v1/products?category=${kurta.categorySlug}`);
      expect(slugsOf(inCategory)).toEqual([kurta.slug]);
      const draftsCategory = await api(`/api/v1/products?category=${draft.categorySlug}`);
      expect(draftsCategory.body).toMatchObject({ items: [], page: 1, pages: 1, total: 0 });
    });

    it('answers an unknown category with a 404 problem', async () => {
      const answer = await api('/api/v1/products?category=no-such-category');
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body).toEqual({ status: 404, title: expect.any(String) });
    });

    it('ignores every parameter it does not know', async () => {
      const plain = await api('/api/v1/products');
      const noisy = await api(
        '/api/v1/products?status=draft&categoryId=1&limit=1000&perPage=1000&order=name&__proto__[admin]=1&constructor[prototype][admin]=1',
      );
      expect(noisy.status).toBe(200);
      expect(noisy.body).toEqual(plain.body);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });

    it('treats hostile page numbers and search text as plain values', async () => {
      const cases: [string, { page: number; total: number }][] = [
        ['page=-1', { page: 1, total: 26 }],
        ['page=0', { page: 1, total: 26 }],
        ['page=abc', { page: 1, total: 26 }],
        ['page[]=2', { page: 1, total: 26 }],
        ['page=99999999999', { page: 2, total: 26 }],
        // Nothing here is a word the search can look up (too short, or punctuation only), so the search is ignored.
        ["q=' OR 1=1 --", { page: 1, total: 26 }],
        ['q=%25%25%25', { page: 1, total: 26 }],
        ['q=_', { page: 1, total: 26 }],
        ['q=%22%3B%20DROP%20TABLE%20product%3B%20--', { page: 1, total: 0 }],
      ];
      for (const [query, expected] of cases) {
        const answer = await api<ProductList>(`/api/v1/products?${query}`);
        expect({ query, status: answer.status, page: answer.body.page, total: answer.body.total }).toEqual({ query, status: 200, ...expected });
      }
      const injectedCategory = await api(`/api/v1/products?category=${encodeURIComponent("' OR 1=1 --")}`);
      expect(injectedCategory.status).toBe(404);
      expect((await api<ProductList>('/api/v1/products')).body.total).toBe(26);
    });

    it('answers a parameter it cannot read as one value, or an undecodable address, with a 400 problem', async () => {
      for (const query of [`q=${'x'.repeat(101)}`, 'q=a&q=b', 'category=a&category=b']) {
        const answer = await api(`/api/v1/products?${query}`);
        expect({ query, status: answer.status, type: answer.headers.get('content-type') }).toEqual({
          query,
          status: 400,
          type: expect.stringMatching(/^application\/problem\+json/),
        });
        expect(answer.body).toEqual({ status: 400, title: expect.stringMatching(/^(q|category) must be/) });
      }
      expect((await api(`/api/v1/products?q=${'x'.repeat(100)}`)).status).toBe(200);
      const undecodable = await api('/api/v1/products/%E0%A4%A');
      expect(undecodable.status).toBe(400);
      expect(undecodable.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(undecodable.body).toEqual({ status: 400, title: expect.any(String) });
    });

    it('filters by size, colour, price and stock, sorts, and counts facets', async () => {
      const filtered = await api<
        ProductList & { sort: string; facets: { sizes: { value: string; count: number; selected: boolean }[]; inStock: { count: number } } }
      >('/api/v1/products?size=S&colour=Rust&minPrice=3000&maxPrice=4000&inStock=1&sort=price_desc');
      expect(filtered.status).toBe(200);
      expect(slugsOf(filtered)).toEqual([kurta.slug]);
      expect(filtered.body.sort).toBe('price_desc');
      // Rust / M is sold out, so with inStock=1 only S has a matching variant; without the size filter M counts 0 and is not offered.
      expect(filtered.body.facets.sizes).toEqual([{ value: 'S', count: 1, selected: true }]);
      expect(filtered.body.facets.inStock.count).toBe(1);
      expect(slugsOf(await api<ProductList>('/api/v1/products?size=M&colour=Rust&inStock=1'))).toEqual([]);

      const cheapestFirst = await api<ProductList>('/api/v1/products?sort=price_asc&page=2');
      expect(slugsOf(cheapestFirst)).toEqual([kurta.slug, shawl.slug]);
      const dearestFirst = await api<ProductList>('/api/v1/products?sort=price_desc');
      expect(slugsOf(dearestFirst).slice(0, 2)).toEqual([shawl.slug, kurta.slug]);
    });

    it('answers a filter or sort it cannot use with a 400 problem naming the parameter', async () => {
      const cases: [string, RegExp][] = [
        ['sort=cheapest', /^sort must be one of relevance, newest, price_asc, price_desc, popular\.$/],
        ['sort=relevance', /^sort=relevance needs a search \(q\)\.$/],
        ['sort=newest&sort=popular', /^sort must be given once/],
        ['minPrice=cheap', /^minPrice must be an amount/],
        ['maxPrice=-5', /^maxPrice must be an amount/],
        ['maxPrice=99999999999', /^maxPrice must be an amount/],
        ['minPrice=5000&maxPrice=100', /^minPrice must not be more than maxPrice\.$/],
        ['inStock=yes', /^inStock must be 1 or 0\.$/],
        [`size=${'L'.repeat(41)}`, /^size must be one or more values/],
        [Array.from({ length: 31 }, (_, i) => `colour=c${i}`).join('&'), /^colour must be one or more values/],
      ];
      for (const [query, title] of cases) {
        const answer = await api<{ title: string }>(`/api/v1/products?${query}`);
        expect({ query, status: answer.status, type: answer.headers.get('content-type') }).toEqual({
          query,
          status: 400,
          type: expect.stringMatching(/^application\/problem\+json/),
        });
        expect({ query, title: answer.body.title }).toEqual({ query, title: expect.stringMatching(title) });
      }
      for (const query of ['size=XXL', 'colour=Nope', 'minPrice=&maxPrice=', 'inStock=0', 'sort=popular', 'q=kurta&sort=relevance', 'minPrice=2499.99']) {
        expect({ query, status: (await api(`/api/v1/products?${query}`)).status }).toEqual({ query, status: 200 });
      }
    });
  });

  describe('GET /api/v1/products/:slug', () => {
    it('shows a product with its category, pictures, options and variants', async () => {
      const answer = await api(`/api/v1/products/${kurta.slug}`);
      expect(answer.status).toBe(200);
      const sku = (size: string, colour: string) => `${kurta.slug}-${size}-${colour}`.toUpperCase();
      const price = { amountMinor: 349_900, currency: 'PKR' };
      expect(answer.body).toEqual({
        slug: kurta.slug,
        name: 'Shalimar Lawn Kurta',
        description: 'A test product.',
        category: { slug: kurta.categorySlug, name: expect.stringMatching(/^Category \d+$/) },
        images: ['Indigo', 'Rust'].map((colour) => ({ url: `/uploads/products/${kurta.slug}-${colour}.svg`, alt: `Shalimar Lawn Kurta in ${colour}`, colour })),
        options: { sizes: ['S', 'M'], colours: ['Indigo', 'Rust'] },
        variants: [
          { sku: sku('S', 'Indigo'), size: 'S', colour: 'Indigo', price, compareAtPrice: null, inStock: true },
          { sku: sku('M', 'Indigo'), size: 'M', colour: 'Indigo', price, compareAtPrice: null, inStock: true },
          { sku: sku('S', 'Rust'), size: 'S', colour: 'Rust', price, compareAtPrice: null, inStock: true },
          { sku: sku('M', 'Rust'), size: 'M', colour: 'Rust', price, compareAtPrice: null, inStock: false },
        ],
      });
    });

    it('says whether a variant is in stock, never how many units are left', async () => {
      const answer = await api<ProductDetailJson>(`/api/v1/products/${kurta.slug}`);
      expect(answer.text).not.toMatch(/"(stock|units|quantity|available)"/i);
      expect(answer.text).not.toMatch(/:\s*7\b/);
      for (const variant of answer.body.variants) expect(Object.keys(variant).sort()).toEqual(['colour', 'compareAtPrice', 'inStock', 'price', 'size', 'sku']);
    });

    it('answers an unknown or unpublished product with a 404 problem', async () => {
      for (const slug of ['no-such-product', draft.slug, "'%20OR%201=1%20--"]) {
        const answer = await api(`/api/v1/products/${slug}`);
        expect({ slug, status: answer.status, type: answer.headers.get('content-type') }).toEqual({
          slug,
          status: 404,
          type: expect.stringMatching(/^application\/problem\+json/),
        });
        expect(answer.body).toEqual({ status: 404, title: expect.any(String) });
      }
    });
  });

  describe('GET /api/v1/categories', () => {
    it('lists every category with its slug, name, description and page address', async () => {
      const answer = await api('/api/v1/categories');
      expect(answer.status).toBe(200);
      expect(answer.body).toHaveLength(27);
      expect(answer.body).toContainEqual({
        slug: kurta.categorySlug,
        name: expect.stringMatching(/^Category \d+$/),
        description: null,
        parent: null,
        url: `/categories/${kurta.categorySlug}`,
      });
    });
  });

  describe('HTTP behaviour', () => {
    const successes = () => ['/api/v1/products', `/api/v1/products/${kurta.slug}`, '/api/v1/categories', '/api/docs'];

    it('lets caches keep successful answers for a minute, but not errors', async () => {
      for (const path of successes()) {
        const answer = await api(path);
        expect({ path, status: answer.status, cache: answer.headers.get('cache-control') }).toEqual({ path, status: 200, cache: 'public, max-age=60' });
      }
      for (const path of ['/api/v1/products/no-such-product', '/api/v1/products?q=a&q=b']) {
        expect((await api(path)).headers.get('cache-control') ?? '').not.toContain('public');
      }
    });

    it('starts no session and sets no cookie, not even for a shopper who has one', async () => {
      const sessions = shop.dataSource.getRepository(SessionRecord);
      const before = await sessions.count();
      for (const path of [...successes(), '/api/v1/products/no-such-product', '/api/v1/products?q=a&q=b']) {
        const answer = await fetch(`${shop.baseUrl}${path}`);
        expect({ path, cookies: answer.headers.getSetCookie() }).toEqual({ path, cookies: [] });
      }
      expect(await sessions.count()).toBe(before);

      const shopper = new Shopper(shop.baseUrl);
      await addToCart(shopper, kurta, { size: 'S', colour: 'Indigo' });
      expect(shopper.sessionId).toBeDefined();
      for (const path of successes()) {
        const answer = await fetch(`${shop.baseUrl}${path}`, { headers: { cookie: `anarkali.sid=${shopper.sessionId}` } });
        expect({ path, status: answer.status, cookies: answer.headers.getSetCookie() }).toEqual({ path, status: 200, cookies: [] });
      }
    });

    it('prices in the currency from the store settings', async () => {
      const settings = shop.dataSource.getRepository(StoreSetting);
      await settings.upsert({ key: 'currency', value: 'EUR' }, ['key']);
      // Written behind the shop's back: the settings kept in the catalog cache are dropped as a save drops them.
      await shop.get(CatalogCache).invalidate();
      try {
        expect((await api<ProductList>(`/api/v1/products?category=${kurta.categorySlug}`)).body.items[0].fromPrice).toEqual({
          amountMinor: 349_900,
          currency: 'EUR',
        });
        expect((await api<ProductDetailJson>(`/api/v1/products/${kurta.slug}`)).body.variants[0].price.currency).toBe('EUR');
      } finally {
        await settings.delete({ key: 'currency' });
        await shop.get(CatalogCache).invalidate();
      }
    });
  });

  describe('GET /api/docs', () => {
    let document: OpenApiDocument;

    beforeAll(async () => {
      const answer = await api<OpenApiDocument>('/api/docs');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      document = answer.body;
    });

    it('serves the OpenAPI 3.1 document', () => {
      expect(document).toEqual(API_DOCUMENT);
      expect(document.openapi).toBe('3.1.0');
    });

    it('documents every /api/v1 route the router knows, and no route it does not', () => {
      const routed = routesOf(shop)
        .filter((route) => route.path.startsWith('/api/v1/'))
        .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
      const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
      expect(routed.length).toBeGreaterThanOrEqual(3);
      expect([...new Set(routed)].sort()).toEqual(documented.sort());
    });

    it('describes exactly what the API answers, errors included', async () => {
      const answers: [string, string, string, string][] = [
        ['/api/v1/products', '/api/v1/products', '200', 'application/json'],
        ['/api/v1/products?page=2', '/api/v1/products', '200', 'application/json'],
        ['/api/v1/products?q=a&q=b', '/api/v1/products', '400', 'application/problem+json'],
        ['/api/v1/products?category=nope', '/api/v1/products', '404', 'application/problem+json'],
        ['/api/v1/products?q=kurta&size=S&size=M&colour=Rust&minPrice=1000&inStock=1', '/api/v1/products', '200', 'application/json'],
        ['/api/v1/products?sort=nope', '/api/v1/products', '400', 'application/problem+json'],
        [`/api/v1/products/${kurta.slug}`, '/api/v1/products/{slug}', '200', 'application/json'],
        [`/api/v1/products/${shawl.slug}`, '/api/v1/products/{slug}', '200', 'application/json'],
        ['/api/v1/products/nope', '/api/v1/products/{slug}', '404', 'application/problem+json'],
        ['/api/v1/products/%E0%A4%A', '/api/v1/products/{slug}', '400', 'application/problem+json'],
        ['/api/v1/categories', '/api/v1/categories', '200', 'application/json'],
      ];
      for (const [url, path, status, mediaType] of answers) {
        const answer = await api(url);
        expect({ url, status: String(answer.status), type: answer.headers.get('content-type')?.split(';')[0] }).toEqual({ url, status, type: mediaType });
        expect({ url, mismatches: schemaMismatches(answer.body, responseSchema(document, path, status, mediaType), document) }).toEqual({
          url,
          mismatches: [],
        });
      }
    });
  });
});
