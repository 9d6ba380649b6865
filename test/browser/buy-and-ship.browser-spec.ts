import type { Browser } from 'playwright-core';
import { Order, OrderStatus } from '../../src/orders/entities/order.entity.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { describeInBrowser, launchChromium, screenshot, watchForErrors } from '../helpers/browser.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

describeInBrowser('in a real browser: a shopper buys, the owner ships', () => {
  let shop: TestShop;
  let browser: Browser;
  let kurta: ProductFixture;
  let orderNumber: string;

  beforeAll(async () => {
    shop = await startShop({ SEED_DEMO: '1' });
    kurta = await aProduct(shop, { name: 'Basant Block-Print Kurta', stock: 4, priceMinor: 429_900, sizes: ['S', 'M', 'L'], colours: ['Indigo', 'Rose'] });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  it('buys a kurta as a guest with cash on delivery', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A 422 page itself is expected (the checkout's errors).
    const errors = watchForErrors(page, { pagesMayFail: true });

    await page.goto(`${shop.baseUrl}/`);
    await screenshot(page, '01-home');
    await page.goto(`${shop.baseUrl}/categories/${kurta.categorySlug}`);
    await page.getByRole('link', { name: 'Basant Block-Print Kurta' }).first().click();
    await page.getByLabel('Size').selectOption('L');
    await page.getByLabel('Colour').selectOption('Rose');
    await page.getByLabel('Quantity').fill('2');
    await screenshot(page, '02-product');
    await page.getByRole('button', { name: 'Add to cart' }).click();

    await page.waitForURL('**/cart');
    await expectText(page, 'L / Rose');
    await expectText(page, 'Rs 8,598');
    await screenshot(page, '03-cart');
    await page.getByRole('link', { name: 'Checkout' }).click();

    await page.waitForURL('**/checkout');
    await page.getByRole('button', { name: 'Place order' }).click();
    await expectText(page, 'Please enter your full name');
    await screenshot(page, '04-checkout-errors');
    await page.getByLabel('Full name').fill('Ayesha Khan');
    await page.getByLabel('Email').fill('ayesha@example.test');
    await page.getByLabel('Phone').fill('0300 1234567');
    await page.getByLabel('Address').fill('12 Mall Road');
    await page.getByLabel('City').fill('Lahore');
    await page.getByLabel('Postal code').fill('54000');
    await page.getByLabel('Cash on delivery').check();
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.waitForURL(/\/orders\/AK-[A-Z0-9]+\/confirmation$/);
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    orderNumber = (await page.locator('.order-number').textContent()) ?? '';
    expect(orderNumber).toMatch(/^AK-/);
    await screenshot(page, '05-confirmation');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets the owner sign in, find the order and mark it shipped', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${shop.baseUrl}/admin/orders`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.waitForURL('**/admin/orders');
    await screenshot(page, '06-admin-orders');
    await page.getByRole('link', { name: orderNumber }).click();
    await expectText(page, 'Basant Block-Print Kurta');
    await page.getByLabel('Courier').selectOption('tcs');
    await page.getByLabel('Tracking number').fill('7781 2290 14');
    await page.getByRole('button', { name: 'Ship and email the customer' }).click();
    await expectText(page, `Order ${orderNumber} is now shipped.`);
    await screenshot(page, '07-admin-shipped');

    const order = await shop.dataSource.getRepository(Order).findOneByOrFail({ number: orderNumber });
    expect(order.status).toBe(OrderStatus.Shipped);
    await page.close();
  });
});

async function expectText(page: import('playwright-core').Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor({ timeout: 10_000 });
}
