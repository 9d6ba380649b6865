import { jest } from '@jest/globals';
import { AccountTokensService } from '../../src/auth/account-tokens.service.js';
import { AddressBookService } from '../../src/auth/address-book.service.js';
import { AddressBookFullError } from '../../src/auth/auth.errors.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { Address } from '../../src/auth/entities/address.entity.js';
import { SessionRecord } from '../../src/sessions/entities/session.entity.js';
import { User } from '../../src/auth/entities/user.entity.js';
import { DatabaseSessionStore } from '../../src/sessions/session-store.js';
import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart } from '../helpers/journeys.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

const PASSWORD = 'a-long-enough-password';
const NEW_PASSWORD = 'kurta-on-mall-road-1947';
const DAY_MS = 24 * 60 * 60_000;
const HOME = { fullName: 'Hina Qureshi', phone: '0321 7654321', address: '7 Canal View, Gulberg', city: 'Lahore', postalCode: '54660' };
const OFFICE = { fullName: 'Hina Qureshi', phone: '0300 1112223', address: '3rd floor, 45 Shahrah-e-Faisal', city: 'Karachi', postalCode: '75350' };

describe('my account: profile, email and password, address book, sessions', () => {
  let shop: TestShop;
  let kurta: ProductFixture;
  let sequence = 0;

  beforeAll(async () => {
    shop = await startShop();
    kurta = await aProduct(shop, { name: 'Chenab Lawn Kurta', stock: 20 });
  });
  afterAll(() => shop.close());

  const users = () => shop.dataSource.getRepository(User);
  const addresses = () => shop.dataSource.getRepository(Address);
  const sessions = () => shop.dataSource.getRepository(SessionRecord);

  /**
   * A new customer, signed in on a fresh shopper. The account is made by the service (registration over
   * HTTP is rate-limited per address, and every test here comes from 127.0.0.1); signing in is real.
   */
  async function aCustomer(name = 'Hina Qureshi'): Promise<{ shopper: Shopper; email: string; id: number }> {
    sequence += 1;
    const email = `customer-${sequence}@example.test`;
    const { id } = await shop.get(AuthService).register({ name, email, password: PASSWORD });
    const { shopper, response } = await signIn(email);
    expect(response.status).toBe(303);
    return { shopper, email, id };
  }

  async function signIn(email: string, password = PASSWORD, extra: Record<string, string> = {}) {
    const shopper = new Shopper(shop.baseUrl);
    const response = await shopper.submit('/login', '/login', { email, password, ...extra });
    return { shopper, response };
  }

  const changePassword = (shopper: Shopper, currentPassword: string, password: string) =>
    shopper.submit('/account', '/account/password', { currentPassword, password });

  const changeEmail = (shopper: Shopper, email: string, currentPassword: string) => shopper.submit('/account', '/account/email', { email, currentPassword });

  /** The newest link to `path` (/password/reset/ or /email/verify/) queued for `email`, as a path with its token. */
  async function newestLink(email: string, path: string): Promise<string> {
    const mails = await shop.dataSource.getRepository(OutboxMessage).find({ where: { recipient: email }, order: { id: 'DESC' } });
    const token = mails.map((mail) => new RegExp(`${path}([A-Za-z0-9_-]{43})\\b`).exec(mail.body)?.[1]).find(Boolean);
    if (!token) throw new Error(`no ${path} link queued for ${email}`);
    return `${path}${token}`;
  }

  const addAddress = (shopper: Shopper, fields: Record<string, string>) => shopper.submit('/account/addresses/new', '/account/addresses', fields);

  const sessionCookie = (response: { headers: Headers }) => response.headers.getSetCookie().find((cookie) => cookie.startsWith('anarkali.sid=')) ?? '';

  describe('the account page', () => {
    it('shows the profile with the email not yet verified, and links to my orders and the address book', async () => {
      const { shopper, email, id } = await aCustomer('Farah Siddiqui');
      const page = await shopper.get('/account');
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      for (const shown of ['My account', 'Farah Siddiqui', email, 'Not verified']) expect(text).toContain(shown);
      expect(page.html).toContain('href="/account/orders"');
      expect(page.html).toContain('href="/account/addresses"');

      await users().update({ id }, { emailVerifiedAt: new Date() });
      const verified = textOf((await shopper.get('/account')).html);
      expect(verified).toContain('Verified');
      expect(verified).not.toContain('Not verified');
    });

    it('is linked from the header as My account, and sends a visitor to sign in and back', async () => {
      const { shopper } = await aCustomer();
      expect((await shopper.get('/')).html).toContain('<a href="/account">My account</a>');
      const visitor = await new Shopper(shop.baseUrl).get('/account');
      expect(visitor.status).toBe(303);
      expect(visitor.location).toBe('/login?next=%2Faccount');
    });

    it('changes the name, and refuses an empty one with a field error', async () => {
      const { shopper, id } = await aCustomer('Old Name');
      const empty = await shopper.submit('/account', '/account/name', { name: '   ' });
      expect(empty.status).toBe(422);
      expect(textOf(empty.html)).toContain('Please enter your name');
      const renamed = await shopper.submit('/account', '/account/name', { name: '  Nadia Baig ' });
      expect(renamed.status).toBe(303);
      expect(renamed.location).toBe('/account');
      expect((await users().findOneByOrFail({ id })).name).toBe('Nadia Baig');
      expect(textOf((await shopper.get('/account')).html)).toContain('Your name has been saved.');
    });

    it('sends Cache-Control: no-store on every account page and on the admin panel, not on the shop', async () => {
      const { shopper } = await aCustomer();
      for (const path of ['/account', '/account/orders', '/account/addresses', '/account/addresses/new', '/account/addresses/999999/edit']) {
        const page = await shopper.get(path);
        expect({ path, cacheControl: page.headers.get('cache-control') }).toEqual({ path, cacheControl: 'no-store' });
      }
      const { shopper: owner } = await signIn(OWNER.email, OWNER.password);
      const admin = await owner.get('/admin');
      expect(admin.status).toBe(200);
      expect(admin.headers.get('cache-control')).toBe('no-store');
      expect((await shopper.get('/products')).headers.get('cache-control')).not.toBe('no-store');
    });
  });

  describe('changing the password', () => {
    it('ends a reset link sent before the change', async () => {
      const { shopper, email } = await aCustomer();
      await shop.get(AccountTokensService).requestPasswordReset(email);
      const link = await newestLink(email, '/password/reset/');
      expect((await new Shopper(shop.baseUrl).get(link)).status).toBe(200);
      expect((await changePassword(shopper, PASSWORD, NEW_PASSWORD)).status).toBe(303);
      expect((await new Shopper(shop.baseUrl).get(link)).status).toBe(410);
    });

    it('needs the current password: a wrong one is a 422 with a field error, and nothing changes', async () => {
      const { shopper, id } = await aCustomer();
      const before = (await users().findOneByOrFail({ id })).passwordHash;
      const wrong = await changePassword(shopper, 'not-my-password', NEW_PASSWORD);
      expect(wrong.status).toBe(422);
      expect(textOf(wrong.html)).toContain('That is not your current password.');
      expect(wrong.html).toContain('aria-invalid="true" aria-describedby="password-current-password-error"');
      expect(wrong.html).not.toContain(NEW_PASSWORD);
      expect(wrong.html).not.toContain('not-my-password');
      expect((await users().findOneByOrFail({ id })).passwordHash).toBe(before);
      expect((await signIn((await users().findOneByOrFail({ id })).email)).response.status).toBe(303);
    });

    it('holds the new password to the same rules as registration: 10 characters, not a common one', async () => {
      const { shopper, id } = await aCustomer();
      const before = (await users().findOneByOrFail({ id })).passwordHash;
      const short = await changePassword(shopper, PASSWORD, 'short');
      expect(short.status).toBe(422);
      expect(textOf(short.html)).toContain('at least 10 characters');
      const common = await changePassword(shopper, PASSWORD, 'qwertyuiop');
      expect(common.status).toBe(422);
      expect(textOf(common.html)).toContain('This password is too common');
      expect((await users().findOneByOrFail({ id })).passwordHash).toBe(before);
    });

    it('signs every other browser out, keeps this one signed in, and the old password stops working', async () => {
      const { shopper, email, id } = await aCustomer();
      const { shopper: otherBrowser } = await signIn(email);
      expect((await otherBrowser.get('/account')).status).toBe(200);
      const sessionBefore = shopper.sessionId;

      const changed = await changePassword(shopper, PASSWORD, NEW_PASSWORD);
      expect(changed.status).toBe(303);
      expect(changed.location).toBe('/account');

      const here = await shopper.get('/account');
      expect(here.status).toBe(200);
      expect(textOf(here.html)).toContain('every other browser signed in to your account has been signed out');
      expect(shopper.sessionId).not.toBe(sessionBefore);
      const elsewhere = await otherBrowser.get('/account');
      expect(elsewhere.status).toBe(303);
      expect(elsewhere.location).toBe('/login?next=%2Faccount');
      expect(await sessions().countBy({ userId: id })).toBe(1);

      const old = await signIn(email, PASSWORD);
      expect(old.response.status).toBe(422);
      expect((await signIn(email, NEW_PASSWORD)).response.status).toBe(303);
    });

    it('keeps the old password when the other sessions cannot be ended: both happen together or neither', async () => {
      const { shopper, email, id } = await aCustomer();
      const { shopper: otherBrowser } = await signIn(email);
      const store = shop.get(DatabaseSessionStore);
      const failing = jest.spyOn(store, 'destroyAllFor').mockRejectedValueOnce(new Error('database went away'));
      try {
        expect((await changePassword(shopper, PASSWORD, NEW_PASSWORD)).status).toBe(500);
      } finally {
        failing.mockRestore();
      }
      expect((await otherBrowser.get('/account')).status).toBe(200);
      expect(await sessions().countBy({ userId: id })).toBe(2);
      expect((await signIn(email, NEW_PASSWORD)).response.status).toBe(422);
      expect((await signIn(email, PASSWORD)).response.status).toBe(303);
    });
  });

  describe('changing the email', () => {
    it('ends the reset and confirmation links sent to the old address', async () => {
      const { shopper, email } = await aCustomer();
      await shop.get(AccountTokensService).requestPasswordReset(email);
      const links = [await newestLink(email, '/password/reset/'), await newestLink(email, '/email/verify/')];
      for (const link of links) expect((await new Shopper(shop.baseUrl).get(link)).status).toBe(200);
      sequence += 1;
      expect((await changeEmail(shopper, `new-home-${sequence}@example.test`, PASSWORD)).status).toBe(303);
      for (const link of links) expect({ link, status: (await new Shopper(shop.baseUrl).get(link)).status }).toEqual({ link, status: 410 });
    });

    it('needs the current password, and a wrong one changes nothing', async () => {
      const { shopper, email, id } = await aCustomer();
      const wrong = await changeEmail(shopper, 'elsewhere@example.test', 'not-my-password');
      expect(wrong.status).toBe(422);
      expect(textOf(wrong.html)).toContain('That is not your current password.');
      expect(wrong.html).toContain('value="elsewhere@example.test"');
      expect(wrong.html).not.toContain('not-my-password');
      expect((await users().findOneByOrFail({ id })).email).toBe(email);
    });

    it('refuses an address another account signs in with, whatever its case', async () => {
      const { email: taken } = await aCustomer();
      const { shopper, email, id } = await aCustomer();
      const refused = await changeEmail(shopper, taken.toUpperCase(), PASSWORD);
      expect(refused.status).toBe(422);
      expect(textOf(refused.html)).toContain('Another account already uses this email address.');
      expect((await users().findOneByOrFail({ id })).email).toBe(email);
    });

    it('lower-cases the new address, marks it unconfirmed and sends the confirmation link there', async () => {
      const { shopper, id } = await aCustomer();
      await users().update({ id }, { emailVerifiedAt: new Date() });
      sequence += 1;
      const changed = await changeEmail(shopper, `  Moved-${sequence}@Example.TEST `, PASSWORD);
      expect(changed.status).toBe(303);
      const moved = `moved-${sequence}@example.test`;
      const user = await users().findOneByOrFail({ id });
      expect(user.email).toBe(moved);
      expect(user.emailVerifiedAt).toBeNull();
      expect(await shop.dataSource.getRepository(OutboxMessage).countBy({ recipient: moved, kind: 'verify_email' })).toBe(1);
      expect(textOf((await shopper.get('/account')).html)).toContain('Not verified');
      expect((await signIn(moved)).response.status).toBe(303);
    });
  });

  describe('the address book', () => {
    it('adds, edits, makes default and deletes addresses; the first one is the default', async () => {
      const { shopper, id } = await aCustomer();
      const empty = await shopper.get('/account/addresses');
      expect(textOf(empty.html)).toContain('No saved addresses yet.');
      const page = await shopper.get('/account/addresses/new');
      for (const label of ['Full name', 'Phone', 'Address', 'City', 'Postal code']) expect(textOf(page.html)).toContain(label);

      expect((await addAddress(shopper, HOME)).status).toBe(303);
      expect((await addAddress(shopper, OFFICE)).status).toBe(303);
      const [home, office] = await addresses().find({ where: { userId: id }, order: { id: 'ASC' } });
      expect([home.isDefault, office.isDefault]).toEqual([true, false]);
      const list = textOf((await shopper.get('/account/addresses')).html);
      expect(list).toContain('7 Canal View, Gulberg');
      expect(list).toContain('45 Shahrah-e-Faisal');

      const edit = await shopper.get(`/account/addresses/${office.id}/edit`);
      expect(edit.html).toContain('value="3rd floor, 45 Shahrah-e-Faisal"');
      const edited = await shopper.submit(`/account/addresses/${office.id}/edit`, `/account/addresses/${office.id}`, { ...OFFICE, city: 'Hyderabad' });
      expect(edited.status).toBe(303);
      expect((await addresses().findOneByOrFail({ id: office.id })).city).toBe('Hyderabad');

      expect((await shopper.submit('/account/addresses', `/account/addresses/${office.id}/default`, {})).status).toBe(303);
      expect(await defaults(id)).toEqual([office.id]);

      expect((await shopper.submit('/account/addresses', `/account/addresses/${office.id}/delete`, {})).status).toBe(303);
      expect(await addresses().countBy({ userId: id })).toBe(1);
      expect(await defaults(id)).toEqual([home.id]);
    });

    it('can make a new or edited address the default, keeping exactly one default', async () => {
      const { shopper, id } = await aCustomer();
      await addAddress(shopper, HOME);
      await addAddress(shopper, { ...OFFICE, makeDefault: '1' });
      const [home, office] = await addresses().find({ where: { userId: id }, order: { id: 'ASC' } });
      expect(await defaults(id)).toEqual([office.id]);
      await shopper.submit(`/account/addresses/${home.id}/edit`, `/account/addresses/${home.id}`, { ...HOME, makeDefault: '1' });
      expect(await defaults(id)).toEqual([home.id]);
    });

    it('re-renders a bad address with field errors and what was typed', async () => {
      const { shopper, id } = await aCustomer();
      const bad = await addAddress(shopper, { ...HOME, postalCode: '!!', phone: 'call me' });
      expect(bad.status).toBe(422);
      expect(textOf(bad.html)).toContain('Please enter a valid postal code');
      expect(textOf(bad.html)).toContain('Please enter a phone number we can call');
      expect(bad.html).toContain('value="7 Canal View, Gulberg"');
      expect(await addresses().countBy({ userId: id })).toBe(0);
    });

    it("answers 404 for another customer's address, and never shows or changes it", async () => {
      const { shopper: alice, id: aliceId } = await aCustomer();
      await addAddress(alice, HOME);
      await addAddress(alice, OFFICE);
      const [home, office] = await addresses().find({ where: { userId: aliceId }, order: { id: 'ASC' } });
      const { shopper: mallory } = await aCustomer();

      expect(textOf((await mallory.get('/account/addresses')).html)).not.toContain('Canal View');
      expect((await mallory.get(`/account/addresses/${home.id}/edit`)).status).toBe(404);
      expect((await mallory.submit('/account/addresses', `/account/addresses/${home.id}`, { ...OFFICE, city: 'Stolen' })).status).toBe(404);
      expect((await mallory.submit('/account/addresses', `/account/addresses/${office.id}/default`, {})).status).toBe(404);
      expect((await mallory.submit('/account/addresses', `/account/addresses/${home.id}/delete`, {})).status).toBe(404);
      for (const odd of ['abc', '0', '-1', '1.5', '99999999999999999999']) {
        expect({ odd, status: (await mallory.get(`/account/addresses/${odd}/edit`)).status }).toEqual({ odd, status: 404 });
      }

      const after = await addresses().find({ where: { userId: aliceId }, order: { id: 'ASC' } });
      expect(after.map((a) => [a.id, a.city, a.isDefault])).toEqual([
        [home.id, 'Lahore', true],
        [office.id, 'Karachi', false],
      ]);
    });

    it('fills the checkout form with the default address', async () => {
      const { shopper, email } = await aCustomer('Hina Qureshi');
      await addAddress(shopper, OFFICE);
      await addAddress(shopper, { ...HOME, makeDefault: '1' });
      await addToCart(shopper, kurta);
      const page = await shopper.get('/checkout');
      expect(page.status).toBe(200);
      for (const value of [HOME.fullName, email, HOME.phone, HOME.address, HOME.city, HOME.postalCode]) expect(page.html).toContain(`value="${value}"`);
      // The other address is offered among the saved ones, not filled in.
      expect(page.html).not.toContain(`value="${OFFICE.address}"`);
      expect(page.html).toContain(`data-address="${OFFICE.address}"`);
    });

    it('refuses the 21st address with a message on the form, keeping what was typed, and saves nothing', async () => {
      const { shopper, id } = await aCustomer();
      await addressesSaved(id, 20);
      const refused = await addAddress(shopper, OFFICE);
      expect(refused.status).toBe(422);
      expect(textOf(refused.html)).toContain('Your address book is full (20 addresses). Delete one you no longer use to add another.');
      expect(refused.html).toContain('value="3rd floor, 45 Shahrah-e-Faisal"');
      expect(await addresses().countBy({ userId: id })).toBe(20);
    });

    it('saves exactly 20 when five addresses are added at the same moment to a book of 18', async () => {
      const { id } = await aCustomer();
      await addressesSaved(id, 18);
      const book = shop.get(AddressBookService);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) => book.add(id, { ...OFFICE, address: `Office ${i + 1}, Shahrah-e-Faisal` }, false)),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(2);
      for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(AddressBookFullError);
      expect(await addresses().countBy({ userId: id })).toBe(20);
    });
  });

  describe('password rules at registration', () => {
    it.each(['qwertyuiop', 'Basketball', '1234567890'])('refuses the common password %s', async (password) => {
      sequence += 1;
      const email = `common-${sequence}@example.test`;
      const refused = await new Shopper(shop.baseUrl).submit('/register', '/register', { name: 'Common Choice', email, password });
      expect(refused.status).toBe(422);
      expect(textOf(refused.html)).toContain('This password is too common');
      expect(refused.html).not.toContain(`value="${password}"`);
      expect(await users().existsBy({ email })).toBe(false);
    });
  });

  describe('sessions', () => {
    it('remembers a sign-in for 30 days only when asked; otherwise the cookie ends with the browser', async () => {
      const { email } = await aCustomer();
      const page = await new Shopper(shop.baseUrl).get('/login');
      expect(page.html).toContain('name="rememberMe"');
      expect(textOf(page.html)).toContain('Remember me');

      const remembered = await signIn(email, PASSWORD, { rememberMe: '1' });
      expect(remembered.response.status).toBe(303);
      const expires = /Expires=([^;]+)/i.exec(sessionCookie(remembered.response))?.[1];
      expect(expires).toBeDefined();
      const lasts = new Date(expires as string).getTime() - Date.now();
      expect(lasts).toBeGreaterThan(29 * DAY_MS);
      expect(lasts).toBeLessThanOrEqual(30 * DAY_MS);
      expect((await remembered.shopper.get('/account')).status).toBe(200);
      const stored = await sessions().findOneByOrFail({ id: remembered.shopper.storedSessionId });
      expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * DAY_MS);

      // A password change signs this browser in again on a new session, still remembered.
      const changed = await changePassword(remembered.shopper, PASSWORD, NEW_PASSWORD);
      expect(changed.status).toBe(303);
      expect(sessionCookie(changed)).toMatch(/Expires=/i);
      expect((await remembered.shopper.get('/account')).status).toBe(200);

      const forgotten = await signIn(email, NEW_PASSWORD);
      expect(forgotten.response.status).toBe(303);
      const cookie = sessionCookie(forgotten.response);
      expect(cookie).not.toBe('');
      expect(cookie).not.toMatch(/Expires=|Max-Age=/i);
    });

    it('signs a customer out after 30 idle minutes, on the server', async () => {
      const { shopper, id } = await aCustomer();
      expect((await shopper.get('/account')).status).toBe(200);
      const [row] = await sessions().findBy({ userId: id });
      const idle = row.expiresAt.getTime() - Date.now();
      expect(idle).toBeGreaterThan(28 * 60_000);
      expect(idle).toBeLessThanOrEqual(30 * 60_000);

      await sessions().update({ userId: id }, { expiresAt: new Date(Date.now() - 1000) });
      const after = await shopper.get('/account');
      expect(after.status).toBe(303);
      expect(after.location).toBe('/login?next=%2Faccount');
    });

    it('moves the idle expiry forward only once it would move by a minute, so browsing writes nothing to the session row', async () => {
      const { shopper, id } = await aCustomer();
      expect((await shopper.get('/account')).status).toBe(200);
      const [before] = await sessions().findBy({ userId: id });
      for (let i = 0; i < 3; i++) expect((await shopper.get('/account')).status).toBe(200);
      const [unchanged] = await sessions().findBy({ userId: id });
      expect(unchanged.expiresAt.getTime()).toBe(before.expiresAt.getTime());

      // Two idle minutes later (the row's expiry moved back as the clock would have moved on):
      await sessions().update({ userId: id }, { expiresAt: new Date(Date.now() + 28 * 60_000) });
      expect((await shopper.get('/account')).status).toBe(200);
      const [moved] = await sessions().findBy({ userId: id });
      expect(moved.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
      expect(JSON.parse(moved.data)).not.toHaveProperty('storedUntil');
    });
  });

  async function defaults(userId: number): Promise<number[]> {
    return (await addresses().find({ where: { userId, isDefault: true } })).map((a) => a.id);
  }

  /** Fills a customer's address book through the service, one address after another. */
  async function addressesSaved(userId: number, count: number): Promise<void> {
    for (let i = 1; i <= count; i++) await shop.get(AddressBookService).add(userId, { ...HOME, address: `${i} Canal View, Gulberg` }, false);
  }
});
