import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/common/paths.js';
import { Shopper } from '../helpers/shopper.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('responses and static assets are cheap to fetch', () => {
  let shop: TestShop;

  const fetchFrom = (url: string, headers: Record<string, string> = {}) => fetch(`${shop.baseUrl}${url}`, { headers });
  const linked = (html: string, rel: string): string[] => [...html.matchAll(new RegExp(`<link rel="${rel}" href="([^"]+)"`, 'g'))].map((match) => match[1]);

  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.close());

  it('sends a page gzip-compressed to a browser that accepts gzip, and brotli to one that prefers it', async () => {
    // fetch decompresses the body itself but keeps the Content-Encoding header the shop sent.
    const gzip = await fetchFrom('/products', { 'accept-encoding': 'gzip' });
    expect(gzip.status).toBe(200);
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gzip.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(await gzip.text()).toContain('<html');

    const brotli = await fetchFrom('/products', { 'accept-encoding': 'br' });
    expect(brotli.headers.get('content-encoding')).toBe('br');

    const plain = await fetchFrom('/products', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('links the stylesheets and icon by content hash and serves them for a year, immutable, under the same CSP', async () => {
    const page = await fetchFrom('/products');
    const html = await page.text();
    const [stylesheet] = linked(html, 'stylesheet');
    expect(stylesheet).toMatch(/^\/css\/shop\.[0-9a-f]{10}\.css$/);
    expect(linked(html, 'icon')[0]).toMatch(/^\/img\/favicon\.[0-9a-f]{10}\.svg$/);
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self'");

    const css = await fetchFrom(stylesheet);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(await css.text()).toBe(readFileSync(path.join(projectRoot, 'public', 'css', 'shop.css'), 'utf8'));
  });

  it('keeps the plain URL working with a short cache, and knows no other version of a file', async () => {
    const plain = await fetchFrom('/css/shop.css');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('cache-control')).not.toContain('immutable');

    expect((await fetchFrom('/css/shop.0123456789.css')).status).toBe(404);
  });

  it('fingerprints the admin layout too', async () => {
    const owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', OWNER)).status).toBe(303);
    const html = (await owner.get('/admin')).html;
    expect(linked(html, 'stylesheet')).toEqual([
      expect.stringMatching(/^\/css\/shop\.[0-9a-f]{10}\.css$/),
      expect.stringMatching(/^\/css\/admin\.[0-9a-f]{10}\.css$/),
      expect.stringMatching(/^\/css\/print\.[0-9a-f]{10}\.css$/),
    ]);
  });
});
