import { CatalogSeo, summary } from './seo.js';

describe('CatalogSeo', () => {
  const sut = new CatalogSeo({ publicUrl: 'https://shop.example' });

  it('cuts a long description at a word, within a search snippet', () => {
    const line = `Soft lawn${' with a printed border'.repeat(20)}`;
    const text = summary(line.replace('Soft lawn', 'Soft   lawn\n'));
    expect(text.length).toBeLessThanOrEqual(155);
    expect(text.endsWith('…')).toBe(true);
    const kept = text.slice(0, -1);
    expect(line.startsWith(kept)).toBe(true);
    expect(line[kept.length]).toBe(' ');
    expect(summary('Short and sweet.')).toBe('Short and sweet.');
  });

  it('builds canonical addresses from the search and a page above 1 only', () => {
    expect(sut.listing('All products', '', 1).canonicalUrl).toBe('https://shop.example/products');
    expect(sut.listing('Search', 'lawn & silk', 3).canonicalUrl).toBe('https://shop.example/products?q=lawn+%26+silk&page=3');
    expect(sut.category({ slug: 'kurtas/2', name: 'Kurtas', description: null }, 2).canonicalUrl).toBe('https://shop.example/categories/kurtas%2F2?page=2');
  });

  it('escapes what it writes into the sitemap', () => {
    const xml = sut.sitemapXml({ categories: [], products: [{ slug: "o'neil&<co>", lastModified: new Date('2026-11-01T00:00:00Z') }] });
    expect(xml).toContain('<loc>https://shop.example/products/o&#39;neil%26%3Cco%3E</loc><lastmod>2026-11-01T00:00:00.000Z</lastmod>');
  });
});
