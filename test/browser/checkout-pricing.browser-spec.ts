import type { Browser, Page } from 'playwright-core';
import { User } from '../../src/auth/entities/user.entity.js';
import { AddressBookService } from '../../src/auth/address-book.service.js';
import { Order } from '../../src/orders/entities/order.entity.js';
import { registerAndSignIn } from '../helpers/accounts.js';
import { expectAccessible } from '../helpers/axe.js';
import { describeInBrowser, launchChromium, screenshot, watchForErrors } from '../helpers/browser.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { aCoupon, CITY_RATES, setPricing } from '../helpers/pricing.js';
import { Shopper } from '../helpers/shopper.js';
import { signedInOwner } from '../helpers/staff.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

const BANK_ACCOUNT = {
  accountTitle: 'Anarkali Clothing (Pvt) Ltd',
  bankName: 'Meezan Bank',
  accountNumber: 'PK36MEZN0001234567890123',
  instructions: 'Send the receipt to orders@anarkali.test.',
};
const HINA = { name: 'Hina Qureshi', email: 'hina@example.test', password: 'a-long-enough-password' };

describeInBrowser('in a real browser: checkout with a city rate, a coupon and a saved address', () => {
  let shop: TestShop;
  let browser: Browser;
  let kurta: ProductFixture;

  beforeAll(async () => {
    shop = await startShop();
    await setPricing(shop, CITY_RATES, { rateBasisPoints: 1700, inclusive: true });
    kurta = await aProduct(shop, { name: 'Basant Block-Print Kurta', stock: 20, priceMinor: 400_000 });
    await aCoupon(shop, { code: 'EID10', percentBasisPoints: 1000 });
    const hina = new Shopper(shop.baseUrl);
    await registerAndSignIn(hina, HINA);
    const userId = (await shop.dataSource.getRepository(User).findOneByOrFail({ email: HINA.email })).id;
    const book = shop.get(AddressBookService);
    await book.add(userId, { fullName: 'Hina Qureshi', phone: '0300 1112223', address: '7 Canal Bank Road', city: 'Lahore', postalCode: '54000' }, true);
    await book.add(
      userId,
      { fullName: 'Hina at work', phone: '0300 1112224', address: '3rd floor, 45 Shahrah-e-Faisal', city: 'Karachi', postalCode: '75350' },
      false,
    );
    const owner = await signedInOwner(shop);
    expect((await owner.submit('/admin/settings/payments', '/admin/settings/payments', BANK_ACCOUNT)).status).toBe(303);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  /** What a person reads, money's no-break spaces as spaces. */
  const textIn = async (page: Page, selector: string) => (await page.locator(selector).innerText()).replace(/\u00a0/g, ' ');
  async function addKurta(page: Page) {
    await page.goto(`${shop.baseUrl}/products/${kurta.slug}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL('**/cart');
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.waitForURL('**/checkout');
  }

  it('a guest pays cash on delivery with a coupon and their city’s rate, the totals updating in place', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const errors = watchForErrors(page);
    await addKurta(page);

    await page.getByLabel('Full name').fill('Ayesha Khan');
    await page.getByLabel('Email').fill('ayesha@example.test');
    await page.getByLabel('Phone').fill('0300 1234567');
    await page.getByLabel('Address', { exact: true }).fill('12 Clifton Road');
    await page.getByLabel('City').fill('Karachi');
    await page.getByLabel('Postal code').fill('75600');
    // Leaving the city asks for its delivery options and their prices.
    await page.getByLabel('Standard delivery (3–5 days)').check();
    await expectInSummary(page, 'Rs 200');
    expect(await page.getByLabel('Same-day Lahore').count()).toBe(0);

    await page.getByLabel('Coupon code').fill('eid10');
    await page.getByRole('button', { name: 'Update totals' }).click();
    await expectInSummary(page, 'Discount (EID10)');
    expect(page.url()).toMatch(/\/checkout$/);
    expect(await page.getByLabel('Full name').inputValue()).toBe('Ayesha Khan');
    const summary = await textIn(page, '#checkout-summary');
    // 4,000 − 400 = 3,600 of items (tax 17% included: 523.08), Rs 200 to Karachi, Rs 50 COD fee.
    for (const row of ['Rs 4,000', '−Rs 400', 'Rs 200', 'Rs 50', 'Includes tax (17%)', 'Rs 523.08', 'Rs 3,850']) expect(summary).toContain(row);
    await expectAccessible(page, 'checkout-with-coupon');

    await page.getByLabel('Cash on delivery').check();
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/AK-[A-Z0-9]+\/confirmation$/);
    const number = (await page.locator('.order-number').textContent()) ?? '';
    await screenshot(page, 'checkout-pricing-confirmation');
    const confirmation = await textIn(page, '.confirmation');
    for (const row of ['Discount (EID10)', 'Cash on delivery fee', 'Includes tax (17%)', 'Rs 3,850']) expect(confirmation).toContain(row);
    expect(await shop.dataSource.getRepository(Order).findOneByOrFail({ number })).toMatchObject({
      city: 'Karachi',
      couponCode: 'EID10',
      discountMinor: 40_000,
      shippingMinor: 20_000,
      codFeeMinor: 5_000,
      taxMinor: 52_308,
      totalMinor: 385_000,
    });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a signed-in customer picks a saved address, the delivery follows its city, and pays by bank transfer', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    const errors = watchForErrors(page);
    await page.goto(`${shop.baseUrl}/login`);
    await page.getByLabel('Email').fill(HINA.email);
    await page.getByLabel('Password').fill(HINA.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await addKurta(page);

    // The default address fills the form: Lahore, with its own rate and same-day delivery.
    expect(await page.getByLabel('City').inputValue()).toBe('Lahore');
    await expectInSummary(page, 'Rs 150');
    expect(await page.getByLabel('Same-day Lahore').count()).toBe(1);
    await expectAccessible(page, 'checkout-signed-in');

    await page.getByLabel('Saved address').selectOption({ label: 'Hina at work, 3rd floor, 45 Shahrah-e-Faisal, Karachi' });
    await expectInSummary(page, 'Rs 200');
    expect(await page.getByLabel('Address', { exact: true }).inputValue()).toBe('3rd floor, 45 Shahrah-e-Faisal');
    expect(await page.getByLabel('Same-day Lahore').count()).toBe(0);
    await page.getByLabel('Bank transfer', { exact: true }).check();
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.waitForURL(/\/orders\/AK-[A-Z0-9]+\/confirmation$/);
    const number = (await page.locator('.order-number').textContent()) ?? '';
    // Where to send the money, with the order number to quote; the order waits for the owner's "received".
    const confirmation = await textIn(page, '.confirmation');
    for (const shown of [BANK_ACCOUNT.accountTitle, BANK_ACCOUNT.accountNumber, `with ${number} as the reference`]) expect(confirmation).toContain(shown);
    expect(await shop.dataSource.getRepository(Order).findOneByOrFail({ number })).toMatchObject({
      fullName: 'Hina at work',
      city: 'Karachi',
      shippingMinor: 20_000,
      email: HINA.email,
      paymentMethod: 'bank_transfer',
      codFeeMinor: 0,
      status: 'placed',
    });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('has no serious accessibility violations on the delivery, tax and coupon screens', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${shop.baseUrl}/login`);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    for (const [path, name] of [
      ['/admin/settings/shipping', 'admin-shipping'],
      ['/admin/settings/tax', 'admin-tax'],
      ['/admin/coupons', 'admin-coupons'],
      ['/admin/coupons/new', 'admin-coupon-new'],
    ]) {
      await page.goto(`${shop.baseUrl}${path}`);
      await expectAccessible(page, name);
    }
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${shop.baseUrl}/admin/settings/shipping`);
    await expectAccessible(page, 'admin-shipping-narrow');
    await page.context().close();
  });
});

/** Waits until the summary (updated in place by checkout.js) shows `text`. */
async function expectInSummary(page: Page, text: string): Promise<void> {
  await page.locator('#checkout-summary', { hasText: text }).waitFor({ timeout: 5_000 });
}
