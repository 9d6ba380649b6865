import type { Browser, Page } from 'playwright-core';
import { OrderPayment } from '../../src/orders/payments/entities/order-payment.entity.js';
import { expectAccessible } from '../helpers/axe.js';
import { describeInBrowser, launchChromium, screenshot, watchForErrors } from '../helpers/browser.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { FakeStripe } from '../helpers/fake-stripe.js';
import { deliver } from '../helpers/hosted-providers.js';
import { freePort } from '../helpers/free-port.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

describeInBrowser('in a real browser: paying by card on the provider’s hosted page', () => {
  let stripe: FakeStripe;
  let shop: TestShop;
  let browser: Browser;
  let kurta: ProductFixture;

  beforeAll(async () => {
    stripe = await FakeStripe.start();
    // The provider sends the shopper back to PUBLIC_URL, so the shop listens where that says.
    const port = await freePort();
    shop = await startShop({ ...stripe.env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
    kurta = await aProduct(shop, { name: 'Ravi Silk Kurta', stock: 3, priceMinor: 549_900 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await stripe?.close();
  });

  async function fillCheckout(page: Page) {
    await page.goto(`${shop.baseUrl}/products/${kurta.slug}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL('**/cart');
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.waitForURL('**/checkout');
    await page.getByLabel('Full name').fill('Ayesha Khan');
    await page.getByLabel('Email').fill('ayesha@example.test');
    await page.getByLabel('Phone').fill('0300 1234567');
    await page.getByLabel('Address').fill('12 Mall Road');
    await page.getByLabel('City').fill('Lahore');
    await page.getByLabel('Postal code').fill('54000');
    await page.getByLabel('Card or wallet (Stripe)').check();
  }

  it('goes to the hosted page, comes back to "payment pending", and sees the confirmation once the webhook arrives', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const errors = watchForErrors(page);
    await fillCheckout(page);
    await expectAccessible(page, 'checkout-payment-choices');
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.waitForURL(`${stripe.url}/pay/**`);
    await screenshot(page, 'card-01-hosted-page');
    await page.getByRole('button', { name: /^Pay / }).click();

    await page.waitForURL(/\/orders\/AK-[A-Z0-9]+\/payment$/);
    await page.getByRole('heading', { name: 'Payment pending' }).waitFor();
    await expectAccessible(page, 'payment-pending');
    const number = (await page.locator('.order-number').textContent()) ?? '';
    expect(await shop.dataSource.getRepository(OrderPayment).findOneByOrFail({ orderNumber: number })).toMatchObject({ status: 'pending' });

    expect((await deliver(shop, '/payments/webhooks/stripe', stripe.event('checkout.session.completed', stripe.sessionFor(number)))).status).toBe(200);

    // The waiting page reloads itself (a meta refresh, no script) and so finds the order paid.
    await page.waitForURL(`**/orders/${number}/confirmation`);
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    expect(await page.locator('.payment-paid').textContent()).toContain('Paid: Rs');
    await expectAccessible(page, 'card-confirmation');
    expect(errors).toEqual([]);
  });

  it('offers a retry when the provider does not answer, on an accessible page', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await fillCheckout(page);
    stripe.failNext(503);
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.getByRole('heading', { name: 'We could not start your payment' }).waitFor();
    await expectAccessible(page, 'payment-unavailable-mobile');
    await page.getByRole('button', { name: 'Try the payment again' }).click();
    await page.waitForURL(`${stripe.url}/pay/**`);
  });

  it('shows the owner the payment and the refund form, and the payment settings, accessibly', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${shop.baseUrl}/login`);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    const [paid] = await shop.dataSource.getRepository(OrderPayment).find({ where: { status: 'paid' as OrderPayment['status'] } });

    await page.goto(`${shop.baseUrl}/admin/orders/${paid.orderNumber}`);
    await page.getByLabel('Amount to refund').fill('100');
    await page.getByRole('button', { name: 'Refund' }).click();
    await page.getByText(`Refunded Rs 100 on order ${paid.orderNumber}.`).waitFor();
    await expectAccessible(page, 'admin-order-payment');
    expect(stripe.refunds.map((refund) => refund.amount)).toEqual([10_000]);

    await page.goto(`${shop.baseUrl}/admin/settings/payments`);
    await expectAccessible(page, 'admin-payment-settings');
  });
});
