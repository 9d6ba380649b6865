import { SessionRecord } from '../../src/sessions/entities/session.entity.js';
import { User, Role } from '../../src/auth/entities/user.entity.js';
import { registerAndSignIn } from '../helpers/accounts.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

describe('accounts: register, sign in, sign out, and my orders', () => {
  let shop: TestShop;
  let kurta: ProductFixture;

  beforeAll(async () => {
    shop = await startShop();
    kurta = await aProduct(shop, { name: 'Ravi Cotton Kurta', stock: 20 });
  });
  afterAll(() => shop.close());

  async function register(shopper: Shopper, email: string, extra: Record<string, string> = {}) {
    return shopper.submit('/register', '/register', { name: 'Bilal Ahmed', email, password: 'a-long-enough-password', ...extra });
  }

  it('registers a customer with an argon2id hash, whatever role the form claims', async () => {
    const shopper = new Shopper(shop.baseUrl);
    const page = await shopper.get('/register');
    for (const label of ['Name', 'Email', 'Password', 'Create account']) expect(textOf(page.html)).toContain(label);
    const created = await register(shopper, 'Bilal@Example.TEST', { role: 'owner' });
    expect(created.status).toBe(303);
    expect(created.location).toBe('/register/check-email');
    const user = await shop.dataSource.getRepository(User).findOneByOrFail({ email: 'bilal@example.test' });
    expect(user.role).toBe(Role.Customer);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    // Registering signs nobody in; the new password does.
    expect(textOf((await shopper.get('/')).html)).toContain('Sign in');
    expect((await shopper.submit('/login', '/login', { email: 'bilal@example.test', password: 'a-long-enough-password' })).status).toBe(303);
    expect(textOf((await shopper.get('/')).html)).toContain('My account');
  });

  it('re-renders registration with field errors, keeping what was typed but never the password', async () => {
    const shopper = new Shopper(shop.baseUrl);
    const short = await register(shopper, 'short@example.test', { password: 'short', name: 'Sana' });
    expect(short.status).toBe(422);
    expect(textOf(short.html)).toContain('at least 10 characters');
    expect(short.html).toContain('value="short@example.test"');
    expect(short.html).not.toContain('value="short"');
    // A taken email is answered as a new one is (its owner is emailed instead), and makes no second account.
    const taken = await register(new Shopper(shop.baseUrl), 'bilal@example.test');
    expect({ status: taken.status, location: taken.location }).toEqual({ status: 303, location: '/register/check-email' });
    expect(await shop.dataSource.getRepository(User).countBy({ email: 'bilal@example.test' })).toBe(1);
  });

  it('gives a new session id at sign-in, keeps the cart, and ends the session on the server at sign-out', async () => {
    await register(new Shopper(shop.baseUrl), 'cart-keeper@example.test');
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, kurta, { quantity: 2 });
    const visitorSession = shopper.sessionId;
    expect(visitorSession).toBeDefined();

    const wrong = await shopper.submit('/login', '/login', { email: 'cart-keeper@example.test', password: 'not the password' });
    expect(wrong.status).toBe(422);
    expect(textOf(wrong.html)).toContain('That email and password do not match an account.');

    const signedIn = await shopper.submit('/login', '/login', { email: 'Cart-Keeper@example.test', password: 'a-long-enough-password' });
    expect(signedIn.status).toBe(303);
    expect(shopper.sessionId).toBeDefined();
    expect(shopper.sessionId).not.toBe(visitorSession);
    const cart = await shopper.get('/cart');
    expect(textOf(cart.html)).toContain('Ravi Cotton Kurta');
    expect(textOf(cart.html)).toContain('Cart 2');

    const sessionsBefore = await shop.dataSource.getRepository(SessionRecord).count();
    const signedOut = await shopper.submit('/', '/logout', {});
    expect(signedOut.status).toBe(303);
    expect(await shop.dataSource.getRepository(SessionRecord).count()).toBe(sessionsBefore - 1);
    expect(textOf((await shopper.get('/')).html)).toContain('Sign in');

    // The cart waits on the account for the next sign-in.
    await shopper.submit('/login', '/login', { email: 'cart-keeper@example.test', password: 'a-long-enough-password' });
    expect(textOf((await shopper.get('/cart')).html)).toContain('Ravi Cotton Kurta');
  });

  it('sends a visitor to sign in and back, and never follows ?next= off the site', async () => {
    const visitor = new Shopper(shop.baseUrl);
    const bounced = await visitor.get('/account/orders');
    expect(bounced.status).toBe(303);
    expect(bounced.location).toBe('/login?next=%2Faccount%2Forders');
    await register(new Shopper(shop.baseUrl), 'next@example.test');
    const back = await visitor.submit('/login?next=/account/orders', '/login', {
      email: 'next@example.test',
      password: 'a-long-enough-password',
      next: '/account/orders',
    });
    expect(back.location).toBe('/account/orders');
    for (const evil of ['//evil.example', 'https://evil.example/', 'javascript:alert(1)']) {
      const other = new Shopper(shop.baseUrl);
      const result = await other.submit('/login', '/login', { email: 'next@example.test', password: 'a-long-enough-password', next: evil });
      expect(result.location).toBe('/');
    }
  });

  it("shows a customer their own orders only: anyone else's order is a 404", async () => {
    const alice = new Shopper(shop.baseUrl);
    await registerAndSignIn(alice, { name: 'Alice Khan', email: 'alice@example.test', password: 'a-long-enough-password' });
    await addToCart(alice, kurta);
    const placed = await checkout(alice, { email: 'alice@example.test' });
    const number = placed.location?.split('/')[2] as string;

    const list = await alice.get('/account/orders');
    expect(list.status).toBe(200);
    expect(textOf(list.html)).toContain(number);
    const detail = await alice.get(`/account/orders/${number}`);
    expect(detail.status).toBe(200);
    expect(textOf(detail.html)).toContain('Placed');

    const mallory = new Shopper(shop.baseUrl);
    await registerAndSignIn(mallory, { name: 'Mallory', email: 'mallory@example.test', password: 'a-long-enough-password' });
    expect(textOf((await mallory.get('/account/orders')).html)).not.toContain(number);
    expect((await mallory.get(`/account/orders/${number}`)).status).toBe(404);
    expect((await mallory.get(`/orders/${number}/confirmation`)).status).toBe(404);
    expect((await new Shopper(shop.baseUrl).get(`/orders/${number}/confirmation`)).status).toBe(404);
  });
});
