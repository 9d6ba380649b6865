import type { Browser, Page } from 'playwright-core';
import { InventoryService } from '../../src/catalog/inventory.service.js';
import { OrderStatus } from '../../src/orders/entities/order.entity.js';
import { OrdersService } from '../../src/orders/orders.service.js';
import { describeInBrowser, launchChromium, screenshot, watchForErrors } from '../helpers/browser.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { Shopper } from '../helpers/shopper.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

describeInBrowser('in a real browser: a refused cash-on-delivery parcel counts against its phone', () => {
  let shop: TestShop;
  let browser: Browser;
  let kurta: ProductFixture;
  let refusedOrder: string;
  const system = { userId: null, email: 'test', ip: '-' };
  const stockOf = (product: ProductFixture) => shop.get(InventoryService).stockOf(product.variantIds[0]);

  beforeAll(async () => {
    shop = await startShop({ MAIL_WORKER: '0' });
    kurta = await aProduct(shop, { name: 'Jamawar Kurta', stock: 10 });
    const earlier = new Shopper(shop.baseUrl);
    await addToCart(earlier, kurta);
    refusedOrder = (await checkout(earlier, { email: 'rabia@example.test', phone: '0345 1112233' })).location?.split('/')[2] as string;
    // Shipped, then refused at the door: the owner's two moves, which put the unit back on the shelf.
    const orders = shop.get(OrdersService);
    await orders.changeStatus(refusedOrder, OrderStatus.Shipped, system, { shipment: { carrier: 'tcs', trackingNumber: '7781 2290 14' } });
    expect(await stockOf(kurta)).toBe(9);
    await orders.changeStatus(refusedOrder, OrderStatus.Refused, system, 'Refused at the door');
    expect(await stockOf(kurta)).toBe(10);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  async function signInAsOwner(page: Page): Promise<void> {
    await page.goto(`${shop.baseUrl}/login`);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  it('shows the risk on the next order from that phone, typed another way, and holds it for confirmation', async () => {
    const owner = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const ownerErrors = watchForErrors(owner);
    await signInAsOwner(owner);
    await owner.goto(`${shop.baseUrl}/admin/settings/cod-risk`);
    await owner.getByLabel('Ask for confirmation from this many refused or cancelled orders').fill('1');
    await owner.getByRole('button', { name: 'Save' }).click();
    await owner.getByText('now wait for confirmation').waitFor();

    const shopper = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const shopperErrors = watchForErrors(shopper);
    await shopper.goto(`${shop.baseUrl}/products/${kurta.slug}`);
    await shopper.getByRole('button', { name: 'Add to cart' }).click();
    await shopper.goto(`${shop.baseUrl}/checkout`);
    await shopper.getByLabel('Full name').fill('Rabia Anwar');
    await shopper.getByLabel('Email').fill('rabia.anwar@example.test');
    await shopper.getByLabel('Phone').fill('+92 345-1112233');
    await shopper.getByLabel('Address').fill('3 Jail Road');
    await shopper.getByLabel('City').fill('Lahore');
    await shopper.getByLabel('Postal code').fill('54000');
    await shopper.getByLabel('Cash on delivery').check();
    await shopper.getByRole('button', { name: 'Place order' }).click();
    await shopper.getByRole('heading', { name: /Thank you/ }).waitFor();
    await shopper.getByText('please confirm it with the link we have emailed').waitFor();
    const number = (await shopper.locator('.order-number').textContent())?.trim() as string;
    await screenshot(shopper, 'cod-risk-confirmation');

    await owner.goto(`${shop.baseUrl}/admin/orders`);
    await owner.getByRole('link', { name: 'Awaiting confirmation' }).click();
    await owner.getByRole('link', { name: number }).click();
    await owner.getByRole('heading', { name: `Order ${number}` }).waitFor();
    expect(await owner.getByText('Earlier refused or cancelled orders from this phone or email: 1').isVisible()).toBe(true);
    expect(await owner.getByText('Awaiting confirmation', { exact: true }).first().isVisible()).toBe(true);
    await screenshot(owner, 'cod-risk-admin-order');

    // The refused order itself had nothing before it.
    await owner.goto(`${shop.baseUrl}/admin/orders/${refusedOrder}`);
    expect(await owner.getByText('Earlier refused or cancelled orders from this phone or email: 0').isVisible()).toBe(true);

    await owner.goto(`${shop.baseUrl}/admin/orders/${number}`);
    await owner.getByRole('button', { name: 'Confirm', exact: true }).click();
    await owner.getByText(`Order ${number} is now confirmed.`).waitFor();
    expect(ownerErrors).toEqual([]);
    expect(shopperErrors).toEqual([]);
  });
});
