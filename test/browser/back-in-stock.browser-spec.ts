import type { Browser } from 'playwright-core';
import { StockAlert } from '../../src/reminders/entities/stock-alert.entity.js';
import { describeInBrowser, launchChromium, screenshot, watchForErrors } from '../helpers/browser.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

describeInBrowser('in a real browser: "email me when it is back" on a sold-out size', () => {
  let shop: TestShop;
  let browser: Browser;
  let kurta: ProductFixture;

  beforeAll(async () => {
    shop = await startShop({ MAIL_WORKER: '0' });
    kurta = await aProduct(shop, { name: 'Chunri Kurta', sizes: ['S', 'M'], stock: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  it('takes an address for the sold-out size and says honestly what happens next', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = watchForErrors(page);
    await page.goto(`${shop.baseUrl}/products/${kurta.slug}`);
    await page.getByLabel('The one you want').selectOption({ label: 'M / Indigo' });
    await page.getByLabel('Your email').fill('mehwish@example.test');
    await page.getByRole('button', { name: 'Email me when it is back' }).click();
    await page.getByText('We will email mehwish@example.test once when Chunri Kurta (M / Indigo) is back in stock').waitFor();
    await screenshot(page, 'back-in-stock-asked');

    const alerts = await shop.dataSource.getRepository(StockAlert).findBy({ email: 'mehwish@example.test' });
    expect(alerts.map((alert) => alert.variantId)).toEqual([kurta.variantIds[1]]);
    expect(errors).toEqual([]);
  });
});
