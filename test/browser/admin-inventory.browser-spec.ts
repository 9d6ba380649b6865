import type { Browser, BrowserContext, Page } from 'playwright-core';
import { InventoryService } from '../../src/catalog/inventory.service.js';
import { StockReason } from '../../src/catalog/stock-reason.js';
import { Transactions } from '../../src/database/transactions.js';
import { PaymentMethod } from '../../src/orders/entities/order.entity.js';
import { OrdersService } from '../../src/orders/orders.service.js';
import { expectAccessible, VIEWPORTS } from '../helpers/axe.js';
import { describeInBrowser, launchChromium, screenshot, watchForErrors } from '../helpers/browser.js';
import { aCart, aProduct, type ProductFixture } from '../helpers/factories.js';
import { DELIVERY } from '../helpers/journeys.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

describeInBrowser('in a real browser: the owner receives stock and reads the ledger', () => {
  let shop: TestShop;
  let browser: Browser;
  let kurta: ProductFixture;
  let productId: number;

  /** A browser context signed in as the owner, at this viewport. */
  async function ownerAt(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${shop.baseUrl}/login`);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return { context, page };
  }

  beforeAll(async () => {
    shop = await startShop();
    kurta = await aProduct(shop, { name: 'Chikankari Kurta', stock: 4, priceMinor: 349_900, sizes: ['S', 'M', 'L'] });
    // A sale of two, and S written off: the ledger has a history, and the colour a broken size run.
    await shop.get(OrdersService).placeOrder(await aCart(shop, [[kurta, 2]]), { ...DELIVERY, paymentMethod: PaymentMethod.CashOnDelivery }, null);
    await shop.get(Transactions).run((manager) => shop.get(InventoryService).changeStock(manager, kurta.variantIds[0], -4, StockReason.Damaged, null));
    [{ productId }] = await shop.dataSource.query<{ productId: number }[]>(`SELECT productId FROM variant WHERE id = ${Number(kurta.variantIds[0])}`);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  it('receives 12 units of M / Indigo from the product’s stock page and sees them in the ledger with the running balance', async () => {
    const { context, page } = await ownerAt(VIEWPORTS[0]);
    const errors = watchForErrors(page, { pagesMayFail: true });

    await page.goto(`${shop.baseUrl}/admin/inventory`);
    await page.getByRole('link', { name: 'Chikankari Kurta' }).first().click();
    await page.waitForURL(`**/admin/inventory/products/${productId}**`);
    const medium = page.getByRole('region', { name: 'M / Indigo' });
    await expectText(medium, '2 on hand');

    // First a write-off of more than there is: refused, the form kept with its message.
    await medium.getByLabel('Change').fill('-5');
    await medium.getByLabel('Reason').selectOption({ label: 'Damaged (units leave)' });
    await medium.getByRole('button', { name: 'Adjust stock of M / Indigo' }).click();
    await expectText(page.getByRole('region', { name: 'M / Indigo' }), 'Only 2 on hand: stock cannot go below zero, so enter -2 or more.');
    expect(await page.getByRole('region', { name: 'M / Indigo' }).getByLabel('Change').inputValue()).toBe('-5');
    await screenshot(page, 'inventory-01-refused');

    const again = page.getByRole('region', { name: 'M / Indigo' });
    await again.getByLabel('Change').fill('12');
    await again.getByLabel('Reason').selectOption({ label: 'Received (units arrived)' });
    await again.getByLabel('Note (optional)').fill('Delivery note 14');
    await again.getByRole('button', { name: 'Adjust stock of M / Indigo' }).click();
    await expectText(page.locator('.flash'), 'Stock adjusted: 14 on hand now.');
    await expectText(page.getByRole('region', { name: 'M / Indigo' }), '14 on hand');
    await screenshot(page, 'inventory-02-received');

    await page.getByRole('region', { name: 'M / Indigo' }).getByRole('link', { name: 'Ledger of M / Indigo' }).click();
    await page.getByRole('heading', { name: 'Ledger of Chikankari Kurta (M / Indigo)' }).waitFor();
    const rows = await page.locator('table.ledger tbody tr').allInnerTexts();
    expect(
      rows.map((row) =>
        row
          .replace(/\s+/g, ' ')
          .trim()
          .replace(/^.*?(?=[+-]\d)/, ''),
      ),
    ).toEqual(['+12 Received Shop owner Delivery note 14 14', expect.stringMatching(/^-2 Sale The shop Order AK-\w+ 2$/), '+4 Initial stock The shop 4']);
    await screenshot(page, 'inventory-03-ledger');
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`has no serious accessibility violations on the dashboard, the inventory pages and a ledger at ${viewport.width} px`, async () => {
      const { context, page } = await ownerAt(viewport);
      const visit = async (path: string, name: string) => {
        expect((await page.goto(`${shop.baseUrl}${path}`))?.status()).toBe(200);
        await expectAccessible(page, `${viewport.name}-${name}`);
      };
      await visit('/admin', 'admin-dashboard');
      await visit('/admin/inventory?q=kurta', 'admin-inventory');
      await visit(`/admin/inventory/products/${productId}`, 'admin-inventory-product');
      await visit(`/admin/inventory/variants/${kurta.variantIds[1]}`, 'admin-inventory-ledger');
      await context.close();
    });
  }
});

async function expectText(scope: { textContent(): Promise<string | null> }, text: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  let seen = '';
  while (Date.now() < deadline) {
    seen = ((await scope.textContent()) ?? '').replace(/\s+/g, ' ');
    if (seen.includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(seen).toContain(text);
}
