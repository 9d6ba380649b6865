import type { Browser, BrowserContext, Page } from 'playwright-core';
import { User } from '../../src/auth/entities/user.entity.js';
import { registerAndSignIn } from '../helpers/accounts.js';
import { expectAccessible, VIEWPORTS } from '../helpers/axe.js';
import { describeInBrowser, launchChromium, screenshot, watchForErrors } from '../helpers/browser.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { Shopper } from '../helpers/shopper.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

describeInBrowser('in a real browser: the owner finds, prints and follows up orders', () => {
  let shop: TestShop;
  let browser: Browser;
  let sanasOrder: string;
  let sanaId: number;

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${shop.baseUrl}/login`);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  beforeAll(async () => {
    shop = await startShop({ MAIL_WORKER: '0' });
    const kurta = await aProduct(shop, { name: 'Basant Block-Print Kurta', stock: 20, priceMinor: 429_900, sizes: ['M', 'L'], colours: ['Indigo', 'Rose'] });
    const sana = new Shopper(shop.baseUrl);
    await registerAndSignIn(sana, { name: 'Sana Mir', email: 'sana@example.test', password: 'a-long-enough-password' });
    await sana.submit('/account/addresses/new', '/account/addresses', {
      fullName: 'Sana Mir',
      phone: '0300 1234567',
      address: '7 Canal Bank Road',
      city: 'Lahore',
      postalCode: '54000',
    });
    await addToCart(sana, kurta, { quantity: 2, size: 'L', colour: 'Rose' });
    sanasOrder = (await checkout(sana, { fullName: 'Sana Mir', email: 'sana@example.test', phone: '0300 1234567' })).location?.split('/')[2] as string;
    sanaId = (await shop.dataSource.getRepository(User).findOneByOrFail({ email: 'sana@example.test' })).id;
    const owner = new Shopper(shop.baseUrl);
    await owner.submit('/login', '/login', OWNER);
    for (const email of ['bilal@example.test', 'hina@example.test']) {
      const guest = new Shopper(shop.baseUrl);
      await addToCart(guest, kurta);
      const number = (await checkout(guest, { email, phone: '0321 7654321' })).location?.split('/')[2] as string;
      // A move by the owner, so the audit log has an entry to show.
      await owner.submit(`/admin/orders/${number}`, `/admin/orders/${number}/status`, { status: 'confirmed' });
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  it('filters the orders by phone, opens one, prints its packing slip without the navigation, and visits its customer', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchForErrors(page);
    await signIn(page);

    await page.goto(`${shop.baseUrl}/admin/orders`);
    await page.getByLabel('Order number, email or phone').fill('03001234567');
    await page.getByLabel('Status').selectOption('placed');
    await page.getByLabel('Placed from').fill('2020-01-01');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/\/admin\/orders\?q=03001234567&status=placed/);
    await page.getByText('1 order match these filters').waitFor();
    await screenshot(page, 'admin-orders-filtered');

    await page.getByRole('link', { name: sanasOrder }).click();
    await page.getByRole('heading', { name: `Order ${sanasOrder}` }).waitFor();
    // With JavaScript the print button shows; it calls the browser's own Print.
    expect(await page.getByRole('button', { name: 'Print this order' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Packing slip' }).click();
    await page.getByRole('heading', { name: `Packing slip · ${sanasOrder}` }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Admin' }).isVisible()).toBe(true);
    await screenshot(page, 'admin-packing-slip');

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Admin' }).isVisible()).toBe(false);
    expect(await page.locator('.admin-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: `Packing slip · ${sanasOrder}` }).isVisible()).toBe(true);
    expect(await page.getByText('7 Canal Bank Road').or(page.getByText('12 Mall Road')).first().isVisible()).toBe(true);
    expect(await page.getByRole('cell', { name: 'L / Rose' }).isVisible()).toBe(true);
    await screenshot(page, 'admin-packing-slip-print');
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${shop.baseUrl}/admin/customers`);
    await page.getByLabel('Search by name, email or phone').fill('0300-1234567');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Sana Mir' }).click();
    await page.waitForURL(`**/admin/customers/${sanaId}`);
    await page.getByText('Rs 8,598').first().waitFor();
    await page.getByText('7 Canal Bank Road').waitFor();
    await page.getByRole('link', { name: sanasOrder }).waitFor();
    await screenshot(page, 'admin-customer');
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const viewport of VIEWPORTS) {
    describe(`at ${viewport.width}×${viewport.height} (${viewport.name})`, () => {
      let context: BrowserContext;
      let page: Page;
      const visit = async (path: string, name: string, status = 200) => {
        expect((await page.goto(`${shop.baseUrl}${path}`))?.status()).toBe(status);
        await expectAccessible(page, `${viewport.name}-${name}`);
      };

      beforeAll(async () => {
        context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
        page = await context.newPage();
        await signIn(page);
      });
      afterAll(async () => {
        await context?.close();
      });

      it('has no serious violations on the orders list, filtered and refused', async () => {
        await visit('/admin/orders', 'admin-orders');
        await visit('/admin/orders?q=0321&status=placed', 'admin-orders-filtered');
        await visit('/admin/orders?from=2026-02-30', 'admin-orders-bad-date', 422);
      });
      it('has no serious violations on an order page', () => visit(`/admin/orders/${sanasOrder}`, 'admin-order'));
      it('has no serious violations on a packing slip', () => visit(`/admin/orders/${sanasOrder}/packing-slip`, 'admin-packing-slip'));
      it('has no serious violations on the customers list and a customer', async () => {
        await visit('/admin/customers?q=0300', 'admin-customers');
        await visit(`/admin/customers/${sanaId}`, 'admin-customer');
      });
      it('has no serious violations on the audit log', async () => {
        await visit('/admin/audit', 'admin-audit');
        await visit('/admin/audit?from=nope', 'admin-audit-bad-date', 422);
      });
      it('has no serious violations on the system page', () => visit('/admin/system', 'admin-system'));
    });
  }
});
