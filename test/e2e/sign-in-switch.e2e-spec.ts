import { Role, User } from '../../src/auth/entities/user.entity.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { newTotpSecret, totp } from '../../src/auth/totp.js';
import { Cart } from '../../src/cart/entities/cart.entity.js';
import { CartLine } from '../../src/cart/entities/cart-line.entity.js';
import { SessionRecord } from '../../src/sessions/entities/session.entity.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart } from '../helpers/journeys.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

const PASSWORD = 'a-long-enough-password';

describe('signing in as B on a browser where A is signed in', () => {
  let shop: TestShop;
  let kurta: ProductFixture;

  beforeAll(async () => {
    shop = await startShop();
    kurta = await aProduct(shop, { name: 'Amna Lawn Kurta', stock: 20 });
  });
  afterAll(() => shop.close());

  async function anAccount(email: string, role = Role.Customer): Promise<User> {
    await shop.get(AuthService).register({ name: email.split('@')[0], email, password: PASSWORD }, role);
    return shop.dataSource.getRepository(User).findOneByOrFail({ email });
  }

  /** A browser signed in as `email` with two of the kurta in the account's cart. */
  async function signedInWithCart(email: string): Promise<Shopper> {
    const browser = new Shopper(shop.baseUrl);
    expect((await browser.submit('/login', '/login', { email, password: PASSWORD })).status).toBe(303);
    expect((await addToCart(browser, kurta, { quantity: 2 })).status).toBe(303);
    return browser;
  }

  const sessionExists = async (id: string) => shop.dataSource.getRepository(SessionRecord).existsBy({ id });
  const unitsInCartOf = async (userId: number) => {
    const cart = await shop.dataSource.getRepository(Cart).findOneBy({ userId });
    if (!cart) return 0;
    return (await shop.dataSource.getRepository(CartLine).findBy({ cartId: cart.id })).reduce((n, line) => n + line.quantity, 0);
  };

  it("ends A's session and gives B their own cart, never A's, through the password step", async () => {
    const a = await anAccount('amna@example.test');
    const b = await anAccount('bushra@example.test');
    const browser = await signedInWithCart(a.email);
    const sessionOfA = browser.storedSessionId;

    expect((await browser.submit('/login', '/login', { email: b.email, password: PASSWORD })).status).toBe(303);

    expect(await sessionExists(sessionOfA)).toBe(false);
    const cart = textOf((await browser.get('/cart')).html);
    expect(cart).not.toContain('Amna Lawn Kurta');
    expect(cart).toContain('Cart 0');
    expect(await unitsInCartOf(b.id)).toBe(0);
    expect(await unitsInCartOf(a.id)).toBe(2);
    // A finds the cart where they left it.
    const elsewhere = new Shopper(shop.baseUrl);
    await elsewhere.submit('/login', '/login', { email: a.email, password: PASSWORD });
    expect(textOf((await elsewhere.get('/cart')).html)).toContain('Amna Lawn Kurta');
  });

  it("ends A's session at B's password step, before B's two-factor code, and B gets only their own cart", async () => {
    const a = await anAccount('asma@example.test');
    const b = await anAccount('bilqees@example.test', Role.Staff);
    const secret = newTotpSecret();
    await shop.dataSource.getRepository(User).update({ id: b.id }, { totpSecret: secret, totpEnabledAt: new Date() });
    const browser = await signedInWithCart(a.email);
    const sessionOfA = browser.storedSessionId;

    const password = await browser.submit('/login', '/login', { email: b.email, password: PASSWORD });
    expect(password.location).toBe('/login/two-factor');
    expect(await sessionExists(sessionOfA)).toBe(false);
    // Waiting for B's code, the browser is nobody's: not A's account any more.
    expect((await browser.get('/account')).status).toBe(303);
    expect(textOf((await browser.get('/cart')).html)).toContain('Cart 0');

    expect((await browser.submit('/login/two-factor', '/login/two-factor', { code: totp(secret) })).status).toBe(303);
    expect(textOf((await browser.get('/account')).html)).toContain(b.email);
    expect(textOf((await browser.get('/cart')).html)).not.toContain('Amna Lawn Kurta');
    expect(await unitsInCartOf(b.id)).toBe(0);
    expect(await unitsInCartOf(a.id)).toBe(2);
  });

  it("keeps a visitor's cart, and the same account signing in again keeps its own", async () => {
    const c = await anAccount('chanda@example.test');
    const visitor = new Shopper(shop.baseUrl);
    await addToCart(visitor, kurta, { quantity: 1 });
    await visitor.submit('/login', '/login', { email: c.email, password: PASSWORD });
    await visitor.submit('/login', '/login', { email: c.email, password: PASSWORD });
    expect(textOf((await visitor.get('/cart')).html)).toContain('Cart 1');
    expect(await unitsInCartOf(c.id)).toBe(1);
  });
});
