import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ProductImage } from '../../src/catalog/entities/product-image.entity.js';
import { Product } from '../../src/catalog/entities/product.entity.js';
import { expectAccessible, VIEWPORTS } from '../helpers/axe.js';
import { describeInBrowser, launchChromium, watchForErrors } from '../helpers/browser.js';
import { aProduct } from '../helpers/factories.js';
import { aPhotoWithGps, aPng } from '../helpers/pictures.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

describeInBrowser('in a real browser: the owner manages pictures, categories and settings', () => {
  let shop: TestShop;
  let browser: Browser;
  let productId: number;
  let slug: string;

  beforeAll(async () => {
    shop = await startShop();
    const product = await aProduct(shop, { name: 'Browser Lawn Kurta', colours: ['Indigo', 'Rust'], sizes: ['S', 'M'] });
    slug = product.slug;
    productId = (await shop.dataSource.getRepository(Product).findOneByOrFail({ slug })).id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  async function signedInPage(viewport = VIEWPORTS[0]): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    const page = await context.newPage();
    await page.goto(`${shop.baseUrl}/login`);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return { context, page };
  }

  const picturesInOrder = () => shop.dataSource.getRepository(ProductImage).find({ where: { productId }, order: { position: 'ASC', id: 'ASC' } });

  it('uploads four pictures for two colours with previews, sets their alt text, reorders them and deletes one', async () => {
    const { context, page } = await signedInPage();
    const errors = watchForErrors(page);
    const picturesPage = `${shop.baseUrl}/admin/products/${productId}/pictures`;
    await page.goto(picturesPage);
    const before = (await picturesInOrder()).length;

    for (const [colour, tint] of [
      ['Indigo', '#2b3a67'],
      ['Rust', '#b7472a'],
    ] as const) {
      await page.getByLabel('Pictures', { exact: true }).setInputFiles([
        { name: `${colour.toLowerCase()}-front.jpg`, mimeType: 'image/jpeg', buffer: await aPhotoWithGps(tint) },
        { name: `${colour.toLowerCase()}-back.png`, mimeType: 'image/png', buffer: await aPng(tint) },
      ]);
      // The chosen pictures are previewed before they are sent.
      const previews = page.getByRole('list', { name: 'Chosen pictures' }).locator('img');
      await previews.first().waitFor();
      expect(await previews.count()).toBe(2);
      expect(await previews.first().getAttribute('src')).toMatch(/^blob:/);
      await page.getByLabel(/^Alt text \(describes/).fill(`Browser Lawn Kurta in ${colour.toLowerCase()}`);
      await page.getByLabel('Colour shown', { exact: true }).first().selectOption(colour);
      await page.getByRole('button', { name: 'Upload pictures' }).click();
      await page.getByText('2 pictures were added.').waitFor();
    }
    const uploaded = (await picturesInOrder()).slice(before);
    expect(uploaded.map((picture) => picture.colour)).toEqual(['Indigo', 'Indigo', 'Rust', 'Rust']);

    // A better alt text for the back of the rust one (picture number before + 4 on the page).
    const rustBack = uploaded[3];
    await page.locator(`#alt-${rustBack.id}`).fill('Browser Lawn Kurta in rust, seen from the back');
    await page.getByRole('button', { name: `Save picture ${before + 4}`, exact: true }).click();
    await page.getByText('The picture was saved.').waitFor();
    // It moves up one place, and the first indigo picture goes.
    await page.getByRole('button', { name: `Move up picture ${before + 4}`, exact: true }).click();
    await page.waitForLoadState('load');
    await page.getByRole('button', { name: `Delete picture ${before + 1}`, exact: true }).click();
    await page.getByText('The picture was deleted.').waitFor();

    const after = await picturesInOrder();
    expect(after.slice(before).map((picture) => [picture.id, picture.alt])).toEqual([
      [uploaded[1].id, 'Browser Lawn Kurta in indigo'],
      [rustBack.id, 'Browser Lawn Kurta in rust, seen from the back'],
      [uploaded[2].id, 'Browser Lawn Kurta in rust'],
    ]);
    // The shop shows the rust pictures for the rust colour.
    await page.goto(`${shop.baseUrl}/products/${slug}?colour=Rust`);
    expect(await page.locator(`img[alt="Browser Lawn Kurta in rust, seen from the back"]`).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`has no serious accessibility violations on the pictures, categories and settings pages at ${viewport.width} px`, async () => {
      const { context, page } = await signedInPage(viewport);
      for (const [path, name] of [
        [`/admin/products/${productId}/pictures`, 'pictures'],
        ['/admin/categories', 'categories'],
        ['/admin/settings', 'settings'],
      ]) {
        expect((await page.goto(`${shop.baseUrl}${path}`))?.status()).toBe(200);
        await expectAccessible(page, `${viewport.name}-admin-${name}`);
      }
      await context.close();
    });
  }
});
