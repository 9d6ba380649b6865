import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CatalogEditor } from '../../src/catalog/catalog-editor.service.js';
import { ProductOption } from '../../src/catalog/entities/option-value.entity.js';
import { Product } from '../../src/catalog/entities/product.entity.js';
import { Order } from '../../src/orders/entities/order.entity.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { describeInBrowser, launchChromium, screenshot, watchForErrors } from '../helpers/browser.js';
import { aPhotoWithGps, aPng } from '../helpers/pictures.js';
import { routesOf, sampleUrl } from '../helpers/routes.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

/**
 * Issue 13's journey in one go, as the owner and a customer live it: a product made in the panel with
 * its grid and pictures, published, bought in the shop, its price changed and seen changed at once.
 */
describeInBrowser('in a real browser: the owner runs the shop from /admin', () => {
  let shop: TestShop;
  let browser: Browser;
  let owner: BrowserContext;
  let productId: number;

  beforeAll(async () => {
    shop = await startShop();
    const catalog = shop.get(CatalogEditor);
    await catalog.createCategory({ slug: 'kurtas', name: 'Kurtas', position: 0 });
    await catalog.defineOptionValues(ProductOption.Colour, [
      { value: 'Indigo', swatch: '#2e3a6e' },
      { value: 'Rose', swatch: '#c9607a' },
    ]);
    await catalog.defineOptionValues(
      ProductOption.Size,
      ['S', 'M', 'L'].map((value) => ({ value })),
    );
    browser = await launchChromium();
    owner = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await owner.newPage();
    await signIn(page, OWNER.email, OWNER.password, '/admin');
    await page.close();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  async function signIn(page: Page, email: string, password: string, next: string): Promise<void> {
    await page.goto(`${shop.baseUrl}/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**${next}`);
  }

  const seeText = (page: Page, text: string) => page.getByText(text, { exact: false }).first().waitFor({ timeout: 10_000 });

  it('creates a product of two colours × three sizes with four pictures, publishes it, and a customer buys it', async () => {
    const page = await owner.newPage();
    const errors = watchForErrors(page, { pagesMayFail: true });
    await page.goto(`${shop.baseUrl}/admin/products/new`);
    await page.getByLabel('Name', { exact: true }).fill('Gulabi Lawn Kurta');
    await page.getByLabel('Category').selectOption({ label: 'Kurtas' });
    for (const option of ['Indigo', 'Rose', 'S', 'M', 'L']) await page.getByLabel(option, { exact: true }).check();
    await page.getByRole('button', { name: 'Update grid' }).click();
    await seeText(page, 'Variants (6)');
    await page.getByLabel('Price', { exact: true }).fill('3,499.00');
    await page.getByLabel('Stock', { exact: true }).fill('4');
    await page.getByRole('button', { name: 'Apply to every row' }).click();
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.waitForURL(/\/admin\/products\/\d+$/);
    productId = Number(/(\d+)$/.exec(page.url())?.[1]);

    await page.getByRole('link', { name: /^Pictures \(0\)$/ }).click();
    for (const [colour, tint] of [
      ['Indigo', '#2b3a67'],
      ['Rose', '#c9607a'],
    ] as const) {
      await page.getByLabel('Pictures', { exact: true }).setInputFiles([
        { name: `${colour}-front.jpg`, mimeType: 'image/jpeg', buffer: await aPhotoWithGps(tint) },
        { name: `${colour}-back.png`, mimeType: 'image/png', buffer: await aPng(tint) },
      ]);
      await page.getByLabel(/^Alt text \(describes/).fill(`Gulabi Lawn Kurta in ${colour.toLowerCase()}`);
      await page.getByLabel('Colour shown', { exact: true }).first().selectOption(colour);
      await page.getByRole('button', { name: 'Upload pictures' }).click();
      await seeText(page, '2 pictures were added.');
    }

    await page.goto(`${shop.baseUrl}/admin/products/${productId}`);
    await seeText(page, 'Pictures (4)');
    await page.getByLabel('Status').selectOption('published');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await seeText(page, 'Gulabi Lawn Kurta was saved.');
    await screenshot(page, 'admin-journey-editor');
    const { slug } = await shop.dataSource.getRepository(Product).findOneByOrFail({ id: productId });

    const customer = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await customer.goto(`${shop.baseUrl}/categories/kurtas`);
    await customer.getByRole('link', { name: 'Gulabi Lawn Kurta' }).first().click();
    await customer.getByLabel('Colour').selectOption('Rose');
    await customer.getByLabel('Size').selectOption('L');
    await customer.getByRole('button', { name: 'Add to cart' }).click();
    await customer.waitForURL('**/cart');
    await customer.getByRole('link', { name: 'Checkout' }).click();
    await customer.getByLabel('Full name').fill('Hira Aslam');
    await customer.getByLabel('Email').fill('hira@example.test');
    await customer.getByLabel('Phone').fill('0321 7654321');
    await customer.getByLabel('Address').fill('5 Canal View');
    await customer.getByLabel('City').fill('Lahore');
    await customer.getByLabel('Postal code').fill('54000');
    await customer.getByLabel('Cash on delivery').check();
    await customer.getByRole('button', { name: 'Place order' }).click();
    await customer.waitForURL(/\/orders\/AK-[A-Z0-9]+\/confirmation$/);
    await screenshot(customer, 'admin-journey-bought');
    const number = /orders\/(AK-[A-Z0-9]+)\//.exec(customer.url())?.[1] as string;
    expect(await shop.dataSource.getRepository(Order).findOneByOrFail({ number })).toMatchObject({ totalMinor: 349_900 + 25_000 });

    // The owner sees the order, then changes a price in the grid; the shop shows it at once.
    await page.goto(`${shop.baseUrl}/admin/orders`);
    await seeText(page, number);
    await page.goto(`${shop.baseUrl}/admin/products/${productId}`);
    await page.getByLabel('Price for M / Rose', { exact: true }).fill('2,999.00');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await seeText(page, 'Gulabi Lawn Kurta was saved.');
    await customer.goto(`${shop.baseUrl}/products/${slug}?colour=Rose`);
    await customer.getByLabel('Size').selectOption('M');
    await seeText(customer, 'Rs 2,999');
    expect(errors).toEqual([]);
  });

  it('refuses a customer (403) and sends a visitor to sign in, on every admin page the router knows', async () => {
    const pages = [
      ...new Set(
        routesOf(shop)
          .filter((r) => r.method === 'GET' && r.path.startsWith('/admin'))
          .map((r) => sampleUrl(r.path)),
      ),
    ];
    expect(pages.length).toBeGreaterThan(20);
    const customer = await (await browser.newContext()).newPage();
    await shop.get(AuthService).register({ name: 'Nosy Customer', email: 'nosy@example.test', password: 'a-long-enough-password' });
    await signIn(customer, 'nosy@example.test', 'a-long-enough-password', '/account');
    const visitor = await (await browser.newContext()).newPage();
    for (const path of pages) {
      expect([path, (await customer.goto(`${shop.baseUrl}${path}`))?.status()]).toEqual([path, 403]);
      await visitor.goto(`${shop.baseUrl}${path}`);
      expect([path, new URL(visitor.url()).pathname]).toEqual([path, '/login']);
    }
  });
});
