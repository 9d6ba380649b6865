import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { MailService } from '../../src/mail/mail.service.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkout, DELIVERY } from '../helpers/journeys.js';
import { orderFootprint } from '../helpers/order-footprint.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

/** OrdersService.placeOrder is one transaction: whatever fails on the way, no part of the order stays. */
describe('a checkout that fails halfway leaves nothing behind', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.close());
  afterEach(() => jest.restoreAllMocks());

  const footprint = (products: ProductFixture[]) => orderFootprint(shop.dataSource, products);

  it('answers the error page, keeps the cart and changes nothing when the confirmation email cannot be queued; a retry places one order', async () => {
    const [kurta, dupatta] = [await aProduct(shop, { stock: 6, name: 'Ravi Kurta' }), await aProduct(shop, { stock: 4, name: 'Chenab Dupatta' })];
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, kurta, { quantity: 2 });
    await addToCart(shopper, dupatta, { quantity: 1 });
    const before = await footprint([kurta, dupatta]);
    jest.spyOn(MailService.prototype, 'enqueue').mockRejectedValueOnce(new Error('disk full'));
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    const failed = await checkout(shopper);

    expect(failed.status).toBe(500);
    expect(textOf(failed.html)).toContain('Something went wrong on our side. Please try again in a moment.');
    const reference = /quote reference (\w+)/.exec(textOf(failed.html))?.[1];
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ event: 'request_failed', reference, path: '/checkout' }),
      expect.stringContaining('disk full'),
    );
    expect(await footprint([kurta, dupatta])).toEqual(before);
    const cart = textOf((await shopper.get('/cart')).html);
    expect(cart).toContain('Ravi Kurta');
    expect(cart).toContain('Chenab Dupatta');
    expect(cart).toContain('Cart 3');

    const retried = await checkout(shopper);

    expect(retried.status).toBe(303);
    const number = /^\/orders\/(AK-[A-Z0-9]+)\/confirmation$/.exec(retried.location ?? '')?.[1];
    expect(number).toBeDefined();
    const after = await footprint([kurta, dupatta]);
    expect(after).toMatchObject({ orders: before.orders + 1, orderLines: before.orderLines + 2, outbox: before.outbox + 1, stock: [4, 3], unitsSold: [2, 1] });
    expect(await shop.dataSource.getRepository(OutboxMessage).countBy({ recipient: DELIVERY.email, subject: `Your Anarkali order ${number}` })).toBe(1);
  });

  it('refuses a cart whose second line sold out meanwhile with 409, taking no stock from the first and keeping the cart', async () => {
    const [kurta, shawl] = [await aProduct(shop, { stock: 5, name: 'Jhelum Kurta' }), await aProduct(shop, { stock: 1, name: 'Indus Shawl' })];
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, kurta, { quantity: 2 });
    await addToCart(shopper, shawl, { quantity: 1 });
    // Another customer buys the last shawl while this one is still filling in the delivery form.
    const quicker = new Shopper(shop.baseUrl);
    await addToCart(quicker, shawl);
    expect((await checkout(quicker, { email: 'quicker@example.test' })).status).toBe(303);
    const before = await footprint([kurta, shawl]);
    expect(before.stock).toEqual([5, 0]);

    const refused = await checkout(shopper);

    expect(refused.status).toBe(409);
    expect(textOf(refused.html)).toContain('Sorry, Indus Shawl (M / Indigo) just sold out.');
    expect(await footprint([kurta, shawl])).toEqual(before);
    const cart = textOf((await shopper.get('/cart')).html);
    expect(cart).toContain('Jhelum Kurta');
    expect(cart).toContain('Indus Shawl');
    expect(cart).toContain('Cart 3');
  });
});
