import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CatalogEditor } from '../../src/catalog/catalog-editor.service.js';
import { ProductOption } from '../../src/catalog/entities/option-value.entity.js';
import { PRODUCTS_PER_PAGE } from '../../src/catalog/product-listing.service.js';
import { garmentPicture, type Silhouette } from '../../src/database/seed/garment-picture.js';
import { describeInBrowser, launchChromium, screenshot, watchForErrors } from '../helpers/browser.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

const SIZES = ['S', 'M', 'L', 'XL'];
const COLOURS: Record<string, string> = { Indigo: '#3b4a8c', Rust: '#b5532d', Sage: '#8a9a5b' };

interface Seeded {
  slug: string;
  name: string;
  priceMinor: number;
  sizes: string[];
  colours: string[];
  /** size/colour pairs made but sold out */
  soldOut?: string[];
  silhouette: Silhouette;
  categoryId: number;
}

/** Whole rupees ("Rs 2,300") back to minor units, as the card shows them. */
const minorOf = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, '')) * 100);

describeInBrowser('in a real browser: search, filter, sort and page the catalog, then buy the colour on show', () => {
  let shop: TestShop;
  let browser: Browser;
  /** 32 "Chikankari" kurtas made in M and Indigo: what the search plus the filters must find, over two pages. */
  const matching: Seeded[] = [];
  /** Found by the search but dropped by the filters (no Indigo, or no M); cheaper, so a lost filter tops the price sort. */
  const filteredOut: Seeded[] = [];
  /** Made in M and Indigo but without the searched word. */
  const otherWords: Seeded[] = [];
  /** The first card of page 2 in price order: the product the shopper opens. Rust has sold out of M. */
  let opened: Seeded;

  beforeAll(async () => {
    shop = await startShop();
    const catalog = shop.get(CatalogEditor);
    await catalog.defineOptionValues(
      ProductOption.Size,
      SIZES.map((value) => ({ value })),
    );
    await catalog.defineOptionValues(
      ProductOption.Colour,
      Object.entries(COLOURS).map(([value, swatch]) => ({ value, swatch })),
    );
    const kurtas = await catalog.createCategory({ slug: 'kurtas', name: 'Kurtas', position: 0 });
    const shirts = await catalog.createCategory({ slug: 'shirts', name: 'Shirts', position: 1 });

    for (let i = 0; i < 32; i += 1) {
      // Distinct prices from Rs 1,500 to Rs 4,600, in an order unlike the order of creation (newest first).
      const priceMinor = (1_500 + ((i * 7) % 32) * 100) * 100;
      matching.push({
        slug: `chikankari-kurta-${i + 1}`,
        name: `Chikankari Kurta No. ${i + 1}`,
        priceMinor,
        sizes: ['S', 'M', 'L'],
        colours: ['Indigo', 'Rust'],
        silhouette: 'kurta',
        categoryId: kurtas.id,
      });
    }
    opened = [...matching].sort((a, b) => a.priceMinor - b.priceMinor)[PRODUCTS_PER_PAGE];
    opened.soldOut = ['M/Rust'];
    for (let i = 0; i < 4; i += 1) {
      filteredOut.push({
        slug: `chikankari-sage-${i + 1}`,
        name: `Chikankari Sage Kurta ${i + 1}`,
        priceMinor: 90_000 + i * 100,
        sizes: ['S', 'M', 'L'],
        colours: ['Sage'],
        silhouette: 'kurta',
        categoryId: kurtas.id,
      });
    }
    for (let i = 0; i < 3; i += 1) {
      filteredOut.push({
        slug: `chikankari-tall-${i + 1}`,
        name: `Chikankari Tall Kurta ${i + 1}`,
        priceMinor: 95_000 + i * 100,
        sizes: ['XL'],
        colours: ['Indigo'],
        silhouette: 'kurta',
        categoryId: kurtas.id,
      });
    }
    for (let i = 0; i < 5; i += 1) {
      otherWords.push({
        slug: `linen-shirt-${i + 1}`,
        name: `Linen Shirt ${i + 1}`,
        priceMinor: 80_000 + i * 100,
        sizes: ['M'],
        colours: ['Indigo'],
        silhouette: 'shirt',
        categoryId: shirts.id,
      });
    }

    const pictures = path.join(shop.config.varDir, 'uploads', 'products');
    mkdirSync(pictures, { recursive: true });
    for (const product of [...matching, ...filteredOut, ...otherWords]) {
      const chikankari = product.name.startsWith('Chikankari');
      for (const colour of product.colours) {
        writeFileSync(
          path.join(pictures, `${product.slug}-${colour}.svg`),
          garmentPicture(product.silhouette, COLOURS[colour], `${product.name} in ${colour}`),
        );
      }
      await catalog.createProduct({
        slug: product.slug,
        name: product.name,
        description: chikankari ? 'Lawn with white-on-white hand embroidery from Lucknow.' : 'Plain, cool and easy to wash.',
        categoryId: product.categoryId,
        variants: product.colours.flatMap((colour) =>
          product.sizes.map((size) => ({
            sku: `${product.slug}-${size}-${colour}`.toUpperCase(),
            size,
            colour,
            priceMinor: product.priceMinor,
            stock: product.soldOut?.includes(`${size}/${colour}`) ? 0 : 8,
          })),
        ),
        images: product.colours.map((colour) => ({ url: `/uploads/products/${product.slug}-${colour}.svg`, alt: `${product.name} in ${colour}`, colour })),
      });
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  const results = (page: Page) => page.locator('#results');
  const cardNames = (page: Page) => results(page).locator('.grid .card__name').allTextContents();
  const cardPrices = async (page: Page) => (await results(page).locator('.grid .card__price').allTextContents()).map(minorOf);
  const resultCount = (page: Page) => page.locator('#result-count').textContent();
  const params = (page: Page) => new URL(page.url()).searchParams;
  /** The picture the shopper sees first in the gallery. */
  const firstPicture = (page: Page) => page.locator('.product__gallery figure:not([hidden]) img').first();
  const nonDecreasing = (values: number[]) => values.every((value, i) => i === 0 || values[i - 1] <= value);

  it('finds, narrows, sorts and pages the kurtas, then adds the chosen size and colour of one to the cart', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchForErrors(page);
    const matchingNames = new Set(matching.map((p) => p.name));
    const searchedNames = new Set([...matching, ...filteredOut].map((p) => p.name));

    // 1. Search from the header.
    await page.goto(`${shop.baseUrl}/`);
    await page.getByRole('searchbox', { name: 'Search products' }).fill('chikankari');
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await page.waitForURL('**/products?q=chikankari');
    await expect(resultCount(page)).resolves.toBe(`${matching.length + filteredOut.length} products`);
    const searched = await cardNames(page);
    expect(searched).toHaveLength(PRODUCTS_PER_PAGE);
    expect(searched.filter((name) => !searchedNames.has(name))).toEqual([]);
    expect(await page.getByText('Linen Shirt').count()).toBe(0);
    await screenshot(page, 'catalog-01-search');

    // 2. Size M and colour Indigo from the filter panel (a disclosure where it cannot be a sidebar).
    const sizeM = page.getByRole('group', { name: 'Size' }).getByRole('checkbox', { name: /^M \(/ });
    if (!(await sizeM.isVisible())) await page.locator('.filters__toggle').click();
    await sizeM.check();
    await page
      .getByRole('group', { name: 'Colour' })
      .getByRole('checkbox', { name: /^Indigo \(/ })
      .check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/[?&]colour=Indigo/);
    expect(params(page).getAll('size')).toEqual(['M']);
    expect(params(page).getAll('colour')).toEqual(['Indigo']);
    expect(params(page).get('q')).toBe('chikankari');
    await page.getByRole('link', { name: 'Remove filter Size: M', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Remove filter Colour: Indigo', exact: true }).waitFor();
    await expect(resultCount(page)).resolves.toBe(`${matching.length} products`);
    const filtered = await cardNames(page);
    expect(filtered).toHaveLength(PRODUCTS_PER_PAGE);
    expect(filtered.filter((name) => !matchingNames.has(name))).toEqual([]);
    await screenshot(page, 'catalog-02-filtered');

    // 3. Cheapest first.
    await page.getByLabel('Sort by').selectOption({ label: 'Price: low to high' });
    await page.getByRole('button', { name: 'Sort', exact: true }).click();
    await page.waitForURL(/[?&]sort=price_asc/);
    expect(params(page).getAll('size')).toEqual(['M']);
    expect(params(page).getAll('colour')).toEqual(['Indigo']);
    const byPrice = [...matching].sort((a, b) => a.priceMinor - b.priceMinor);
    const firstPrices = await cardPrices(page);
    expect(nonDecreasing(firstPrices)).toBe(true);
    expect(firstPrices).toEqual(byPrice.slice(0, PRODUCTS_PER_PAGE).map((p) => p.priceMinor));
    const firstPage = await cardNames(page);
    expect(firstPage.filter((name) => !matchingNames.has(name))).toEqual([]);
    await page.getByText('Page 1 of 2').waitFor();
    await screenshot(page, 'catalog-03-sorted');

    // 4. The next page keeps the search, the filters and the sort.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next' }).click();
    await page.waitForURL(/[?&]page=2/);
    expect(params(page).get('q')).toBe('chikankari');
    expect(params(page).getAll('size')).toEqual(['M']);
    expect(params(page).getAll('colour')).toEqual(['Indigo']);
    expect(params(page).get('sort')).toBe('price_asc');
    await page.getByText('Page 2 of 2').waitFor();
    await page.getByRole('link', { name: 'Remove filter Colour: Indigo', exact: true }).waitFor();
    const secondPage = await cardNames(page);
    const secondPrices = await cardPrices(page);
    expect(secondPage).toHaveLength(matching.length - PRODUCTS_PER_PAGE);
    expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);
    expect(new Set([...firstPage, ...secondPage])).toEqual(matchingNames);
    expect(nonDecreasing([...firstPrices, ...secondPrices])).toBe(true);
    await screenshot(page, 'catalog-04-page-2');

    // 5. Open the first kurta of page 2, and look at it in Rust without a reload.
    expect(secondPage[0]).toBe(opened.name);
    await results(page).getByRole('link', { name: opened.name }).click();
    await page.waitForURL(`**/products/${opened.slug}`);
    await page.getByRole('heading', { name: opened.name, level: 1 }).waitFor();
    await expect(firstPicture(page).getAttribute('alt')).resolves.toBe(`${opened.name} in Indigo`);
    const indigoSrc = await firstPicture(page).getAttribute('src');
    expect(await page.getByLabel('Colour').inputValue()).toBe('Indigo');
    await page.evaluate(() => Object.assign(window, { journeyMarker: 'still here' }));

    await page.locator('.swatch[data-colour="Rust"]').click();
    await expect(firstPicture(page).getAttribute('alt')).resolves.toBe(`${opened.name} in Rust`);
    const rustSrc = await firstPicture(page).getAttribute('src');
    expect(rustSrc).not.toBe(indigoSrc);
    expect(rustSrc).toContain(`${opened.slug}-Rust`);
    expect(await page.getByLabel('Colour').inputValue()).toBe('Rust');
    expect(await page.evaluate(() => (window as unknown as { journeyMarker?: string }).journeyMarker)).toBe('still here');
    expect(await page.locator('#size option[value="M"]').isDisabled()).toBe(true);
    await screenshot(page, 'catalog-05-product-rust');

    // 6. Two in L, Rust.
    expect(await page.locator('#size option[value="L"]').isDisabled()).toBe(false);
    await page.getByLabel('Size').selectOption('L');
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL('**/cart');
    const line = page.locator('.cart-line').filter({ hasText: opened.name });
    await expect(line.count()).resolves.toBe(1);
    expect(await line.locator('.muted').textContent()).toBe('L / Rust');
    expect(await line.getByLabel('Quantity', { exact: true }).inputValue()).toBe('2');
    expect(await page.locator('.site-header .cart-count').textContent()).toBe('2');
    expect(await page.locator('.cart-line').count()).toBe(1);
    await screenshot(page, 'catalog-06-cart');

    expect(errors).toEqual([]);
    await page.close();
  });
});
