import type { Browser, Page } from 'playwright-core';
import { OutboxWorker } from '../../src/mail/outbox.worker.js';
import { expectAccessible, VIEWPORTS } from '../helpers/axe.js';
import { describeInBrowser, launchChromium, screenshot, watchForErrors } from '../helpers/browser.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { startShopWithMail } from '../helpers/mail-shop.js';
import { mailHtml, type TestSmtpServer } from '../helpers/smtp.js';
import { OWNER, type TestShop } from '../helpers/test-shop.js';

const NEW_SUBJECT = 'Shukriya! Order {{orderNumber}} from {{shopName}} is confirmed';

describeInBrowser('in a real browser: the owner rewords the order confirmation, and the next customer gets it', () => {
  let shop: TestShop;
  let smtp: TestSmtpServer;
  let close: () => Promise<void>;
  let browser: Browser;
  let kurta: ProductFixture;

  beforeAll(async () => {
    ({ shop, smtp, close } = await startShopWithMail());
    kurta = await aProduct(shop, { name: 'Basant Block-Print Kurta', priceMinor: 429_900, sizes: ['M'], colours: ['Indigo'] });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  async function signInAsOwner(page: Page, next: string): Promise<void> {
    await page.goto(`${shop.baseUrl}/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**${next}`);
  }

  it('edits the subject, previews it, saves it, and the customer’s email carries it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchForErrors(page);
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) blocked.push(message.text());
    });
    await signInAsOwner(page, '/admin/settings/emails');
    await page.getByRole('link', { name: 'Order confirmation' }).click();
    await page.waitForURL('**/admin/settings/emails/order_confirmation');

    await page.getByLabel('Subject').fill(NEW_SUBJECT);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('Subject: Shukriya! Order AK-7KQ2M9XD from Anarkali is confirmed').waitFor();
    // The email itself renders in its sandboxed frame, the page's CSP notwithstanding.
    await page.frameLocator('iframe[title="HTML body of the preview"]').getByRole('heading', { name: 'Thank you for your order' }).waitFor();
    await page.frameLocator('iframe[title="HTML body of the preview"]').getByText('Ravi Silk Dupatta').waitFor();
    await screenshot(page, 'admin-email-preview');
    expect(await page.getByLabel('Subject').inputValue()).toBe(NEW_SUBJECT);

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved. The next “Order confirmation” email uses this template.').waitFor();
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await page.close();

    const customer = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await customer.goto(`${shop.baseUrl}/products/${kurta.slug}`);
    await customer.getByRole('button', { name: 'Add to cart' }).click();
    await customer.waitForURL('**/cart');
    await customer.getByRole('link', { name: 'Checkout' }).click();
    await customer.getByLabel('Full name').fill('Ayesha Khan');
    await customer.getByLabel('Email').fill('ayesha@example.test');
    await customer.getByLabel('Phone').fill('0300 1234567');
    await customer.getByLabel('Address').fill('12 Mall Road');
    await customer.getByLabel('City').fill('Lahore');
    await customer.getByLabel('Postal code').fill('54000');
    await customer.getByRole('button', { name: 'Place order' }).click();
    await customer.waitForURL(/\/orders\/AK-[A-Z0-9]+\/confirmation$/);
    const number = (await customer.locator('.order-number').textContent())?.trim() ?? '';
    await customer.close();

    await shop.get(OutboxWorker).deliverDue();
    const mail = smtp.received.find((m) => m.to.includes('ayesha@example.test'));
    expect(mail?.raw).toContain(`Subject: Shukriya! Order ${number} from Anarkali is confirmed`);
    expect(mailHtml(mail!)).toContain('Basant Block-Print Kurta');
  });

  for (const viewport of VIEWPORTS) {
    it(`has no serious accessibility violations on the list, the editor and its preview (${viewport.name})`, async () => {
      // axe-core opens pages of its own in the page's context: one made with newContext.
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      await signInAsOwner(page, '/admin/settings/emails');
      await expectAccessible(page, `${viewport.name}-admin-emails`);
      await page.goto(`${shop.baseUrl}/admin/settings/emails/order_confirmation`);
      await expectAccessible(page, `${viewport.name}-admin-email-editor`);
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByRole('heading', { name: 'Preview' }).waitFor();
      // The preview frame holds the owner's email, sandboxed so it runs no script: axe cannot look inside.
      await expectAccessible(page, `${viewport.name}-admin-email-preview`, { exclude: ['iframe.email-preview__html'] });
      await context.close();
    });
  }
});
