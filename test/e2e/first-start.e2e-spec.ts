import { existsSync } from 'node:fs';
import path from 'node:path';
import { jest } from '@jest/globals';
import sharp from 'sharp';
import { Category } from '../../src/catalog/entities/category.entity.js';
import { ProductImage } from '../../src/catalog/entities/product-image.entity.js';
import { Product } from '../../src/catalog/entities/product.entity.js';
import { ProductImageThumbnails } from '../../src/catalog/images/thumbnails.js';
import { Variant } from '../../src/catalog/entities/variant.entity.js';
import { User, Role } from '../../src/auth/entities/user.entity.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

describe('the first start of an empty shop', () => {
  let shop: TestShop;
  let printed = '';

  beforeAll(async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
    try {
      shop = await startShop({ SEED_DEMO: '1', ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
    } finally {
      write.mockRestore();
    }
  });
  afterAll(() => shop.close());

  it('seeds a demo clothing catalog: 40+ products in 5+ categories, sizes and colours with their own stock', async () => {
    const products = await shop.dataSource.getRepository(Product).find();
    expect(products.length).toBeGreaterThanOrEqual(40);
    expect(await shop.dataSource.getRepository(Category).count()).toBeGreaterThanOrEqual(5);
    const variants = await shop.dataSource.getRepository(Variant).find();
    expect(new Set(variants.map((v) => v.size)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(variants.map((v) => v.colour)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(variants.map((v) => v.stock)).size).toBeGreaterThan(3);
    expect(variants.every((v) => Number.isInteger(v.priceMinor) && v.priceMinor > 0)).toBe(true);
  });

  it('has a generated picture for every product and colour, served from /uploads', async () => {
    const images = await shop.dataSource.getRepository(ProductImage).find();
    const variants = await shop.dataSource.getRepository(Variant).find();
    const colourPairs = new Set(variants.map((v) => `${v.productId}:${v.colour}`));
    const imagePairs = new Set(images.map((i) => `${i.productId}:${i.colour}`));
    expect(imagePairs).toEqual(colourPairs);
    for (const image of images) expect(existsSync(path.join(shop.config.varDir, image.url))).toBe(true);
    const picture = await fetch(`${shop.baseUrl}${images[0].url}`);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toContain('image/svg+xml');
  });

  it('gives every seeded picture its webp thumbnails in the background, which the pages then link', async () => {
    await shop.get(ProductImageThumbnails).settled();
    const images = await shop.dataSource.getRepository(ProductImage).find();
    expect(images.filter((image) => image.thumbnailWidths !== '240,480,960')).toEqual([]);
    for (const image of images) {
      for (const width of [240, 480, 960]) expect(existsSync(path.join(shop.config.varDir, image.url.replace(/\.svg$/, `-${width}w.webp`)))).toBe(true);
    }
    expect((await sharp(path.join(shop.config.varDir, images[0].url.replace(/\.svg$/, '-960w.webp'))).metadata()).height).toBe(1200);
    const home = await new Shopper(shop.baseUrl).get('/');
    expect(home.html).toMatch(/<img src="\/uploads\/products\/[^"]+-480w\.webp" srcset="[^"]+-240w\.webp 240w, [^"]+-480w\.webp 480w, [^"]+-960w\.webp 960w"/);
  });

  it('creates the owner once and prints the one-time password, which signs in to the admin', async () => {
    const owners = await shop.dataSource.getRepository(User).findBy({ role: Role.Owner });
    expect(owners).toHaveLength(1);
    const password = /password: (\S+)/.exec(printed)?.[1] as string;
    expect(password).toBeDefined();
    expect(owners[0].passwordHash).not.toContain(password);
    const owner = new Shopper(shop.baseUrl);
    expect((await owner.submit('/login', '/login', { email: owners[0].email, password })).status).toBe(303);
    expect(textOf((await owner.get('/admin')).html)).toContain('Dashboard');
  });

  it('lists the demo catalog on the home page and in pages of the listing', async () => {
    const shopper = new Shopper(shop.baseUrl);
    expect(textOf((await shopper.get('/')).html)).toContain('New arrivals');
    const first = await shopper.get('/products');
    const second = await shopper.get('/products?page=2');
    const slugs = (html: string) =>
      [...html.matchAll(/class="card__link" href="\/products\/([^"]+)"|href="\/products\/([^"?]+)" class="card__link"/g)].map((m) => m[1] ?? m[2]);
    expect(slugs(first.html)).toHaveLength(24);
    expect(slugs(second.html).some((slug) => slugs(first.html).includes(slug))).toBe(false);
    expect(textOf((await shopper.get('/categories/women')).html)).toContain('Women');
  });
});
