import { dayOf } from '../../src/common/store-calendar.js';
import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { OrderStatus } from '../../src/orders/entities/order.entity.js';
import { OrderLinks } from '../../src/orders/order-links.js';
import { OrdersService } from '../../src/orders/orders.service.js';
import { ReturnRequest } from '../../src/orders/returns/return-request.entity.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';
import { signedInOwner } from '../helpers/staff.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

/** Receipts, invoices and return requests over HTTP: who may see them, and the forms' answers. */
describe('receipts, invoices and returns over HTTP', () => {
  let shop: TestShop;
  let kurta: ProductFixture;
  let guest: Shopper;
  let orderNumber: string;
  let token: string;
  const system = { userId: null, email: 'test', ip: '-' };

  beforeAll(async () => {
    shop = await startShop({ MAIL_WORKER: '0' });
    kurta = await aProduct(shop, { name: 'Chikankari Kurta', sizes: ['M', 'L'], priceMinor: 300_000 });
    guest = new Shopper(shop.baseUrl);
    await addToCart(guest, kurta, { size: 'M', quantity: 2 });
    orderNumber = /\/orders\/([^/]+)\/confirmation/.exec((await checkout(guest)).location ?? '')?.[1] ?? '';
    token = shop.get(OrderLinks).token(orderNumber);
  });
  afterAll(() => shop?.close());

  it('shows the receipt to the session that placed the order and to its signed link, printable, and to nobody else', async () => {
    const own = await guest.get(`/orders/${orderNumber}/receipt`);
    expect(own.status).toBe(200);
    expect(textOf(own.html)).toContain(`Receipt · ${orderNumber}`);
    expect(textOf(own.html)).toContain('Chikankari Kurta (M / Indigo)');
    expect(own.html).toMatch(/<link rel="stylesheet" href="\/css\/print[^"]*\.css" media="print">/);
    expect(own.html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

    const stranger = new Shopper(shop.baseUrl);
    expect((await stranger.get(`/orders/${orderNumber}/receipt`)).status).toBe(404);
    expect((await stranger.get(`/orders/${orderNumber}/receipt?token=${token.slice(2)}`)).status).toBe(404);
    expect((await stranger.get(`/orders/${orderNumber}/receipt?token=${token}`)).status).toBe(200);
  });

  it('gives the invoice once the order is paid (cash collected on delivery), with the year’s first number, to the customer and the owner', async () => {
    const buyer = new Shopper(shop.baseUrl);
    await addToCart(buyer, kurta, { size: 'L', quantity: 1 });
    const paidNumber = /\/orders\/([^/]+)\/confirmation/.exec((await checkout(buyer)).location ?? '')?.[1] ?? '';
    const paidToken = shop.get(OrderLinks).token(paidNumber);
    expect((await buyer.get(`/orders/${paidNumber}/invoice`)).status).toBe(404);
    const orders = shop.get(OrdersService);
    await orders.changeStatus(paidNumber, OrderStatus.Shipped, system, { shipment: { carrier: 'tcs', trackingNumber: '7781 2290 14' } });
    await orders.changeStatus(paidNumber, OrderStatus.Delivered, system, { cashCollected: true });
    const number = `${dayOf(shop.config.storeTimeZone, new Date()).slice(0, 4)}-000001`;

    const customerCopy = await new Shopper(shop.baseUrl).get(`/orders/${paidNumber}/invoice?token=${paidToken}`);
    expect(customerCopy.status).toBe(200);
    expect(textOf(customerCopy.html)).toContain(`Invoice ${number}`);
    const owner = await signedInOwner(shop);
    expect(textOf((await owner.get(`/admin/orders/${paidNumber}`)).html)).toContain(`Invoice ${number}`);
    expect(textOf((await owner.get(`/admin/orders/${paidNumber}/invoice`)).html)).toContain(`Invoice ${number}`);
  });

  it('lets a guest with the signed link ask for a return once delivered, refusing more than was bought', async () => {
    const stranger = new Shopper(shop.baseUrl);
    expect((await stranger.get(`/orders/${orderNumber}/return`)).status).toBe(404);
    expect(textOf((await stranger.get(`/orders/${orderNumber}/return?token=${token}`)).html)).toContain('once the order has been delivered');
    await shop.get(OrdersService).changeStatus(orderNumber, OrderStatus.Shipped, system, { shipment: { carrier: 'tcs', trackingNumber: '7781 2290 15' } });
    await shop.get(OrdersService).changeStatus(orderNumber, OrderStatus.Delivered, system);

    const page = await stranger.get(`/orders/${orderNumber}/return?token=${token}`);
    const lineId = /name="quantity_(\d+)"/.exec(page.html)?.[1] ?? '';
    const requestKey = /name="requestKey" value="([^"]+)"/.exec(page.html)?.[1] ?? '';
    const form = { _csrf: csrfTokenIn(page.html), token, requestKey, [`reason_${lineId}`]: 'too_large', [`resolution_${lineId}`]: 'refund' };
    const tooMany = await stranger.post(`/orders/${orderNumber}/return`, { ...form, [`quantity_${lineId}`]: '3' });
    expect(tooMany.status).toBe(422);
    expect(textOf(tooMany.html)).toContain('Only 2 of this item can still be returned.');
    const noneChosen = await stranger.post(`/orders/${orderNumber}/return`, { ...form, [`quantity_${lineId}`]: '0' });
    expect(textOf(noneChosen.html)).toContain('Choose at least one item to send back');

    const asked = await stranger.post(`/orders/${orderNumber}/return`, { ...form, [`quantity_${lineId}`]: '1' });
    expect(asked.status).toBe(303);
    // The same form again (a double click): the same return, not a second.
    expect((await stranger.post(`/orders/${orderNumber}/return`, { ...form, [`quantity_${lineId}`]: '1' })).status).toBe(303);
    expect(await shop.dataSource.getRepository(ReturnRequest).countBy({ orderNumber })).toBe(1);
    const after = await stranger.follow(asked);
    expect(textOf(after.html)).toMatch(/Return RT-[A-Z0-9]{8}: Requested/);
    expect(await shop.dataSource.getRepository(OutboxMessage).countBy({ kind: 'return_requested', recipient: OWNER.email })).toBe(1);
    expect((await stranger.post(`/orders/${orderNumber}/return`, { ...form, token: '', [`quantity_${lineId}`]: '1' })).status).toBe(404);
  });

  it('saves the owner’s return window, refusing what is not a number of days', async () => {
    const owner = await signedInOwner(shop);
    const refused = await owner.submit('/admin/settings/returns', '/admin/settings/returns', { windowDays: 'two weeks' });
    expect(refused.status).toBe(422);
    expect(textOf(refused.html)).toContain('Please enter a number of days from 0 (no returns) to 365');
    expect((await owner.submit('/admin/settings/returns', '/admin/settings/returns', { windowDays: '30' })).status).toBe(303);
    expect((await owner.get('/admin/settings/returns')).html).toContain('value="30"');
    expect((await guest.get('/admin/settings/returns')).status).not.toBe(200);
  });
});
