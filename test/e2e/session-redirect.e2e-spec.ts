import { DatabaseSessionStore } from '../../src/sessions/session-store.js';
import { CartLine } from '../../src/cart/entities/cart-line.entity.js';
import { InventoryService } from '../../src/catalog/inventory.service.js';
import { Order } from '../../src/orders/entities/order.entity.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, DELIVERY } from '../helpers/journeys.js';
import { csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

type SetSession = DatabaseSessionStore['set'];

/** A redirect goes out only once the session it leads to is stored (src/auth/session-redirect.ts). */
describe('a redirect and the session it leads to', () => {
  let shop: TestShop;
  let store: DatabaseSessionStore;
  let set: SetSession;

  beforeAll(async () => {
    shop = await startShop();
    store = shop.get(DatabaseSessionStore);
    set = store.set.bind(store);
  });
  afterEach(() => {
    store.set = set;
  });
  afterAll(() => shop.close());

  it('shows the added item on the cart page a browser opens as soon as it reads the redirect, however slowly the session is stored', async () => {
    // A busy database: the session (holding the new cart) takes 300 ms to store.
    store.set = (id, data, done) => void setTimeout(() => set(id, data, done), 300);
    const shopper = new Shopper(shop.baseUrl);
    const shawl = await aProduct(shop, { name: 'Pashmina Shawl', stock: 3 });
    const added = await shopper.submitReadingHeadersOnly(`/products/${shawl.slug}`, '/cart/items', {
      product: shawl.slug,
      size: 'M',
      colour: 'Indigo',
      quantity: 1,
    });
    expect(added.status).toBe(303);
    // Chromium follows a redirect on its headers, without waiting for the body.
    const cart = await shopper.get(added.headers.get('location') as string);
    await added.text();
    expect(textOf(cart.html)).toContain('Pashmina Shawl');
    expect(textOf(cart.html)).toContain('Added to your cart.');
    expect(textOf(cart.html)).toContain('Cart 1');
  });

  it('stores a session made by the request once, before its redirect: no late write brings back a message already shown', async () => {
    // Writes made while the registration is answered are slow; the next page's are not. A write of the
    // registration's session after its headers would land after the next page's, and win.
    let registering = true;
    store.set = (id, data, done) => void setTimeout(() => set(id, data, done), registering ? 400 : 0);
    const shopper = new Shopper(shop.baseUrl);
    const fields = { name: 'Sana Mir', email: 'sana.mir@example.test', password: 'a-long-enough-password' };
    const registered = await shopper.submitReadingHeadersOnly('/register', '/register', fields);
    registering = false;
    expect(registered.status).toBe(303);
    expect(textOf((await shopper.get(registered.headers.get('location') as string)).html)).toContain('We sent a message to sana.mir@example.test.');
    await registered.text(); // the registration's response, to its last byte
    expect(textOf((await shopper.get('/')).html)).not.toContain('We sent a message to sana.mir@example.test.');
  });

  it('answers the error page, not a redirect to an empty cart, when a new session cannot be stored', async () => {
    store.set = (_id, _data, done) => done?.(new Error('the session table is unwritable'));
    const added = await addToCart(new Shopper(shop.baseUrl), await aProduct(shop, { stock: 3 }));
    expect(added.status).toBe(500);
    expect(added.location).toBeNull();
    expect(textOf(added.html)).toMatch(/Something went wrong.*reference [0-9a-f]{8}/);
  });

  it('still sends the shopper on when an existing session cannot take a change: the work is done, only the message is lost', async () => {
    const shopper = new Shopper(shop.baseUrl);
    const [first, second] = [await aProduct(shop, { name: 'Lawn Kurta', stock: 3 }), await aProduct(shop, { name: 'Silk Dupatta', stock: 3 })];
    expect((await addToCart(shopper, first)).status).toBe(303);
    const token = csrfTokenIn((await shopper.get(`/products/${second.slug}`)).html);
    store.set = (_id, _data, done) => done?.(new Error('the session table is unwritable'));
    const added = await shopper.post('/cart/items', { _csrf: token, product: second.slug, size: 'M', colour: 'Indigo', quantity: 1 });
    expect(added.status).toBe(303);
    store.set = set;
    const cart = textOf((await shopper.follow(added)).html);
    expect(cart).toContain('Lawn Kurta');
    expect(cart).toContain('Silk Dupatta');
    expect(await shop.dataSource.getRepository(CartLine).countBy({ variantId: second.variantIds[0] })).toBe(1);
  });

  it('shows the confirmation at once when the session of a guest cannot remember the order just placed', async () => {
    const shopper = new Shopper(shop.baseUrl);
    const kurta = await aProduct(shop, { name: 'Chiffon Kurta', stock: 2 });
    expect((await addToCart(shopper, kurta)).status).toBe(303);
    const token = csrfTokenIn((await shopper.get('/checkout')).html);
    store.set = (_id, _data, done) => done?.(new Error('the session table is unwritable'));
    const placed = await shopper.post('/checkout', { _csrf: token, ...DELIVERY });
    store.set = set;
    expect(placed.status).toBe(200);
    const number = /order number is\s+(\S+)/.exec(textOf(placed.html))?.[1] as string;
    expect(textOf(placed.html)).toContain('Thank you');
    expect(await shop.dataSource.getRepository(Order).countBy({ number })).toBe(1);
    expect(await shop.get(InventoryService).stockOf(kurta.variantIds[0])).toBe(1);
  });

  it('stores a first session however many other sessions were started meanwhile', async () => {
    store.set = (id, data, done) => {
      // A flood of visitors whose sessions start and are never stored, while this one's is on its way.
      for (let i = 0; i < 100_001; i++) store.newSessionId({});
      store.set = set;
      set(id, data, done);
    };
    const shopper = new Shopper(shop.baseUrl);
    const added = await addToCart(shopper, await aProduct(shop, { name: 'Khaddar Shawl', stock: 2 }));
    expect(added.status).toBe(303);
    expect(textOf((await shopper.follow(added)).html)).toContain('Khaddar Shawl');
  });
});
