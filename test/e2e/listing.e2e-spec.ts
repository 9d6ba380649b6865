import type { ProductListJson } from '../../src/catalog/catalog.api.presenter.js';
import { CatalogEditor } from '../../src/catalog/catalog-editor.service.js';
import type { Category } from '../../src/catalog/entities/category.entity.js';
import { ProductOption } from '../../src/catalog/entities/option-value.entity.js';
import { Product, ProductStatus } from '../../src/catalog/entities/product.entity.js';
import { decodedLinks, Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

interface VariantSpec {
  size: string | null;
  colour: string;
  priceMinor: number;
  stock: number;
  compareAtPriceMinor?: number;
}

const PUBLIC_URL = 'https://shop.example';
const FILLERS = 30;

/**
 * The product listing as a shopper and an API client meet it: search, filters on one variant, sorts,
 * facet counts, category subtrees, pagination, the empty state and parameters that are not what they
 * should be. One small catalog, built once, on whichever database the run uses.
 */
describe('product listing: search, filters, sorts and facets', () => {
  let shop: TestShop;
  let catalog: CatalogEditor;
  const categories: Record<string, Category> = {};
  let created = 0;

  async function aProductIn(category: string, name: string, variants: VariantSpec[], extra: { description?: string; createdAt?: Date } = {}): Promise<string> {
    created += 1;
    const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${created}`;
    await catalog.createProduct({
      slug,
      name,
      description: extra.description ?? `${name}, made in Lahore.`,
      categoryId: categories[category].id,
      // An hour apart, in the order written here, so "newest" has a known answer.
      createdAt: extra.createdAt ?? new Date(Date.UTC(2026, 9, 1) + created * 3_600_000),
      variants: variants.map((v, i) => ({ sku: `${slug}-${i}`.toUpperCase(), ...v })),
      images: [],
    });
    return slug;
  }

  const api = async (query: string): Promise<{ status: number; body: ProductListJson & { title?: string } }> => {
    const response = await fetch(`${shop.baseUrl}/api/v1/products${query ? `?${query}` : ''}`, { headers: { accept: 'application/json' } });
    return { status: response.status, body: (await response.json()) as ProductListJson & { title?: string } };
  };
  const names = async (query: string): Promise<string[]> => {
    const answer = await api(query);
    expect({ query, status: answer.status }).toEqual({ query, status: 200 });
    return answer.body.items.map((item) => item.name);
  };
  const page = (path: string) => new Shopper(shop.baseUrl).get(path);

  beforeAll(async () => {
    shop = await startShop({ PUBLIC_URL });
    catalog = shop.get(CatalogEditor);
    await catalog.defineOptionValues(
      ProductOption.Size,
      ['S', 'M', 'L', 'XL'].map((value) => ({ value })),
    );
    await catalog.defineOptionValues(ProductOption.Colour, [
      { value: 'Red', swatch: '#b3261e' },
      { value: 'Blue', swatch: '#3b4a8c' },
      { value: 'White', swatch: '#fafafa' },
      { value: 'Black', swatch: '#1c1c1c' },
    ]);
    const tree: [string, string, string | null][] = [
      ['women', 'Women', null],
      ['women-kurtas', 'Kurtas', 'women'],
      ['women-dresses', 'Dresses', 'women'],
      ['men', 'Men', null],
      ['men-shirts', 'Shirts', 'men'],
      ['basics', 'Basics', null],
      ['basics-tees', 'T-Shirts', 'basics'],
      ['accessories', 'Accessories', null],
    ];
    for (const [position, [slug, name, parent]] of tree.entries()) {
      categories[slug] = await catalog.createCategory({
        slug,
        name,
        position,
        parentId: parent ? categories[parent].id : null,
        description: `${name} from the demo.`,
      });
    }
    // Has M (in Blue) and Red (in L) in stock, but its M / Red is sold out.
    await aProductIn('women-kurtas', 'Shalimar Lawn Kurta', [
      { size: 'M', colour: 'Red', priceMinor: 349_900, stock: 0 },
      { size: 'M', colour: 'Blue', priceMinor: 349_900, stock: 5 },
      { size: 'L', colour: 'Red', priceMinor: 349_900, stock: 3 },
    ]);
    await aProductIn('women-kurtas', 'Chikankari Kurta', [
      { size: 'S', colour: 'White', priceMinor: 429_900, stock: 4, compareAtPriceMinor: 529_900 },
      { size: 'M', colour: 'White', priceMinor: 429_900, stock: 0, compareAtPriceMinor: 529_900 },
    ]);
    await aProductIn('women-dresses', 'Maxi Dress', [{ size: 'M', colour: 'Red', priceMinor: 549_900, stock: 2 }]);
    // M costs 3,999 and L 4,199: no one variant is both M and 4,000 or more.
    await aProductIn(
      'men-shirts',
      'Linen Shirt',
      [
        { size: 'M', colour: 'Blue', priceMinor: 399_900, stock: 3 },
        { size: 'L', colour: 'Blue', priceMinor: 419_900, stock: 3 },
      ],
      { description: 'Washed linen that pairs well with a kurta and chinos.' },
    );
    await aProductIn('basics-tees', 'Cotton T-Shirt', [
      { size: 'S', colour: 'White', priceMinor: 149_900, stock: 9 },
      { size: 'M', colour: 'Black', priceMinor: 149_900, stock: 9 },
    ]);
    await aProductIn('basics-tees', 'Long-Sleeve Tee', [{ size: 'M', colour: 'Black', priceMinor: 189_900, stock: 0 }]);
    await aProductIn('accessories', 'Silk Dupatta', [{ size: null, colour: 'Gold', priceMinor: 699_900, stock: 1 }]);
    const draft = await aProductIn('women-kurtas', 'Hidden Draft Kurta', [{ size: 'M', colour: 'Red', priceMinor: 100_000, stock: 5 }]);
    const products = shop.dataSource.getRepository(Product);
    await products.update({ slug: draft }, { status: ProductStatus.Draft });
    // Fillers share a price and a creation time: every sort has ties for the id to break.
    const sameTime = new Date(Date.UTC(2026, 8, 1));
    for (let n = 1; n <= FILLERS; n += 1)
      await aProductIn('basics-tees', `Plain Vest ${n}`, [{ size: 'XL', colour: 'White', priceMinor: 99_900, stock: 1 }], { createdAt: sameTime });
    for (const [name, unitsSold] of [
      ['Maxi Dress', 10],
      ['Shalimar Lawn Kurta', 5],
      ['Plain Vest 7', 5],
    ] as const)
      await products.update({ name }, { unitsSold });
  });
  afterAll(() => shop.close());

  describe('search', () => {
    it('ranks products named for the words above those that only mention them', async () => {
      const found = await names('q=kurta');
      expect(found).toHaveLength(3);
      expect(found.slice(0, 2).sort()).toEqual(['Chikankari Kurta', 'Shalimar Lawn Kurta']);
      expect(found[2]).toBe('Linen Shirt');
      expect((await api('q=kurta')).body.sort).toBe('relevance');
    });

    it('finds a T-Shirt as tshirt, t-shirt, T shirt and T-SHIRTS', async () => {
      for (const q of ['tshirt', 't-shirt', 'T shirt', 'T-SHIRTS', 'tshirts']) {
        expect({ q, found: await names(`q=${encodeURIComponent(q)}`) }).toEqual({ q, found: expect.arrayContaining(['Cotton T-Shirt']) });
      }
      // Everything in the T-Shirts category matches too; the one named for it comes first.
      expect((await names('q=tshirt'))[0]).toBe('Cotton T-Shirt');
    });

    it('finds kurtas by the plural, by a prefix and with every word required', async () => {
      expect((await names('q=kurtas')).sort()).toEqual(['Chikankari Kurta', 'Linen Shirt', 'Shalimar Lawn Kurta']);
      expect(await names('q=chikan')).toEqual(['Chikankari Kurta']);
      expect(await names('q=lawn%20kurtas')).toEqual(['Shalimar Lawn Kurta']);
      expect(await names('q=dresses')).toEqual(['Maxi Dress']);
    });

    it('combines a search with filters and other sorts', async () => {
      expect(await names('q=kurta&size=S')).toEqual(['Chikankari Kurta']);
      expect(await names('q=kurta&sort=price_desc')).toEqual(['Chikankari Kurta', 'Linen Shirt', 'Shalimar Lawn Kurta']);
    });

    it('shows a helpful empty state: the words searched, a way out of the filters and popular categories', async () => {
      const nothing = await page('/products?q=zzyzx%20kurtas&size=M');
      expect(nothing.status).toBe(200);
      const text = textOf(nothing.html);
      expect(text).toContain('0 products');
      expect(text).toContain('No products match “zzyzx kurtas” with these filters.');
      expect(text).toContain('zzyzx, kurta');
      expect(decodedLinks(nothing.html)).toContain('href="/products?q=zzyzx+kurtas">Clear filters</a>');
      expect(text).toContain('Popular categories');
      for (const slug of ['women', 'men', 'basics', 'accessories']) expect(nothing.html).toContain(`href="/categories/${slug}"`);

      const tooShort = await page('/products?q=a%20b');
      expect(textOf(tooShort.html)).toContain('“a b” has no words to search by');
      expect(textOf(tooShort.html)).toContain(`${7 + FILLERS} products`);
    });
  });

  describe('filters', () => {
    it('matches size and colour (and stock and price) on the same variant', async () => {
      expect(await names('size=M&colour=Red&inStock=1')).toEqual(['Maxi Dress']);
      expect((await names('size=M&colour=Red')).sort()).toEqual(['Maxi Dress', 'Shalimar Lawn Kurta']);
      expect(await names('size=M&minPrice=4000&colour=Blue')).toEqual([]);
      expect(await names('size=L&minPrice=4000&colour=Blue')).toEqual(['Linen Shirt']);
    });

    it('reads a repeated size or colour as any of them', async () => {
      expect((await names('size=S&size=L')).sort()).toEqual(['Chikankari Kurta', 'Cotton T-Shirt', 'Linen Shirt', 'Shalimar Lawn Kurta']);
      expect((await names('colour=Blue&colour=Gold')).sort()).toEqual(['Linen Shirt', 'Shalimar Lawn Kurta', 'Silk Dupatta']);
    });

    it('filters by price in major units, both ends included, on any variant', async () => {
      expect((await names('minPrice=4000&maxPrice=6000')).sort()).toEqual(['Chikankari Kurta', 'Linen Shirt', 'Maxi Dress']);
      expect(await names('minPrice=3499&maxPrice=3499')).toEqual(['Shalimar Lawn Kurta']);
      expect(await names('minPrice=6000')).toEqual(['Silk Dupatta']);
      expect((await api('maxPrice=1498.99')).body.total).toBe(FILLERS);
    });

    it('leaves out products with nothing in stock only when asked', async () => {
      expect(await names('q=tee')).toContain('Long-Sleeve Tee');
      expect(await names('q=tee&inStock=1')).not.toContain('Long-Sleeve Tee');
    });

    it('scopes a category page, and category=, to the category and all its descendants', async () => {
      const women = ['Maxi Dress', 'Chikankari Kurta', 'Shalimar Lawn Kurta'];
      expect(await names('category=women')).toEqual(women);
      expect(await names('category=women-kurtas')).toEqual(['Chikankari Kurta', 'Shalimar Lawn Kurta']);
      const categoryPage = textOf((await page('/categories/women')).html);
      expect(categoryPage).toContain('3 products');
      for (const name of women) expect(categoryPage).toContain(name);
      expect(categoryPage).not.toContain('Hidden Draft Kurta');
    });
  });

  describe('sorts', () => {
    it('sorts by newest, price both ways and popularity, with the id breaking ties', async () => {
      expect(await names('category=women')).toEqual(['Maxi Dress', 'Chikankari Kurta', 'Shalimar Lawn Kurta']);
      expect(await names('category=women&sort=newest')).toEqual(['Maxi Dress', 'Chikankari Kurta', 'Shalimar Lawn Kurta']);
      expect(await names('category=women&sort=price_asc')).toEqual(['Shalimar Lawn Kurta', 'Chikankari Kurta', 'Maxi Dress']);
      expect(await names('category=women&sort=price_desc')).toEqual(['Maxi Dress', 'Chikankari Kurta', 'Shalimar Lawn Kurta']);
      expect(await names('category=women&sort=popular')).toEqual(['Maxi Dress', 'Shalimar Lawn Kurta', 'Chikankari Kurta']);
      const popular = await names('sort=popular');
      expect(popular.slice(0, 3)).toEqual(['Maxi Dress', 'Plain Vest 7', 'Shalimar Lawn Kurta']);
      const cheapest = await names('sort=price_asc');
      expect(cheapest.slice(0, 3)).toEqual(['Plain Vest 1', 'Plain Vest 2', 'Plain Vest 3']);
    });

    it('returns every product exactly once when walking all the pages of any sort', async () => {
      const everything = (await shop.dataSource.getRepository(Product).find({ where: { status: ProductStatus.Published } })).map((p) => p.name).sort();
      expect(everything).toHaveLength(7 + FILLERS);
      for (const query of ['sort=newest', 'sort=price_asc', 'sort=price_desc', 'sort=popular', 'q=plain%20vest', 'q=plain&sort=price_asc', 'colour=White']) {
        const first = await api(query);
        const seen = [...first.body.items.map((item) => item.name)];
        for (let n = 2; n <= first.body.pages; n += 1) seen.push(...(await names(`${query}&page=${n}`)));
        const expected = query.startsWith('q=')
          ? everything.filter((name) => name.startsWith('Plain Vest'))
          : query === 'colour=White'
            ? everything.filter((name) => /Plain Vest|Chikankari|Cotton/.test(name))
            : everything;
        expect({ query, seen: [...seen].sort(), total: first.body.total }).toEqual({ query, seen: expected, total: expected.length });
      }
    });
  });

  describe('facets', () => {
    it('counts each facet over everything chosen except its own choice', async () => {
      const { body } = await api('size=M&colour=Red');
      expect(body.total).toBe(2);
      // Sizes ignore the size choice: Red comes in M (the kurta, the dress) and L (the kurta).
      expect(body.facets.sizes).toEqual([
        { value: 'M', count: 2, selected: true },
        { value: 'L', count: 1, selected: false },
      ]);
      // Colours ignore the colour choice: every colour an M comes in, in the store's order.
      expect(body.facets.colours).toEqual([
        { value: 'Red', swatch: '#b3261e', count: 2, selected: true },
        { value: 'Blue', swatch: '#3b4a8c', count: 2, selected: false },
        { value: 'White', swatch: '#fafafa', count: 1, selected: false },
        { value: 'Black', swatch: '#1c1c1c', count: 2, selected: false },
      ]);
      expect(body.facets.inStock).toEqual({ count: 1, selected: false });
      expect(body.facets.prices).toEqual([
        { minPrice: null, maxPrice: 2000, count: 0, selected: false },
        { minPrice: 2000, maxPrice: 4000, count: 1, selected: false },
        { minPrice: 4000, maxPrice: 6000, count: 1, selected: false },
        { minPrice: 6000, maxPrice: null, count: 0, selected: false },
      ]);
      expect(body.facets.categories).toEqual([
        {
          slug: 'women',
          name: 'Women',
          count: 2,
          selected: false,
          children: [
            { slug: 'women-kurtas', name: 'Kurtas', count: 1, selected: false, children: [] },
            { slug: 'women-dresses', name: 'Dresses', count: 1, selected: false, children: [] },
          ],
        },
      ]);
    });

    it('counts categories with their descendants, and keeps the chosen category in the tree', async () => {
      const { body } = await api('category=women-kurtas&inStock=1');
      expect(body.total).toBe(2);
      const women = body.facets.categories.find((c) => c.slug === 'women');
      expect(women).toMatchObject({
        count: 3,
        selected: false,
        children: [
          { slug: 'women-kurtas', count: 2, selected: true },
          { slug: 'women-dresses', count: 1 },
        ],
      });
      expect(body.facets.categories.map((c) => [c.slug, c.count])).toEqual([
        ['women', 3],
        ['men', 1],
        ['basics', 1 + FILLERS],
        ['accessories', 1],
      ]);
      expect(body.facets.inStock).toEqual({ count: 2, selected: true });
      const prices = await api('minPrice=2000&maxPrice=4000');
      expect(prices.body.facets.prices.map((range) => [range.count, range.selected])).toEqual([
        [FILLERS + 2, false],
        [2, true],
        [3, false],
        [1, false],
      ]);
    });
  });

  describe('the HTML listing', () => {
    it('offers the filters as a plain GET form with real labels, a sort select, price links and the category tree', async () => {
      const listing = await page('/products?q=kurta&size=M&colour=Red');
      expect(listing.status).toBe(200);
      const html = decodedLinks(listing.html);
      expect(html).toContain('<form id="listing-filters" class="filters__form" action="/products" method="get"');
      expect(html).toContain('<input type="hidden" name="q" value="kurta">');
      expect(html).toMatch(
        /<input type="checkbox" id="filter-size-0" name="size" value="M" checked>\s*<label for="filter-size-0">M <span class="filter-count">\(1\)<\/span><\/label>/,
      );
      expect(html).toMatch(
        /<input type="checkbox" id="filter-colour-0" name="colour" value="Red" checked>\s*<label for="filter-colour-0"><svg class="filter-swatch"[^>]*><circle[^>]*fill="#b3261e"/,
      );
      expect(html).toContain('<label for="filter-in-stock">In stock only');
      expect(html).toContain('<label for="sort">Sort by</label>');
      expect(html).toContain('<option value="relevance" selected>Best match</option>');
      expect(html).toContain('<label for="filter-min-price">Min price</label>');
      expect(html).toContain('href="/products?q=kurta&size=M&colour=Red&minPrice=2000&maxPrice=4000"');
      expect(html).toContain('href="/categories/women?q=kurta&size=M&colour=Red"');
      expect(html).toContain('<details class="filters">');
      expect(html).not.toMatch(/style="/);
    });

    it('names a price filter of 0 as a price, not as no limit', async () => {
      expect(textOf((await page('/products?maxPrice=0')).html)).toMatch(/Price: Up to Rs 0\b/);
      expect(textOf((await page('/products?minPrice=0&maxPrice=0')).html)).toMatch(/Price: Rs 0 – Rs 0\b/);
    });

    it('shows active filters as chips that each remove just that filter, and the result count', async () => {
      const html = decodedLinks((await page('/products?size=M&size=L&colour=Red&inStock=1&minPrice=2000&maxPrice=6000&sort=price_asc')).html);
      const text = textOf(html);
      expect(text).toContain('2 products');
      expect(text).toContain('Size: M ×');
      expect(html).toContain(
        'href="/products?size=L&colour=Red&minPrice=2000&maxPrice=6000&inStock=1&sort=price_asc"><span class="visually-hidden">Remove filter </span>Size: M',
      );
      expect(html).toContain(
        'href="/products?size=M&size=L&colour=Red&inStock=1&sort=price_asc"><span class="visually-hidden">Remove filter </span>Price: Rs 2,000 – Rs 6,000',
      );
      expect(text).toContain('In stock only ×');
      expect(html).toContain('href="/products?sort=price_asc">Clear all filters</a>');
      expect(html).toContain('<option value="price_asc" selected>Price: low to high</option>');
      expect(html).not.toContain('value="relevance"');
    });

    it('keeps every parameter, repeated ones included, in the page links, and clamps the page number to the last page', async () => {
      const first = await page('/products?colour=White&size=XL&size=S');
      expect(textOf(first.html)).toContain(`${FILLERS + 2} products`);
      expect(decodedLinks(first.html)).toContain('href="/products?size=XL&size=S&colour=White&page=2" rel="next"');
      const beyond = await page('/products?colour=White&size=XL&size=S&page=99');
      expect(beyond.status).toBe(200);
      expect(textOf(beyond.html)).toContain('Page 2 of 2');
      expect(decodedLinks(beyond.html)).toContain('href="/products?size=XL&size=S&colour=White" rel="prev"');
    });

    it('shows sale cards with the was-price struck through, and sold-out cards', async () => {
      const html = decodedLinks((await page('/categories/women-kurtas')).html);
      expect(html).toMatch(/<ins><span class="visually-hidden">Now <\/span>Rs 4,299<\/ins> <del><span class="visually-hidden">Was <\/span>Rs 5,299<\/del>/);
      expect(html).toContain('<p class="badge badge--sale">Sale</p>');
      expect(textOf((await page('/products?q=sleeve')).html)).toContain('Sold out');
    });

    it('gives a category page breadcrumbs, its heading, child categories and the canonical unfiltered address', async () => {
      const kurtas = await page('/categories/women-kurtas?size=M');
      expect(kurtas.status).toBe(200);
      expect(textOf(kurtas.html)).toMatch(/Home › Women › Kurtas/);
      expect(kurtas.html).toContain('<h1>Kurtas</h1>');
      expect(kurtas.html).toContain(`<link rel="canonical" href="${PUBLIC_URL}/categories/women-kurtas">`);

      const women = await page('/categories/women');
      expect(women.html).toMatch(
        /<nav class="subcategories"[^>]*>\s*<ul>\s*<li><a href="\/categories\/women-kurtas">Kurtas<\/a><\/li><li><a href="\/categories\/women-dresses">Dresses<\/a>/,
      );
      expect((await page('/categories/no-such-category')).status).toBe(404);
    });

    it('canonicalises filtered and re-sorted listings to the plain listing, and keeps page and search on plain ones', async () => {
      const canonical = async (path: string) => /<link rel="canonical" href="([^"]*)">/.exec(decodedLinks((await page(path)).html))?.[1];
      expect(await canonical('/products?size=XL&page=2')).toBe(`${PUBLIC_URL}/products`);
      expect(await canonical('/products?sort=price_asc&page=2')).toBe(`${PUBLIC_URL}/products`);
      expect(await canonical('/products?q=vest&inStock=1&page=2')).toBe(`${PUBLIC_URL}/products?q=vest`);
      expect(await canonical('/products?sort=newest&page=2')).toBe(`${PUBLIC_URL}/products?page=2`);
      expect(await canonical('/products?q=vest&page=2')).toBe(`${PUBLIC_URL}/products?q=vest&page=2`);
    });

    it('lists top-level categories with their children and new arrivals on the home page', async () => {
      const home = await page('/');
      expect(home.html).toMatch(/<a href="\/categories\/women"><strong>Women<\/strong>[\s\S]*?<a href="\/categories\/women-kurtas">Kurtas<\/a>/);
      expect(home.html).toContain('href="/categories/accessories"');
      expect(textOf(home.html)).toContain('Silk Dupatta');
    });
  });

  describe('parameters that are not what they should be', () => {
    const junk = [
      "q=' OR 1=1 --",
      'q=%22kurta%22%20NEAR%20OR%20*%20-%20%2B',
      'q=kurta%20AND%20NOT%20%22',
      `q=${'kurta '.repeat(40)}`,
      'q=%F0%9F%91%97%20%E0%A4%95%E0%A5%81%E0%A4%B0%E0%A5%8D%E0%A4%A4%E0%A4%BE',
      'q=a&q=b',
      'q[]=kurta',
      'category=%27%20OR%201%3D1%20--',
      'category[]=women',
      'category=women&category=men',
      `category=${'x'.repeat(500)}`,
      'size=%27%3B%20DROP%20TABLE%20variant%3B%20--',
      'size[]=M',
      `size=${'M'.repeat(5000)}`,
      Array.from({ length: 200 }, () => 'size=M').join('&'),
      'colour=%00',
      'colour=R%C3%B6d&colour=%E2%80%AE',
      'minPrice=abc',
      'minPrice=-1',
      'minPrice=1e9',
      'minPrice=99999999999999999999',
      'maxPrice=0x10',
      'minPrice=5000&maxPrice=10',
      'minPrice=NaN&maxPrice=Infinity',
      'minPrice=1&minPrice=2',
      'inStock=yes',
      'inStock[]=1',
      'sort=name;DROP',
      'sort=relevance',
      'sort[]=newest',
      'sort=constructor',
      'sort=__proto__',
      'page=-1',
      'page=1e99',
      'page[]=2',
      '__proto__[sort]=x&constructor[prototype][x]=1',
    ];

    it('answers the HTML pages with 200, leaving out what cannot be used', async () => {
      for (const query of junk) {
        for (const path of ['/products', '/categories/women']) {
          const response = await page(`${path}?${query}`);
          expect({ path, query, status: response.status }).toEqual({ path, query, status: 200 });
        }
      }
      expect(textOf((await page('/products?sort=cheapest')).html)).toContain(`${7 + FILLERS} products`);
      expect(textOf((await page('/products?minPrice=abc&maxPrice=2000')).html)).toContain('Price: Up to Rs 2,000 ×');
    });

    it('answers the API with 200 or a 400 problem, never a server error', async () => {
      for (const query of junk) {
        const answer = await api(query);
        expect({ query, ok: [200, 400, 404].includes(answer.status) }).toEqual({ query, ok: true });
        if (answer.status !== 200) expect(answer.body.title).toMatch(/\S/);
      }
      expect((await api('category=%27%20OR%201%3D1%20--')).status).toBe(404);
      expect((await api('minPrice=abc')).status).toBe(400);
    });
  });
});
