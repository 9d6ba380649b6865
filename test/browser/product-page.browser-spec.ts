import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CatalogEditor } from '../../src/catalog/catalog-editor.service.js';
import { ProductOption } from '../../src/catalog/entities/option-value.entity.js';
import { garmentPicture } from '../../src/database/seed/garment-picture.js';
import { describeInBrowser, launchChromium, screenshot, watchForErrors } from '../helpers/browser.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

const COLOURS: Record<string, string> = { Indigo: '#3b4a8c', Rust: '#b5532d' };

describeInBrowser('in a real browser: choosing a colour on the product page', () => {
  let shop: TestShop;
  let browser: Browser;
  const url = () => `${shop.baseUrl}/products/mehndi-kurta`;

  beforeAll(async () => {
    shop = await startShop();
    const catalog = shop.get(CatalogEditor);
    await catalog.defineOptionValues(ProductOption.Size, [{ value: 'S' }, { value: 'M' }, { value: 'L' }]);
    await catalog.defineOptionValues(
      ProductOption.Colour,
      Object.entries(COLOURS).map(([value, swatch]) => ({ value, swatch })),
    );
    const category = await catalog.createCategory({ slug: 'kurtas', name: 'Kurtas', position: 0 });
    const pictures = path.join(shop.config.varDir, 'uploads', 'products');
    mkdirSync(pictures, { recursive: true });
    const images = [];
    for (const [colour, fill] of Object.entries(COLOURS)) {
      for (const side of ['front', 'back']) {
        writeFileSync(path.join(pictures, `mehndi-${colour}-${side}.svg`), garmentPicture('kurta', fill, `Mehndi Kurta in ${colour}, ${side}`));
        images.push({ url: `/uploads/products/mehndi-${colour}-${side}.svg`, alt: `Mehndi Kurta in ${colour}, ${side}`, colour });
      }
    }
    await catalog.createProduct({
      slug: 'mehndi-kurta',
      name: 'Mehndi Kurta',
      description: 'Lawn for the mehndi.',
      categoryId: category.id,
      variants: Object.keys(COLOURS).flatMap((colour) =>
        ['S', 'M', 'L'].map((size) => ({
          sku: `MEHNDI-${size}-${colour}`.toUpperCase(),
          size,
          colour,
          // Rust is on sale and has sold out of M.
          priceMinor: 349_900,
          compareAtPriceMinor: colour === 'Rust' ? 439_900 : null,
          stock: colour === 'Rust' && size === 'M' ? 0 : 5,
        })),
      ),
      images,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  /** The picture the shopper sees first in the gallery. */
  const firstPicture = (page: Page) => page.locator('.product__gallery figure:not([hidden]) img').first();

  it('swaps the pictures, sizes and price without a reload, and adds the chosen variant to the cart', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchForErrors(page);
    await page.goto(url());
    await expect(firstPicture(page).getAttribute('alt')).resolves.toBe('Mehndi Kurta in Indigo, front');
    const indigoSrc = await firstPicture(page).getAttribute('src');
    expect(await page.locator('[data-offer-sale]').isHidden()).toBe(true);
    // A reload would lose this mark.
    await page.evaluate(() => document.documentElement.setAttribute('data-no-reload', 'yes'));

    await page.locator('.swatch[data-colour="Rust"]').click();
    await expect(firstPicture(page).getAttribute('alt')).resolves.toBe('Mehndi Kurta in Rust, front');
    expect(await firstPicture(page).getAttribute('src')).not.toBe(indigoSrc);
    expect(await page.locator('.product__gallery figure:not([hidden])').count()).toBe(2);
    expect(new URL(page.url()).searchParams.get('colour')).toBe('Rust');
    expect(await page.locator('.swatch[data-colour="Rust"]').getAttribute('aria-current')).toBe('true');
    expect(await page.locator('.swatch[data-colour="Indigo"]').getAttribute('aria-current')).toBeNull();
    expect(await page.getByLabel('Colour').inputValue()).toBe('Rust');
    expect(await page.locator('#size option[value="M"]').isDisabled()).toBe(true);
    expect(await page.locator('#size option[value="M"]').textContent()).toBe('M — sold out');
    expect(await page.getByLabel('Size').inputValue()).toBe('S');
    expect((await page.locator('[data-offer-price]').textContent())?.replace(/\s+/g, ' ')).toBe('Rs 3,499 Rs 4,399');
    expect(await page.locator('[data-offer-price] del').textContent()).toMatch(/^Rs\s4,399$/);
    expect(await page.locator('[data-offer-sale]').textContent()).toBe('Sale −20%');
    await screenshot(page, 'product-rust');

    await page.getByLabel('Colour').selectOption('Indigo');
    await expect(firstPicture(page).getAttribute('alt')).resolves.toBe('Mehndi Kurta in Indigo, front');
    expect(await page.locator('#size option[value="M"]').isDisabled()).toBe(false);
    expect(await page.locator('[data-offer-sale]').isHidden()).toBe(true);

    await page.getByLabel('Colour').selectOption('Rust');
    await page.getByLabel('Size').selectOption('L');
    await page.getByLabel('Quantity').fill('2');
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-no-reload'))).toBe('yes');
    await page.getByRole('button', { name: 'Add to cart' }).click();

    await page.waitForURL('**/cart');
    await page.getByText('L / Rust').first().waitFor();
    await page.getByText('Mehndi Kurta').first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches colour by following the swatch link when JavaScript is off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(url());
    await page.locator('.swatch[data-colour="Rust"]').click();
    await page.waitForURL('**/products/mehndi-kurta?colour=Rust');
    await expect(firstPicture(page).getAttribute('alt')).resolves.toBe('Mehndi Kurta in Rust, front');
    expect(await page.getByLabel('Colour').inputValue()).toBe('Rust');
    expect(await page.locator('#size option[value="M"]').isDisabled()).toBe(true);
    await screenshot(page, 'product-rust-no-js');
    await context.close();
  });
});
