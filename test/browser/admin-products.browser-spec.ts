import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CatalogEditor } from '../../src/catalog/catalog-editor.service.js';
import { ProductOption } from '../../src/catalog/entities/option-value.entity.js';
import { ProductImage } from '../../src/catalog/entities/product-image.entity.js';
import { Product } from '../../src/catalog/entities/product.entity.js';
import { Variant } from '../../src/catalog/entities/variant.entity.js';
import { garmentPicture } from '../../src/database/seed/garment-picture.js';
import { expectAccessible, VIEWPORTS } from '../helpers/axe.js';
import { describeInBrowser, launchChromium, screenshot, watchForErrors } from '../helpers/browser.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

describeInBrowser('in a real browser: the owner builds a product with the colour × size grid', () => {
  let shop: TestShop;
  let browser: Browser;
  let context: BrowserContext;
  let productId: number;

  beforeAll(async () => {
    shop = await startShop();
    const catalog = shop.get(CatalogEditor);
    await catalog.createCategory({ slug: 'kurtas', name: 'Kurtas', position: 0 });
    await catalog.defineOptionValues(ProductOption.Colour, [
      { value: 'Indigo', swatch: '#2e3a6e' },
      { value: 'Rose', swatch: '#c9607a' },
      { value: 'Mustard', swatch: '#d9a520' },
    ]);
    await catalog.defineOptionValues(
      ProductOption.Size,
      ['XS', 'S', 'M', 'L', 'XL'].map((value) => ({ value })),
    );
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${shop.baseUrl}/login?next=/admin/products`);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin/products');
    await page.close();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await shop?.close();
  });

  it('creates a product with two colours × three sizes in one save, publishes it, and sees a price edited in the grid in the shop at once', async () => {
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await page.goto(`${shop.baseUrl}/admin/products`);
    await page.getByRole('link', { name: 'New product' }).click();
    await page.waitForURL('**/admin/products/new');
    await page.getByLabel('Name', { exact: true }).fill('Basant Block-Print Kurta');
    await page.getByLabel('Category').selectOption({ label: 'Kurtas' });
    for (const option of ['Indigo', 'Rose', 'S', 'M', 'L']) await page.getByLabel(option, { exact: true }).check();
    await expectText(page, 'press Update grid');
    await page.getByRole('button', { name: 'Update grid' }).click();
    await expectText(page, 'Variants (6)');
    expect(await page.getByLabel('SKU for L / Rose').inputValue()).toBe('BASANT-BLOCK-PRINT-KURTA-ROSE-L');

    // The script's "every row" fill, then one cell of its own.
    await page.getByLabel('Price', { exact: true }).fill('4,299.00');
    await page.getByLabel('Stock', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Apply to every row' }).click();
    await page.getByLabel('Compare-at price for M / Rose').fill('4,999.00');
    await screenshot(page, 'admin-product-grid');
    await page.getByRole('button', { name: 'Save' }).first().click();

    await page.waitForURL(/\/admin\/products\/\d+$/);
    await expectText(page, 'Basant Block-Print Kurta was created as draft.');
    productId = Number(/(\d+)$/.exec(page.url())?.[1]);
    const variants = await shop.dataSource.getRepository(Variant).find({ where: { productId }, order: { position: 'ASC' } });
    expect(variants.map((v) => `${v.size} / ${v.colour} ${v.priceMinor} ${v.stock}`)).toEqual([
      'S / Indigo 429900 5',
      'M / Indigo 429900 5',
      'L / Indigo 429900 5',
      'S / Rose 429900 5',
      'M / Rose 429900 5',
      'L / Rose 429900 5',
    ]);

    // Pictures have their own page (another part of the panel); here one is put in place as it would.
    const product = await shop.dataSource.getRepository(Product).findOneByOrFail({ id: productId });
    const pictures = path.join(shop.config.varDir, 'uploads', 'products');
    mkdirSync(pictures, { recursive: true });
    writeFileSync(path.join(pictures, `${product.slug}.svg`), garmentPicture('kurta', '#2e3a6e', product.name));
    await shop.dataSource
      .getRepository(ProductImage)
      .insert({ productId, url: `/uploads/products/${product.slug}.svg`, alt: product.name, colour: 'Indigo', position: 0 });

    await page.reload();
    await page.getByLabel('Status').selectOption('published');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await expectText(page, 'Basant Block-Print Kurta was saved.');

    const shopper = await context.newPage();
    await shopper.goto(`${shop.baseUrl}/products/${product.slug}`);
    await expectText(shopper, 'Rs 4,299');

    await page.getByLabel('Price for M / Rose', { exact: true }).fill('3,999.00');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await expectText(page, 'Basant Block-Print Kurta was saved.');
    await shopper.goto(`${shop.baseUrl}/products/${product.slug}?colour=Rose`);
    await shopper.getByLabel('Size').selectOption('M');
    await expectText(shopper, 'Rs 3,999');
    await screenshot(shopper, 'admin-product-in-shop');
    expect(errors).toEqual([]);
    await shopper.close();
    await page.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`has no serious violations on the product list and the editor, with and without mistakes, at ${viewport.width} px (${viewport.name})`, async () => {
      const page = await context.newPage();
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      expect((await page.goto(`${shop.baseUrl}/admin/products`))?.status()).toBe(200);
      await expectAccessible(page, `${viewport.name}-admin-products`);
      expect((await page.goto(`${shop.baseUrl}/admin/products/${productId}`))?.status()).toBe(200);
      await expectAccessible(page, `${viewport.name}-admin-product-editor`);
      await page.getByLabel('Price for S / Indigo', { exact: true }).fill('-1');
      await page.getByLabel('SKU for L / Rose').fill('');
      await page.getByRole('button', { name: 'Save' }).first().click();
      await expectText(page, 'Please correct the 2 marked fields.');
      await expectAccessible(page, `${viewport.name}-admin-product-editor-errors`);
      expect((await page.goto(`${shop.baseUrl}/admin/products/new`))?.status()).toBe(200);
      await expectAccessible(page, `${viewport.name}-admin-product-new`);
      await page.close();
    });
  }
});

async function expectText(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor({ timeout: 10_000 });
}
