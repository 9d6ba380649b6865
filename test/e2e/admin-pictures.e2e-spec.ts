import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import sharp from 'sharp';
import type { QueryRunner } from 'typeorm';
import { AuditEntry } from '../../src/audit/entities/audit-entry.entity.js';
import { ProductImage } from '../../src/catalog/entities/product-image.entity.js';
import { Product, ProductStatus } from '../../src/catalog/entities/product.entity.js';
import { THUMBNAIL_WIDTHS, thumbnailUrl } from '../../src/catalog/images/thumbnail-urls.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { aDecompressionBomb, aPdf, aPhotoWithGps, aPng, aTruncatedJpeg } from '../helpers/pictures.js';
import { csrfTokenIn, type PageResponse, Shopper, textOf, type UploadFixture } from '../helpers/shopper.js';
import { signedInOwner } from '../helpers/staff.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

describe('the pictures of a product, uploaded and kept in order from /admin/products/:id/pictures', () => {
  let shop: TestShop;
  let owner: Shopper;

  beforeAll(async () => {
    shop = await startShop();
    owner = await signedInOwner(shop);
  });
  afterAll(() => shop.close());
  afterEach(() => jest.restoreAllMocks());

  const folder = () => path.join(shop.config.varDir, 'uploads', 'products');
  const filesInFolder = () => (existsSync(folder()) ? readdirSync(folder()).sort() : []);
  const fileOf = (url: string) => path.join(shop.config.varDir, url);
  const picturesOf = (productId: number) => shop.dataSource.getRepository(ProductImage).find({ where: { productId }, order: { position: 'ASC', id: 'ASC' } });
  const auditOf = (action: string) => shop.dataSource.getRepository(AuditEntry).find({ where: { action }, order: { id: 'ASC' } });

  async function aProductWithId(options: Parameters<typeof aProduct>[1] = {}): Promise<ProductFixture & { id: number; page: string }> {
    const product = await aProduct(shop, { colours: ['Indigo', 'Rust'], ...options });
    const { id } = await shop.dataSource.getRepository(Product).findOneByOrFail({ slug: product.slug });
    return { ...product, id, page: `/admin/products/${id}/pictures` };
  }

  /** Sends the upload form of the pictures page, with its token, the way the owner's browser does. */
  async function upload(page: string, files: UploadFixture[], fields: Record<string, string> = { alt: 'The kurta, front', colour: '' }): Promise<PageResponse> {
    const token = csrfTokenIn((await owner.get(page)).html);
    return owner.postMultipart(page, { _csrf: token, ...fields }, files);
  }

  const picture = (name: string, content: Uint8Array, type = 'image/jpeg'): UploadFixture => ({ field: 'pictures', name, content, type });

  it('keeps several pictures at once, re-encoded without their GPS data, under names the shop makes, with thumbnails, tied to a colour', async () => {
    const product = await aProductWithId({ name: 'Uploaded Lawn Kurta' });
    const photo = await aPhotoWithGps();
    expect((await sharp(photo).metadata()).exif).toBeDefined();

    const response = await upload(product.page, [picture('IMG_2041 at home, Lahore.jpg', photo), picture('back.png', await aPng(), 'image/png')], {
      alt: 'Uploaded Lawn Kurta in rust, front',
      colour: 'Rust',
    });

    expect(response.status).toBe(303);
    expect(textOf((await owner.follow(response)).html)).toContain('2 pictures were added.');
    const added = (await picturesOf(product.id)).filter((p) => p.alt === 'Uploaded Lawn Kurta in rust, front');
    expect(added).toHaveLength(2);
    for (const row of added) {
      expect(row.url).toMatch(new RegExp(`^/uploads/products/p${product.id}-[0-9a-f]{24}\\.webp$`));
      expect(row.colour).toBe('Rust');
      expect(row.thumbnailWidths).toBe(THUMBNAIL_WIDTHS.join(','));
      const stored = await sharp(fileOf(row.url)).metadata();
      expect({ format: stored.format, exif: stored.exif, xmp: stored.xmp, icc: stored.icc, iptc: stored.iptc }).toEqual({
        format: 'webp',
        exif: undefined,
        xmp: undefined,
        icc: undefined,
        iptc: undefined,
      });
      for (const width of THUMBNAIL_WIDTHS) expect((await sharp(fileOf(thumbnailUrl(row.url, width))).metadata()).width).toBe(width);
    }
    expect(filesInFolder().some((name) => name.includes('IMG_2041') || name.includes('back'))).toBe(false);
    expect(added[0].position).toBeGreaterThan(0); // after the product's own picture(s)

    // The storefront shows them at once (the cached product page was dropped), for the rust colour.
    const shopPage = await new Shopper(shop.baseUrl).get(`/products/${product.slug}?colour=Rust`);
    expect(shopPage.html).toContain(thumbnailUrl(added[0].url, 480));
    const audited = (await auditOf('picture.added')).filter((entry) => added.some((row) => entry.subjectId === String(row.id)));
    expect(audited.map((entry) => JSON.parse(entry.after ?? '{}') as Record<string, unknown>)).toEqual([
      expect.objectContaining({ productId: product.id, url: added[0].url, colour: 'Rust', sentAs: 'IMG_2041 at home, Lahore.jpg' }),
      expect.objectContaining({ productId: product.id, url: added[1].url, colour: 'Rust', sentAs: 'back.png' }),
    ]);
  });

  it.each([
    ['a PDF renamed .jpg', 'holiday.jpg', () => Promise.resolve(aPdf()), 'is not a picture'],
    ['a truncated JPEG', 'cut-short.jpg', aTruncatedJpeg, 'damaged or incomplete'],
    ['a decompression bomb (a tiny PNG declaring 30,000 × 30,000 pixels)', 'bomb.png', () => aDecompressionBomb(), '30000 × 30000 pixels'],
  ])('refuses %s with 422 naming the file, and keeps none of the upload', async (_kind, name, make, why) => {
    const product = await aProductWithId();
    const before = { files: filesInFolder(), rows: await picturesOf(product.id) };

    const response = await upload(product.page, [picture('good.png', await aPng(), 'image/png'), picture(name, await make())], {
      alt: 'Refused batch',
      colour: 'Indigo',
    });

    expect(response.status).toBe(422);
    const text = textOf(response.html);
    expect(text).toContain(`“${name}”`);
    expect(text).toContain(why);
    expect(text).not.toContain('“good.png”');
    expect(text).toContain('Nothing was uploaded');
    expect(response.html).toContain('value="Refused batch"');
    expect({ files: filesInFolder(), rows: await picturesOf(product.id) }).toEqual(before);
  });

  it('answers a file over 10 MB with 413 and a page in the panel saying so, keeping nothing', async () => {
    const product = await aProductWithId();
    const before = { files: filesInFolder(), rows: await picturesOf(product.id) };
    const eleven = new Uint8Array(11 * 1024 * 1024);
    eleven.set(await aPhotoWithGps());

    const response = await upload(product.page, [picture('small.png', await aPng(), 'image/png'), picture('huge.jpg', eleven)]);

    expect(response.status).toBe(413);
    expect(response.html).toContain('— Anarkali admin</title>');
    expect(response.html).toContain('aria-label="Admin"');
    expect(textOf(response.html)).toContain('larger than 10 MB');
    expect(response.html).toContain(`href="${product.page}"`);
    expect({ files: filesInFolder(), rows: await picturesOf(product.id) }).toEqual(before);
  });

  it('refuses pictures without alt text, or with a colour the product does not have, with the field marked', async () => {
    const product = await aProductWithId();
    const before = await picturesOf(product.id);

    const noAlt = await upload(product.page, [picture('front.png', await aPng(), 'image/png')], { alt: '   ', colour: '' });
    expect(noAlt.status).toBe(422);
    expect(noAlt.html).toMatch(/id="alt-error">Please describe the picture/);
    const wrongColour = await upload(product.page, [picture('front.png', await aPng(), 'image/png')], { alt: 'Front', colour: 'Emerald' });
    expect(wrongColour.status).toBe(422);
    expect(textOf(wrongColour.html)).toContain('This product has no colour “Emerald”');
    const noFiles = await upload(product.page, [], { alt: 'Front', colour: '' });
    expect(noFiles.status).toBe(422);
    expect(textOf(noFiles.html)).toContain('Please choose one or more pictures');
    expect(await picturesOf(product.id)).toEqual(before);

    // Editing a picture: its alt text cannot be emptied either.
    const [first] = before;
    const emptied = await owner.submit(product.page, `${product.page}/${first.id}`, { alt: '', colour: '' });
    expect(emptied.status).toBe(422);
    expect(emptied.html).toMatch(new RegExp(`id="alt-${first.id}-error">Please describe the picture`));
    expect((await picturesOf(product.id))[0].alt).toBe(first.alt);
  });

  it('refuses an upload without the form token, before anything is kept', async () => {
    const product = await aProductWithId();
    const before = filesInFolder();
    const response = await owner.postMultipart(product.page, { alt: 'Forged' }, [picture('x.png', await aPng(), 'image/png')]);
    expect(response.status).toBe(403);
    expect(filesInFolder()).toEqual(before);
    expect((await picturesOf(product.id)).some((p) => p.alt === 'Forged')).toBe(false);
  });

  it('changes alt text and colour, and moves pictures up and down, each audited', async () => {
    const product = await aProductWithId();
    expect(
      (await upload(product.page, [picture('a.png', await aPng('#111111'), 'image/png'), picture('b.png', await aPng('#222222'), 'image/png')])).status,
    ).toBe(303);
    const [indigo, rust, a, b] = await picturesOf(product.id);

    expect((await owner.submit(product.page, `${product.page}/${b.id}`, { alt: 'Back view, in indigo', colour: 'Indigo' })).status).toBe(303);
    expect(await shop.dataSource.getRepository(ProductImage).findOneByOrFail({ id: b.id })).toMatchObject({ alt: 'Back view, in indigo', colour: 'Indigo' });
    expect((await auditOf('picture.updated')).at(-1)).toMatchObject({
      subjectId: String(b.id),
      before: JSON.stringify({ alt: 'The kurta, front', colour: null }),
      after: JSON.stringify({ alt: 'Back view, in indigo', colour: 'Indigo' }),
    });

    for (let press = 0; press < 3; press++) expect((await owner.submit(product.page, `${product.page}/${b.id}/move`, { direction: 'up' })).status).toBe(303);
    expect((await picturesOf(product.id)).map((p) => p.id)).toEqual([b.id, indigo.id, rust.id, a.id]);
    const reordered = (await auditOf('pictures.reordered')).filter((entry) => entry.subjectId === String(product.id));
    expect(reordered).toHaveLength(3);
    expect(reordered[2]).toMatchObject({
      before: JSON.stringify({ order: [indigo.id, b.id, rust.id, a.id] }),
      after: JSON.stringify({ order: [b.id, indigo.id, rust.id, a.id] }),
    });
    // Already first: moving it up again changes nothing, and records nothing.
    expect((await owner.submit(product.page, `${product.page}/${b.id}/move`, { direction: 'up' })).status).toBe(303);
    expect((await auditOf('pictures.reordered')).filter((entry) => entry.subjectId === String(product.id))).toHaveLength(3);
    // The first picture is the one the listing card shows.
    const listing = await new Shopper(shop.baseUrl).get(`/categories/${product.categorySlug}`);
    expect(listing.html).toContain(thumbnailUrl(b.url, 480));
  });

  it('deletes a picture and, once that has committed, its file and thumbnails', async () => {
    const product = await aProductWithId();
    expect((await upload(product.page, [picture('gone.png', await aPng(), 'image/png')])).status).toBe(303);
    const doomed = (await picturesOf(product.id)).at(-1) as ProductImage;
    const files = [doomed.url, ...THUMBNAIL_WIDTHS.map((width) => thumbnailUrl(doomed.url, width))].map(fileOf);
    expect(files.every((file) => existsSync(file))).toBe(true);

    expect((await owner.submit(product.page, `${product.page}/${doomed.id}/delete`, {})).status).toBe(303);

    expect(await shop.dataSource.getRepository(ProductImage).existsBy({ id: doomed.id })).toBe(false);
    expect(files.filter((file) => existsSync(file))).toEqual([]);
    expect((await auditOf('picture.removed')).at(-1)).toMatchObject({ subjectId: String(doomed.id) });
    expect((await new Shopper(shop.baseUrl).get(`/products/${product.slug}`)).html).not.toContain(doomed.url.replace('.webp', ''));
  });

  it('keeps the last picture of a published product, and lets a draft lose it', async () => {
    const product = await aProductWithId({ colours: ['Indigo'] });
    const [only] = await picturesOf(product.id);

    const refused = await owner.submit(product.page, `${product.page}/${only.id}/delete`, {});

    expect(refused.status).toBe(303);
    expect(textOf((await owner.follow(refused)).html)).toContain('A published product needs at least one picture');
    expect(await shop.dataSource.getRepository(ProductImage).existsBy({ id: only.id })).toBe(true);
    await shop.dataSource.getRepository(Product).update({ id: product.id }, { status: ProductStatus.Draft });
    expect((await owner.submit(product.page, `${product.page}/${only.id}/delete`, {})).status).toBe(303);
    expect(await shop.dataSource.getRepository(ProductImage).existsBy({ id: only.id })).toBe(false);
  });

  it('keeps the files of a picture whose removal failed to commit', async () => {
    const product = await aProductWithId();
    expect((await upload(product.page, [picture('kept.png', await aPng(), 'image/png')])).status).toBe(303);
    const kept = (await picturesOf(product.id)).at(-1) as ProductImage;
    const files = [kept.url, ...THUMBNAIL_WIDTHS.map((width) => thumbnailUrl(kept.url, width))].map(fileOf);
    const page = await owner.get(product.page);
    // The database refuses the commit (a lost connection, a full disk): the transaction rolls back.
    const runner = Object.getPrototypeOf(shop.dataSource.createQueryRunner()) as QueryRunner;
    jest.spyOn(runner, 'commitTransaction').mockRejectedValueOnce(new Error('the database went away at commit'));
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    const response = await owner.post(`${product.page}/${kept.id}/delete`, { _csrf: csrfTokenIn(page.html) });

    expect(response.status).toBe(500);
    expect(await shop.dataSource.getRepository(ProductImage).existsBy({ id: kept.id })).toBe(true);
    expect(files.filter((file) => !existsSync(file))).toEqual([]);
    expect((await auditOf('picture.removed')).some((entry) => entry.subjectId === String(kept.id))).toBe(false);
  });

  it('answers 404 for a product or picture that does not exist', async () => {
    expect((await owner.get('/admin/products/999999/pictures')).status).toBe(404);
    const product = await aProductWithId();
    expect((await owner.submit(product.page, `${product.page}/999999/delete`, {})).status).toBe(404);
  });
});
