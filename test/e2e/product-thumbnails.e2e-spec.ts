import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jest } from '@jest/globals';
import sharp from 'sharp';
import { CatalogCache } from '../../src/catalog/cache/catalog-cache.js';
import { CatalogEditor } from '../../src/catalog/catalog-editor.service.js';
import { ProductImage } from '../../src/catalog/entities/product-image.entity.js';
import { Product } from '../../src/catalog/entities/product.entity.js';
import { ProductImageThumbnails } from '../../src/catalog/images/thumbnails.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { Shopper } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

/** The <img> tags of a page, each as its attributes. */
function imagesIn(html: string): Record<string, string>[] {
  return [...html.matchAll(/<img\s([^>]*)>/g)].map((tag) =>
    Object.fromEntries([...tag[1].matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((a) => [a[1], a[2] ?? ''])),
  );
}

const stem = (url: string) => url.replace(/\.svg$/, '');

describe('product pictures as webp thumbnails', () => {
  let shop: TestShop;
  let thumbnails: ProductImageThumbnails;
  let kurta: ProductFixture;

  const uploads = () => path.join(shop.config.varDir, 'uploads', 'products');
  const picturesOf = async (slug: string) => {
    const product = await shop.dataSource.getRepository(Product).findOneByOrFail({ slug });
    return shop.dataSource.getRepository(ProductImage).find({ where: { productId: product.id }, order: { position: 'ASC' } });
  };
  const fileOf = (url: string) => path.join(shop.config.varDir, url);

  beforeAll(async () => {
    shop = await startShop();
    thumbnails = shop.get(ProductImageThumbnails);
    kurta = await aProduct(shop, { name: 'Shalimar Lawn Kurta', colours: ['Indigo', 'Rust'], thumbnails: true });
  });
  afterAll(() => shop.close());

  it('writes 240, 480 and 960 px webp thumbnails (4:5) beside each picture and records their widths', async () => {
    const pictures = await picturesOf(kurta.slug);
    expect(pictures).toHaveLength(2);
    for (const picture of pictures) {
      expect(picture.thumbnailWidths).toBe('240,480,960');
      for (const width of [240, 480, 960]) {
        const metadata = await sharp(fileOf(`${stem(picture.url)}-${width}w.webp`)).metadata();
        expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({ format: 'webp', width, height: (width * 5) / 4 });
      }
    }
    expect(readdirSync(uploads()).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('links them from the product page with srcset and sizes; the first picture loads at once, the others lazily', async () => {
    const [indigo, rust] = await picturesOf(kurta.slug);
    const page = await new Shopper(shop.baseUrl).get(`/products/${kurta.slug}`);
    expect(page.status).toBe(200);
    const [first, second] = imagesIn(page.html).filter((img) => img.alt.startsWith('Shalimar Lawn Kurta in'));
    expect(first).toMatchObject({
      src: `${stem(indigo.url)}-480w.webp`,
      srcset: `${stem(indigo.url)}-240w.webp 240w, ${stem(indigo.url)}-480w.webp 480w, ${stem(indigo.url)}-960w.webp 960w`,
      sizes: '(max-width: 768px) 100vw, 50vw',
      width: '400',
      height: '500',
      decoding: 'async',
    });
    expect(first.loading).toBeUndefined();
    expect(second).toMatchObject({ src: `${stem(rust.url)}-480w.webp`, loading: 'lazy' });
  });

  it('links them from listing cards, lazily', async () => {
    const [indigo] = await picturesOf(kurta.slug);
    for (const listing of ['/products', `/categories/${kurta.categorySlug}`]) {
      const page = await new Shopper(shop.baseUrl).get(listing);
      const card = imagesIn(page.html).find((img) => img.alt === indigo.alt);
      expect(card).toMatchObject({
        src: `${stem(indigo.url)}-480w.webp`,
        srcset: expect.stringContaining(`${stem(indigo.url)}-240w.webp 240w`) as string,
        sizes: '(max-width: 640px) 50vw, (max-width: 1024px) 33vw, 25vw',
        loading: 'lazy',
      });
    }
  });

  it('serves a thumbnail as image/webp from /uploads', async () => {
    const [indigo] = await picturesOf(kurta.slug);
    const response = await fetch(`${shop.baseUrl}${stem(indigo.url)}-480w.webp`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).width).toBe(480);
  });

  it('leaves a picture that is not an image without thumbnails, and its page shows the original', async () => {
    const broken = await aProduct(shop, { name: 'Broken Picture Kurta' });
    const [picture] = await picturesOf(broken.slug);
    writeFileSync(fileOf(picture.url), 'this is not a picture');

    const outcome = await thumbnails.generateThumbnails([picture.id]);
    expect(outcome).toEqual({ generated: [], failed: [picture.id] });
    expect((await picturesOf(broken.slug))[0].thumbnailWidths).toBe('');
    expect(existsSync(fileOf(`${stem(picture.url)}-480w.webp`))).toBe(false);

    const page = await new Shopper(shop.baseUrl).get(`/products/${broken.slug}`);
    expect(page.status).toBe(200);
    const [img] = imagesIn(page.html).filter((tag) => tag.alt === picture.alt);
    expect(img.src).toBe(picture.url);
    expect(img.srcset).toBeUndefined();
  });

  it('goes back to the original when a picture that had thumbnails is replaced by a file that cannot be read', async () => {
    const replaced = await aProduct(shop, { name: 'Replaced Picture Kurta', thumbnails: true });
    const [picture] = await picturesOf(replaced.slug);
    expect(picture.thumbnailWidths).toBe('240,480,960');
    writeFileSync(fileOf(picture.url), '<svg');
    expect((await thumbnails.generateThumbnails([picture.id])).failed).toEqual([picture.id]);
    expect((await picturesOf(replaced.slug))[0].thumbnailWidths).toBe('');
  });

  it('refuses a picture whose URL leads out of the uploads folder', async () => {
    const category = await shop.get(CatalogEditor).createCategory({ slug: 'escape-artists', name: 'Escape artists', position: 99 });
    const product = await shop.get(CatalogEditor).createProduct({
      slug: 'escaping-kurta',
      name: 'Escaping Kurta',
      description: 'A picture URL that climbs out of /uploads.',
      categoryId: category.id,
      variants: [{ sku: 'ESCAPING-KURTA-M', size: 'M', colour: null, priceMinor: 100_000, stock: 1 }],
      images: [{ url: '/uploads/../../../../etc/hostname', alt: 'Escaping Kurta', colour: null }],
    });
    const outcome = await thumbnails.generateForProducts([product.id]);
    expect(outcome.generated).toEqual([]);
    expect((await picturesOf('escaping-kurta'))[0].thumbnailWidths).toBe('');
  });

  it('fills in, at start, the pictures of products that have none yet (a shop upgraded from before thumbnails)', async () => {
    const older = await aProduct(shop, { name: 'Older Kurta', colours: ['Olive', 'Teal'] });
    expect((await picturesOf(older.slug)).map((p) => p.thumbnailWidths)).toEqual(['', '']);

    // More pictures than one batch (20), as in an upgraded shop: cached pages are dropped once, not per batch.
    for (let i = 0; i < 12; i++) await aProduct(shop, { name: `Older Kurta ${i}`, colours: ['Olive', 'Teal'] });
    const invalidations = jest.spyOn(shop.get(CatalogCache), 'invalidate');
    const outcome = await thumbnails.fillMissing();
    expect(outcome.generated.length).toBeGreaterThan(20);
    expect(invalidations).toHaveBeenCalledTimes(1);
    invalidations.mockRestore();
    const pictures = await picturesOf(older.slug);
    expect(outcome.generated).toEqual(expect.arrayContaining(pictures.map((p) => p.id)));
    expect(pictures.map((p) => p.thumbnailWidths)).toEqual(['240,480,960', '240,480,960']);
    for (const picture of pictures) expect(existsSync(fileOf(`${stem(picture.url)}-960w.webp`))).toBe(true);
  });
});

describe('product thumbnails in production', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop({ NODE_ENV: 'production' });
  });
  afterAll(() => shop.close());

  it('are served with a week-long browser cache', async () => {
    const kurta = await aProduct(shop, { thumbnails: true });
    const page = await new Shopper(shop.baseUrl).get(`/products/${kurta.slug}`);
    const [img] = imagesIn(page.html).filter((tag) => tag.alt.startsWith(kurta.name));
    const response = await fetch(`${shop.baseUrl}${img.src}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toBe('public, max-age=604800');
  });
});
