import type { Browser, Page } from 'playwright-core';
import { User } from '../../src/auth/entities/user.entity.js';
import { Variant } from '../../src/catalog/entities/variant.entity.js';
import { Order, OrderStatus, PaymentMethod } from '../../src/orders/entities/order.entity.js';
import { OrdersService } from '../../src/orders/orders.service.js';
import { ReturnRequest, ReturnStatus } from '../../src/orders/returns/return-request.entity.js';
import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { expectAccessible } from '../helpers/axe.js';
import { describeInBrowser, launchChromium, screenshot, watchForErrors } from '../helpers/browser.js';
import { aCart, aProduct, type ProductFixture } from '../helpers/factories.js';
import { DELIVERY } from '../helpers/journeys.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

const CUSTOMER = { name: 'Hina Qureshi', email: 'hina-exchange@example.test', password: 'a-long-enough-password' };

describeInBrowser('in a real browser: a customer exchanges M for L, the owner sends the L', () => {
  let shop: TestShop;
  let browser: Browser;
  let kurta: ProductFixture;
  let orderNumber: string;

  beforeAll(async () => {
    shop = await startShop();
    kurta = await aProduct(shop, { name: 'Chikankari Kurta', stock: 3, priceMinor: 350_000, sizes: ['M', 'L'] });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  const signIn = async (page: Page, who: { email: string; password: string }) => {
    await page.goto(`${shop.baseUrl}/login`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  };

  it('lets a customer ask to exchange a delivered M for an L, holding the L at once', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await page.goto(`${shop.baseUrl}/register`);
    await page.getByLabel('Name').fill(CUSTOMER.name);
    await page.getByLabel('Email').fill(CUSTOMER.email);
    await page.getByLabel('Password').fill(CUSTOMER.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/register\/check-email$/);
    // The order itself is placed and delivered below the browser: this journey is about what follows.
    const customer = await shop.dataSource.getRepository(User).findOneByOrFail({ email: CUSTOMER.email });
    const orders = shop.get(OrdersService);
    const cartId = await aCart(shop, [[kurta, 1, { size: 'M' }]]);
    const order = await orders.placeOrder(
      cartId,
      { ...DELIVERY, email: CUSTOMER.email, shippingMethod: 'standard', paymentMethod: PaymentMethod.CashOnDelivery },
      customer.id,
    );
    orderNumber = order.number;
    await orders.changeStatus(
      orderNumber,
      OrderStatus.Shipped,
      { userId: null, email: 'test', ip: '-' },
      { shipment: { carrier: 'tcs', trackingNumber: '7781 2290 16' } },
    );
    await orders.changeStatus(orderNumber, OrderStatus.Delivered, { userId: null, email: 'test', ip: '-' });

    await signIn(page, CUSTOMER);
    await page.goto(`${shop.baseUrl}/account/orders/${orderNumber}`);
    await page.getByRole('link', { name: 'Return or exchange items' }).click();
    await expectAccessible(page, 'return-request');
    await page.getByLabel('How many to send back').selectOption('1');
    await page.getByLabel('Reason').selectOption({ label: 'Too small' });
    await page.getByLabel('An exchange for another size or colour').check();
    await page.getByLabel('Exchange for', { exact: true }).selectOption({ label: 'L / Indigo' });
    await screenshot(page, 'exchange-01-request');
    await page.getByRole('button', { name: 'Request return' }).click();

    await page.getByText('we have your return').waitFor();
    await page.getByText(/Return RT-[A-Z0-9]+: Requested/).waitFor();
    await screenshot(page, 'exchange-02-requested');
    await page.goto(`${shop.baseUrl}/orders/${orderNumber}/receipt`);
    await expectAccessible(page, 'receipt');
    const [large] = await shop.dataSource.getRepository(Variant).findBy({ id: kurta.variantIds[1] });
    expect(large.stock).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets the owner approve it, mark it received and ship the replacement as a linked order', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await signIn(page, OWNER);
    await page.goto(`${shop.baseUrl}/admin/orders/${orderNumber}`);
    await page.getByRole('link', { name: /Return RT-/ }).click();
    await page.getByText('Exchange for L / Indigo').first().waitFor();
    await expectAccessible(page, 'admin-return');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/approved: the customer has been emailed/).waitFor();
    await page.getByRole('button', { name: 'Mark received' }).click();
    await page.getByText(/received: its items are back in stock/).waitFor();
    await page.getByRole('button', { name: 'Ship replacement' }).click();
    await page.getByText(/Replacement order AK-[A-Z0-9]+ made/).waitFor();
    await screenshot(page, 'exchange-03-replacement');

    const request = await shop.dataSource.getRepository(ReturnRequest).findOneByOrFail({ orderNumber });
    const customerMail = await shop.dataSource.getRepository(OutboxMessage).findBy({ recipient: CUSTOMER.email, kind: 'exchange_approved' });
    expect(customerMail).toEqual([expect.objectContaining({ subject: `Your exchange ${request.number} is approved` })]);
    expect(customerMail[0].body).toContain('Exchange for L / Indigo');
    expect(request.status).toBe(ReturnStatus.Completed);
    const linked = await shop.dataSource.getRepository(Order).findOneByOrFail({ number: request.replacementOrderNumber ?? '' });
    expect(linked).toMatchObject({ totalMinor: 0, email: CUSTOMER.email });
    const stock = await shop.dataSource
      .getRepository(Variant)
      .findBy({ productId: (await shop.dataSource.getRepository(Variant).findOneByOrFail({ id: kurta.variantIds[0] })).productId });
    // The M came back (3 again); the L left once, for the exchange, and was not taken again for the linked order.
    expect(Object.fromEntries(stock.map((v) => [v.size, v.stock]))).toEqual({ M: 3, L: 2 });
    await page.getByRole('link', { name: linked.number }).click();
    await page.getByText(`Replacement for order ${orderNumber}`).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
