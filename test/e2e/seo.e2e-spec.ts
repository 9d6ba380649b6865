import { SessionRecord } from '../../src/sessions/entities/session.entity.js';
import { CatalogEditor } from '../../src/catalog/catalog-editor.service.js';
import { Product, ProductStatus } from '../../src/catalog/entities/product.entity.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

const PUBLIC_URL = 'https://shop.example';

/** The search-engine tags in a page's <head>, decoded the way a crawler reads attributes. */
function headOf(html: string) {
  const attribute = (pattern: RegExp) => {
    const match = pattern.exec(html);
    return match ? textOf(match[1]).trim() : undefined;
  };
  const og = (property: string) => attribute(new RegExp(`<meta property="og:${property}" content="([^"]*)">`));
  return {
    title: attribute(/<title>([^<]*)<\/title>/),
    description: attribute(/<meta name="description" content="([^"]*)">/),
    canonical: attribute(/<link rel="canonical" href="([^"]*)">/),
    og: { title: og('title'), description: og('description'), url: og('url'), type: og('type'), image: og('image') },
  };
}

/** The text of the page's JSON-LD block, up to the first "</script>" a browser would see. */
function jsonLdOf(html: string): Record<string, unknown> & { offers: Record<string, unknown> } {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no JSON-LD on the page');
  return JSON.parse(match[1]) as Record<string, unknown> & { offers: Record<string, unknown> };
}

describe('search engines and link previews', () => {
  let shop: TestShop;
  let catalog: CatalogEditor;
  let kurta: ProductFixture;
  let soldOut: ProductFixture;
  let draft: ProductFixture;
  const visitor = () => new Shopper(shop.baseUrl);

  beforeAll(async () => {
    shop = await startShop({ PUBLIC_URL });
    catalog = shop.get(CatalogEditor);
    kurta = await aProduct(shop, { name: 'Shalimar Lawn Kurta', priceMinor: 249_950, stock: 3 });
    soldOut = await aProduct(shop, { name: 'Sold Out Shirt', stock: 0, sizes: ['S', 'M'] });
    draft = await aProduct(shop, { name: 'Unreleased Dupatta' });
    await shop.dataSource.getRepository(Product).update({ slug: draft.slug }, { status: ProductStatus.Draft });
  });
  afterAll(() => shop.close());

  it('describes the home page with the shop tagline and an absolute canonical address', async () => {
    const head = headOf((await visitor().get('/')).html);
    expect(head.title).toContain('Anarkali');
    expect(head.description).toMatch(/^Clothes made in Lahore/);
    expect(head.canonical).toBe(`${PUBLIC_URL}/`);
    expect(head.og).toEqual({
      title: expect.stringContaining('Anarkali'),
      description: head.description,
      url: `${PUBLIC_URL}/`,
      type: 'website',
      image: undefined,
    });
  });

  it('gives the listing a canonical address with only the search and page it honours', async () => {
    const page = await visitor().get('/products?q=Lawn&page=1&utm_source=mail&sort=price_asc&evil=%22%3E%3Cb%3Ex');
    const head = headOf(page.html);
    expect(head.title).toContain('Search: Lawn');
    expect(head.description).toContain('“Lawn”');
    expect(head.canonical).toBe(`${PUBLIC_URL}/products?q=Lawn`);
    expect(head.og).toMatchObject({ url: head.canonical, type: 'website', title: 'Search: Lawn' });
    expect(page.html).not.toMatch(/utm_source|evil|<b>x/);

    const all = headOf((await visitor().get('/products?page=99')).html);
    expect(all.title).toContain('All products');
    expect(all.description).toMatch(/\S/);
    expect(all.canonical).toBe(`${PUBLIC_URL}/products`);
  });

  it('keeps a page number above 1 in the canonical address of a long category', async () => {
    const category = await catalog.createCategory({ slug: 'lawn-season', name: 'Lawn season', position: 99, description: 'Light lawn for hot days.' });
    for (let n = 1; n <= 25; n += 1) {
      await catalog.createProduct({
        slug: `lawn-season-${n}`,
        name: `Lawn Season ${n}`,
        description: 'Printed lawn.',
        categoryId: category.id,
        variants: [{ sku: `LAWN-SEASON-${n}`, size: 'M', colour: null, priceMinor: 150_000, stock: 1 }],
        images: [],
      });
    }
    const first = headOf((await visitor().get('/categories/lawn-season?utm_campaign=x')).html);
    expect(first).toMatchObject({ description: 'Light lawn for hot days.', canonical: `${PUBLIC_URL}/categories/lawn-season` });
    expect(first.og).toMatchObject({ title: 'Lawn season', description: 'Light lawn for hot days.', url: first.canonical, type: 'website' });
    const second = headOf((await visitor().get('/categories/lawn-season?page=2&utm_campaign=x')).html);
    expect(second.canonical).toBe(`${PUBLIC_URL}/categories/lawn-season?page=2`);
    expect(headOf((await visitor().get('/products?page=2')).html).canonical).toBe(`${PUBLIC_URL}/products?page=2`);
  });

  it('describes a product with its own words, cut to a search snippet, and its first picture', async () => {
    const description = `${'Hand-block printed lawn with a chikankari neckline, '.repeat(8)}finished by hand.`;
    const category = await catalog.createCategory({ slug: 'long-descriptions', name: 'Long descriptions', position: 100 });
    await catalog.createProduct({
      slug: 'chikankari-kurta',
      name: 'Chikankari Kurta',
      description,
      categoryId: category.id,
      variants: [{ sku: 'CHIKAN-M', size: 'M', colour: 'White', priceMinor: 300_000, stock: 2 }],
      images: [
        { url: '/uploads/products/chikankari-front.svg', alt: 'Front', colour: 'White' },
        { url: '/uploads/products/chikankari-back.svg', alt: 'Back', colour: 'White' },
      ],
    });
    const head = headOf((await visitor().get('/products/chikankari-kurta')).html);
    expect(head.title).toContain('Chikankari Kurta');
    expect(head.description).toMatch(/^Hand-block printed lawn with a chikankari neckline, .*…$/);
    expect((head.description ?? '').length).toBeLessThanOrEqual(155);
    expect(head.canonical).toBe(`${PUBLIC_URL}/products/chikankari-kurta`);
    expect(head.og).toEqual({
      title: 'Chikankari Kurta',
      description: head.description,
      url: head.canonical,
      type: 'product',
      image: `${PUBLIC_URL}/uploads/products/chikankari-front.svg`,
    });
  });

  it('publishes a schema.org Product with one offer, priced in the store currency', async () => {
    const data = jsonLdOf((await visitor().get(`/products/${kurta.slug}`)).html);
    expect(data).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Shalimar Lawn Kurta',
      description: 'A test product.',
      image: [`${PUBLIC_URL}/uploads/products/${kurta.slug}-Indigo.svg`],
      sku: `${kurta.slug}-M-Indigo`.toUpperCase(),
      brand: { '@type': 'Brand', name: 'Anarkali' },
      url: `${PUBLIC_URL}/products/${kurta.slug}`,
      offers: {
        '@type': 'Offer',
        price: '2499.50',
        priceCurrency: 'PKR',
        availability: 'https://schema.org/InStock',
        url: `${PUBLIC_URL}/products/${kurta.slug}`,
      },
    });
  });

  it('says OutOfStock for a sold-out product, and names no single SKU for several sizes', async () => {
    const data = jsonLdOf((await visitor().get(`/products/${soldOut.slug}`)).html);
    expect(data.offers).toMatchObject({ '@type': 'Offer', price: '2500.00', availability: 'https://schema.org/OutOfStock' });
    expect(data).not.toHaveProperty('sku');
  });

  it('offers a price range when sizes cost different amounts', async () => {
    const category = await catalog.createCategory({ slug: 'ranges', name: 'Ranges', position: 101 });
    await catalog.createProduct({
      slug: 'bridal-lehenga',
      name: 'Bridal Lehenga',
      description: 'Silk.',
      categoryId: category.id,
      variants: [
        { sku: 'LEHENGA-S', size: 'S', colour: null, priceMinor: 5_000_000, stock: 0 },
        { sku: 'LEHENGA-XL', size: 'XL', colour: null, priceMinor: 5_500_000, stock: 1 },
      ],
      images: [],
    });
    const data = jsonLdOf((await visitor().get('/products/bridal-lehenga')).html);
    expect(data.offers).toEqual({
      '@type': 'AggregateOffer',
      lowPrice: '50000.00',
      highPrice: '55000.00',
      offerCount: 2,
      priceCurrency: 'PKR',
      availability: 'https://schema.org/InStock',
      url: `${PUBLIC_URL}/products/bridal-lehenga`,
    });
  });

  it('keeps a product named </script> inside its JSON-LD block', async () => {
    const name = '</script><script>alert(1)</script>';
    const evil = await aProduct(shop, { name });
    const page = await visitor().get(`/products/${evil.slug}`);
    expect(page.status).toBe(200);
    // Besides the page's own script files, the JSON-LD element is the only script on the page and nothing after it opens another one.
    const inline = page.html.replace(/<script src="\/js\/[\w.-]+\.js" defer><\/script>/g, '');
    expect(inline.match(/<script/g)).toEqual(['<script']);
    expect(inline.match(/<\/script>/g)).toEqual(['</script>']);
    expect(page.html).not.toContain('<script>alert(1)');
    expect(jsonLdOf(page.html).name).toBe(name);
    expect(headOf(page.html).og.title).toBe(name);
  });

  it('lists the pages worth finding in /sitemap.xml, with absolute addresses, and no drafts', async () => {
    const response = await fetch(`${shop.baseUrl}/sitemap.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    const xml = await response.text();
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
    expect(xml.trimEnd()).toMatch(/<\/urlset>$/);
    const urls = [...xml.matchAll(/<url><loc>([^<]+)<\/loc>(?:<lastmod>([^<]+)<\/lastmod>)?<\/url>/g)];
    expect(urls).toHaveLength((xml.match(/<url>/g) ?? []).length);
    const locs = urls.map((url) => url[1]);
    expect(locs.every((loc) => loc.startsWith(`${PUBLIC_URL}/`))).toBe(true);
    expect(locs).toEqual(expect.arrayContaining([`${PUBLIC_URL}/`, `${PUBLIC_URL}/products`, `${PUBLIC_URL}/categories/${kurta.categorySlug}`]));
    expect(locs).toEqual(expect.arrayContaining([`${PUBLIC_URL}/products/${kurta.slug}`, `${PUBLIC_URL}/products/${soldOut.slug}`]));
    expect(locs).not.toContain(`${PUBLIC_URL}/products/${draft.slug}`);
    expect(new Set(locs).size).toBe(locs.length);
    const lastmod = urls.find((url) => url[1] === `${PUBLIC_URL}/products/${kurta.slug}`)?.[2] ?? '';
    expect(new Date(lastmod).toISOString()).toBe(lastmod);
  });

  it('tells crawlers in /robots.txt what to skip and where the sitemap is', async () => {
    const response = await fetch(`${shop.baseUrl}/robots.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = (await response.text()).split('\n');
    expect(lines).toEqual(expect.arrayContaining(['User-agent: *', 'Disallow: /admin', 'Disallow: /account', 'Disallow: /cart', 'Disallow: /checkout']));
    expect(lines).toContain(`Sitemap: ${PUBLIC_URL}/sitemap.xml`);
    expect(lines).not.toContain('Disallow: /');
  });

  it('answers crawlers without starting a session or writing anything', async () => {
    const sessions = shop.dataSource.getRepository(SessionRecord);
    const before = await sessions.count();
    for (const path of ['/sitemap.xml', '/robots.txt']) {
      const response = await fetch(`${shop.baseUrl}${path}`);
      expect({ path, status: response.status, cookies: response.headers.getSetCookie() }).toEqual({ path, status: 200, cookies: [] });
    }
    expect(await sessions.count()).toBe(before);
  });
});

describe('the sitemap while the database is away', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop({ PUBLIC_URL });
  });
  afterAll(() => shop.close());

  it('answers with the ordinary error page, neither labelled as XML nor cacheable', async () => {
    await shop.dataSource.destroy();
    const response = await fetch(`${shop.baseUrl}/sitemap.xml`);
    await shop.dataSource.initialize();
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control') ?? '').not.toContain('public');
  });
});
