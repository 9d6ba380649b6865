import { jest } from '@jest/globals';
import { AuthService } from '../../src/auth/auth.service.js';
import { CartService } from '../../src/cart/cart.service.js';
import { CartLine } from '../../src/cart/entities/cart-line.entity.js';
import { Cart } from '../../src/cart/entities/cart.entity.js';
import { OrderLine } from '../../src/orders/entities/order-line.entity.js';
import { OrderStatusChange } from '../../src/orders/entities/order-status-change.entity.js';
import { Order, OrderStatus } from '../../src/orders/entities/order.entity.js';
import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { InventoryService } from '../../src/catalog/inventory.service.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkout, DELIVERY } from '../helpers/journeys.js';
import { csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

describe('a guest buys a kurta, from the home page to the confirmation', () => {
  let shop: TestShop;
  let kurta: ProductFixture;

  beforeAll(async () => {
    shop = await startShop();
    kurta = await aProduct(shop, { name: 'Shalimar Lawn Kurta', stock: 5, priceMinor: 349_900, sizes: ['S', 'M'], colours: ['Indigo', 'Rust'] });
  });
  afterAll(() => shop.close());

  it('walks the whole journey and stores the order, its lines, history and email in one go', async () => {
    const shopper = new Shopper(shop.baseUrl);

    const home = await shopper.get('/');
    expect(home.status).toBe(200);
    expect(home.html).toContain(`href="/products/${kurta.slug}"`);
    expect(textOf(home.html)).toContain('Cart 0');
    expect(shopper.sessionId).toBeUndefined();

    const productPage = await shopper.get(`/products/${kurta.slug}`);
    expect(productPage.status).toBe(200);
    for (const label of ['<label for="size">Size</label>', '<label for="colour">Colour</label>', '<label for="quantity">Quantity</label>']) {
      expect(productPage.html).toContain(label);
    }
    expect(textOf(productPage.html)).toContain('Add to cart');
    expect(textOf(productPage.html)).toContain('Rs 3,499');

    const added = await addToCart(shopper, kurta, { size: 'M', colour: 'Rust', quantity: 1 });
    expect(added.status).toBe(303);
    expect(added.location).toBe('/cart');

    let cart = await shopper.follow(added);
    expect(textOf(cart.html)).toContain('Shalimar Lawn Kurta');
    expect(textOf(cart.html)).toContain('M / Rust');
    expect(textOf(cart.html)).toContain('Cart 1');

    const lineId = /action="\/cart\/lines\/(\d+)"/.exec(cart.html)?.[1];
    const updated = await shopper.submit('/cart', `/cart/lines/${lineId}`, { quantity: 2 });
    expect(updated.status).toBe(303);
    cart = await shopper.get('/cart');
    expect(textOf(cart.html)).toContain('Rs 6,998');

    await addToCart(shopper, kurta, { size: 'S', colour: 'Indigo' });
    cart = await shopper.get('/cart');
    const secondLine = [...cart.html.matchAll(/action="\/cart\/lines\/(\d+)\/remove"/g)][1][1];
    expect((await shopper.submit('/cart', `/cart/lines/${secondLine}/remove`, {})).status).toBe(303);
    cart = await shopper.get('/cart');
    expect(textOf(cart.html)).not.toContain('S / Indigo');
    expect(textOf(cart.html)).toContain('Checkout');

    const checkoutPage = await shopper.get('/checkout');
    for (const label of ['Full name', 'Email', 'Phone', 'Address', 'City', 'Postal code', 'Cash on delivery', 'Place order']) {
      expect(textOf(checkoutPage.html)).toContain(label);
    }

    const placed = await checkout(shopper);
    expect(placed.status).toBe(303);
    const number = /^\/orders\/(AK-[A-Z0-9]+)\/confirmation$/.exec(placed.location ?? '')?.[1];
    expect(number).toBeDefined();

    const confirmation = await shopper.follow(placed);
    expect(confirmation.status).toBe(200);
    expect(textOf(confirmation.html)).toContain('Thank you');
    expect(textOf(confirmation.html)).toContain(number);

    const order = await shop.dataSource.getRepository(Order).findOneByOrFail({ number });
    expect(order).toMatchObject({ status: OrderStatus.Placed, email: DELIVERY.email, subtotalMinor: 699_800, shippingMinor: 0, totalMinor: 699_800 });
    const lines = await shop.dataSource.getRepository(OrderLine).findBy({ orderId: order.id });
    expect(lines).toEqual([
      expect.objectContaining({ productName: 'Shalimar Lawn Kurta', variantLabel: 'M / Rust', unitPriceMinor: 349_900, quantity: 2, lineTotalMinor: 699_800 }),
    ]);
    expect(await shop.dataSource.getRepository(OrderStatusChange).countBy({ orderId: order.id, toStatus: OrderStatus.Placed })).toBe(1);
    expect(await shop.get(InventoryService).stockOf(lines[0].variantId)).toBe(3);
    expect(await shop.dataSource.getRepository(OutboxMessage).countBy({ recipient: DELIVERY.email, kind: 'order_confirmation' })).toBe(1);
    expect(textOf((await shopper.get('/cart')).html)).toContain('Your cart is empty');
  });

  it('keeps the price paid when the catalog price changes later', async () => {
    const shopper = new Shopper(shop.baseUrl);
    const tee = await aProduct(shop, { priceMinor: 100_000 });
    await addToCart(shopper, tee);
    const placed = await checkout(shopper);
    await shop.dataSource.query('UPDATE variant SET priceMinor = 999999 WHERE id = ?', [tee.variantIds[0]]);
    const confirmation = await shopper.follow(placed);
    expect(textOf(confirmation.html)).toContain('Rs 1,000');
    expect(textOf(confirmation.html)).not.toContain('9,999');
  });

  it("re-renders checkout with field errors and the shopper's input kept, and stores nothing", async () => {
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, kurta);
    const before = await shop.dataSource.getRepository(Order).count();
    const rejected = await checkout(shopper, { email: 'not-an-email', phone: 'call me', city: 'Karachi' });
    expect(rejected.status).toBe(422);
    expect(textOf(rejected.html)).toContain('Please enter a valid email address');
    expect(textOf(rejected.html)).toContain('Please enter a phone number');
    expect(rejected.html).toContain('value="Karachi"');
    expect(rejected.html).toContain('value="not-an-email"');
    expect(await shop.dataSource.getRepository(Order).count()).toBe(before);
    expect(textOf((await shopper.get('/cart')).html)).toContain(kurta.name);
  });

  it('refuses an email longer than the order can store (254) with a field error, not a database error', async () => {
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, kurta);
    const before = await shop.dataSource.getRepository(Order).count();
    const rejected = await checkout(shopper, { email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.pk` });
    expect(rejected.status).toBe(422);
    expect(textOf(rejected.html)).toMatch(/Please enter (a valid email address|an email address of at most 254 characters)/);
    expect(await shop.dataSource.getRepository(Order).count()).toBe(before);
  });

  it('answers a second submit of the same checkout without a second order', async () => {
    const shopper = new Shopper(shop.baseUrl);
    const scarf = await aProduct(shop, { stock: 10 });
    await addToCart(shopper, scarf);
    const page = await shopper.get('/checkout');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1] as string;
    const [first, second] = await Promise.all([
      shopper.post('/checkout', { _csrf: token, ...DELIVERY }),
      shopper.post('/checkout', { _csrf: token, ...DELIVERY }),
    ]);
    expect([first.status, second.status].sort()).toEqual([303, 303]);
    expect([first.location, second.location]).toContain('/cart');
    expect(await shop.get(InventoryService).stockOf(scarf.variantIds[0])).toBe(9);
    expect(await shop.get(InventoryService).unitsSold(scarf.variantIds[0])).toBe(1);
  });

  it('adds both of two Add to cart submits that arrive together to the one line, without an error', async () => {
    const shopper = new Shopper(shop.baseUrl);
    const [first, second] = [await aProduct(shop, { stock: 10 }), await aProduct(shop, { stock: 10 })];
    await addToCart(shopper, first); // the shopper has a cart (and a session) already
    const page = await shopper.get(`/products/${second.slug}`);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1] as string;
    const form = { _csrf: token, product: second.slug, size: 'M', colour: 'Indigo', quantity: '1' };
    const presses = await Promise.all([shopper.post('/cart/items', form), shopper.post('/cart/items', form)]);
    expect(presses.map((press) => press.status)).toEqual([303, 303]);
    const lines = await shop.dataSource.getRepository(CartLine).findBy({ variantId: second.variantIds[0] });
    expect(lines.map((line) => line.quantity)).toEqual([2]);
  });

  it('refuses to add a sold-out size and colour, with a clear message on the product page', async () => {
    const shopper = new Shopper(shop.baseUrl);
    const gone = await aProduct(shop, { stock: 0, sizes: ['L'] });
    const refused = await addToCart(shopper, gone, { size: 'L' });
    expect(refused.status).toBe(409);
    expect(textOf(refused.html)).toContain('sold out');
    const unknownSize = await addToCart(shopper, kurta, { size: 'XXXL' });
    expect(unknownSize.status).toBe(422);
    expect(textOf(unknownSize.html)).toContain('Please choose a size and colour that is available');
    const badQuantity = await addToCart(shopper, kurta, { quantity: 0 });
    expect(badQuantity.status).toBe(422);
    expect(textOf(badQuantity.html)).toContain('Quantity must be at least 1');
  });
});

describe("a customer's cart, whatever arrives at the same moment", () => {
  const PASSWORD = 'a-long-enough-password';
  let shop: TestShop;
  let sequence = 0;

  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.close());

  /** A new customer, made by the service: registration over HTTP is rate-limited. */
  async function aCustomer(): Promise<{ id: number; email: string }> {
    sequence += 1;
    const email = `cart-race-${sequence}@example.test`;
    const { id } = await shop.get(AuthService).register({ name: 'Hina Baig', email, password: PASSWORD });
    return { id, email };
  }

  /** The account's cart, as variant id → quantity. */
  async function accountCart(userId: number): Promise<Map<number, number>> {
    const cart = await shop.dataSource.getRepository(Cart).findOneByOrFail({ userId });
    const lines = await shop.dataSource.getRepository(CartLine).find({ where: { cartId: cart.id }, order: { variantId: 'ASC' } });
    return new Map(lines.map((line) => [line.variantId, line.quantity]));
  }

  it('adds both of two first Add to cart submits of a signed-in customer with no cart yet to one line, neither undone on the way', async () => {
    const customer = await aCustomer();
    const shopper = new Shopper(shop.baseUrl);
    expect((await shopper.submit('/login', '/login', { email: customer.email, password: PASSWORD })).status).toBe(303);
    expect(await shop.dataSource.getRepository(Cart).existsBy({ userId: customer.id })).toBe(false);
    const shawl = await aProduct(shop, { stock: 10 });
    const token = csrfTokenIn((await shopper.get(`/products/${shawl.slug}`)).html);
    const form = { _csrf: token, product: shawl.slug, size: 'M', colour: 'Indigo', quantity: '1' };

    const transactions = jest.spyOn(shop.dataSource, 'transaction');
    const presses = await Promise.all([shopper.post('/cart/items', form), shopper.post('/cart/items', form)]);
    const attempts = transactions.mock.calls.length;
    transactions.mockRestore();

    // One transaction each: had both found no cart and both inserted one, MySQL would have ended one of
    // them in a deadlock to be run again (and, without gap locks, failed it on cart.userId's unique index).
    expect(attempts).toBe(2);
    expect(presses.map((press) => [press.status, press.location])).toEqual([
      [303, '/cart'],
      [303, '/cart'],
    ]);
    expect(await accountCart(customer.id)).toEqual(new Map([[shawl.variantIds[0], 2]]));
    expect(textOf((await shopper.get('/cart')).html)).toContain('Cart 2');
  });

  it("merges a visitor's cart into the account's once when the sign-in form is sent twice at once", async () => {
    const customer = await aCustomer();
    const [kept, chosen] = [await aProduct(shop, { stock: 10 }), await aProduct(shop, { stock: 10 })];
    await shop.get(CartService).addItem(undefined, { productSlug: kept.slug, size: 'M', colour: 'Indigo', quantity: 2 }, customer.id);
    const visitor = new Shopper(shop.baseUrl);
    await addToCart(visitor, kept, { quantity: 1 });
    await addToCart(visitor, chosen, { quantity: 4 });
    const visitorCartId = (await shop.dataSource.getRepository(CartLine).findOneByOrFail({ variantId: chosen.variantIds[0] })).cartId;
    const token = csrfTokenIn((await visitor.get('/login')).html);
    const form = { _csrf: token, email: customer.email, password: PASSWORD };

    const answers = await Promise.all([visitor.post('/login', form), visitor.post('/login', form)]);

    // Each request signs in on a new session, or (when it reads the session after the other one has
    // replaced it) finds its form's token gone with the old session and is refused; never an error.
    for (const answer of answers) {
      if (answer.status === 403) expect(textOf(answer.html)).toContain('This form has expired or did not come from our site.');
      else expect([answer.status, answer.location]).toEqual([303, '/']);
    }
    expect(answers.map((answer) => answer.status)).toContain(303);
    expect(await accountCart(customer.id)).toEqual(
      new Map([
        [kept.variantIds[0], 3],
        [chosen.variantIds[0], 4],
      ]),
    );
    expect(await shop.dataSource.getRepository(Cart).existsBy({ id: visitorCartId })).toBe(false);
  });

  it("merges a visitor's cart once when two sign-ins of the account take it at the same moment", async () => {
    const customer = await aCustomer();
    const [kept, chosen] = [await aProduct(shop, { stock: 10 }), await aProduct(shop, { stock: 10 })];
    const carts = shop.get(CartService);
    const item = (product: ProductFixture, quantity: number) => ({ productSlug: product.slug, size: 'M', colour: 'Indigo', quantity });
    const { cartId: accountCartId } = await carts.addItem(undefined, item(kept, 2), customer.id);
    const { cartId: visitorCartId } = await carts.addItem(undefined, item(kept, 1));
    await carts.addItem(visitorCartId, item(chosen, 4));

    const signIns = await Promise.allSettled([carts.cartForSignIn(customer.id, visitorCartId), carts.cartForSignIn(customer.id, visitorCartId)]);

    expect(signIns).toEqual([
      { status: 'fulfilled', value: accountCartId },
      { status: 'fulfilled', value: accountCartId },
    ]);
    expect(await accountCart(customer.id)).toEqual(
      new Map([
        [kept.variantIds[0], 3],
        [chosen.variantIds[0], 4],
      ]),
    );
  });
});
