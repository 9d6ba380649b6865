import type { Browser } from 'playwright-core';
import { OutboxWorker } from '../../src/mail/outbox.worker.js';
import { Order, OrderStatus } from '../../src/orders/entities/order.entity.js';
import { expectAccessible } from '../helpers/axe.js';
import { describeInBrowser, launchChromium, screenshot, watchForErrors } from '../helpers/browser.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { linkIn, newestMail, type ShopWithMail, startShopWithMail } from '../helpers/mail-shop.js';
import { Shopper } from '../helpers/shopper.js';
import { OWNER } from '../helpers/test-shop.js';

describeInBrowser('in a real browser: the owner ships with a tracking number, the guest follows the order', () => {
  let mail: ShopWithMail;
  let browser: Browser;
  let orderNumber: string;

  beforeAll(async () => {
    mail = await startShopWithMail();
    const kurta = await aProduct(mail.shop, { name: 'Basant Block-Print Kurta', stock: 4, priceMinor: 429_900 });
    const guest = new Shopper(mail.shop.baseUrl);
    await addToCart(guest, kurta, { quantity: 2 });
    orderNumber = (await checkout(guest, { email: 'ayesha@example.test', phone: '0300 1234567' })).location?.split('/')[2] as string;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await mail?.close();
  });

  it('the owner ships the order with TCS and a tracking number, and the customer’s email arrives with both and the tracking link', async () => {
    const { shop, smtp } = mail;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // The ship form answers 422 once, on purpose, when the tracking number is left out.
    const errors = watchForErrors(page, { pagesMayFail: true });
    await page.goto(`${shop.baseUrl}/admin/orders/${orderNumber}`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/admin/orders/${orderNumber}`);

    await screenshot(page, 'order-life-00-admin-ship-form');
    await page.getByLabel('Courier').selectOption({ label: 'TCS' });
    await page.getByRole('button', { name: 'Ship and email the customer' }).click();
    await page.getByText('Enter the tracking number.').waitFor();
    await page.getByLabel('Tracking number').fill('7781 2290 14');
    await page.getByRole('button', { name: 'Ship and email the customer' }).click();
    await page.getByText(`Order ${orderNumber} is now shipped.`).waitFor();
    await page.getByText('Shipped with TCS, tracking number 7781 2290 14').waitFor();
    await screenshot(page, 'order-life-01-admin-shipped');
    await expectAccessible(page, 'admin-order-shipped');
    expect(await shop.dataSource.getRepository(Order).findOneByOrFail({ number: orderNumber })).toMatchObject({
      status: OrderStatus.Shipped,
      carrier: 'tcs',
      trackingNumber: '7781 2290 14',
    });

    await shop.get(OutboxWorker).deliverDue();
    const text = await newestMail({ shop, smtp }, 'ayesha@example.test', `Your Anarkali order ${orderNumber} is on its way`);
    expect(text).toContain('Tracking number: 7781 2290 14');
    expect(text).toContain('Track the parcel: https://www.tcsexpress.com/track/7781229014');

    // The email's link opens the order's progress without typing anything.
    await page.goto(`${shop.baseUrl}${linkIn(text, shop, `/orders/track/${orderNumber}?t=`)}`);
    await page.getByText('Shipped with TCS, tracking number 7781 2290 14').waitFor();
    expect(errors.filter((error) => !error.includes('422'))).toEqual([]);
    await context.close();
  });

  it('a guest finds the order by its number and email and reads its timeline', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = watchForErrors(page, { pagesMayFail: true });
    await page.goto(`${mail.shop.baseUrl}/`);
    await page.getByRole('link', { name: 'Track your order' }).click();
    await page.waitForURL('**/orders/track');
    await expectAccessible(page, 'track-order-form');

    await page.getByLabel('Order number').fill(orderNumber);
    await page.getByLabel('Email or phone').fill('someone-else@example.test');
    await page.getByRole('button', { name: 'Track order' }).click();
    await page.getByText('We could not find an order with that number and email or phone.').waitFor();

    await page.getByLabel('Email or phone').fill('ayesha@example.test');
    await page.getByRole('button', { name: 'Track order' }).click();
    await page.waitForURL(new RegExp(`/orders/track/${orderNumber}\\?t=`));
    await page.getByRole('heading', { name: `Order ${orderNumber}` }).waitFor();
    expect(await page.locator('.order-status').textContent()).toBe('Shipped');
    expect(await page.locator('.timeline li').allTextContents()).toEqual([expect.stringContaining('Placed'), expect.stringContaining('Shipped')]);
    await screenshot(page, 'order-life-02-guest-tracking');
    await expectAccessible(page, 'tracked-order');
    expect(errors.filter((error) => !error.includes('422'))).toEqual([]);
    await context.close();
  });
});
