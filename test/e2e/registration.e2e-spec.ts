import { AuthService } from '../../src/auth/auth.service.js';
import { Role, User } from '../../src/auth/entities/user.entity.js';
import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { linkIn, newestMail, type ShopWithMail, startShopWithMail } from '../helpers/mail-shop.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import type { TestShop } from '../helpers/test-shop.js';

const PASSWORD = 'a-long-enough-password';
const CONFIRM_SUBJECT = 'Confirm your email address for Anarkali';
const NOTICE_SUBJECT = 'Someone tried to create an account at Anarkali with your email';

describe('registration tells nobody whether an email has an account', () => {
  let mail: ShopWithMail;
  let shop: TestShop;

  beforeAll(async () => {
    mail = await startShopWithMail();
    shop = mail.shop;
  });
  afterAll(() => mail.close());

  const register = (shopper: Shopper, email: string, extra: Record<string, string> = {}) =>
    shopper.submit('/register', '/register', { name: 'Bilal Ahmed', email, password: 'a-different-password', ...extra });
  const users = () => shop.dataSource.getRepository(User);
  const outbox = () => shop.dataSource.getRepository(OutboxMessage);

  it('answers a new and a taken email alike, and tells only the mailbox which it was', async () => {
    await shop.get(AuthService).register({ name: 'Hina Qureshi', email: 'hina@example.test', password: PASSWORD });
    const confirmationsBefore = await outbox().countBy({ kind: 'verify_email', recipient: 'hina@example.test' });

    const [newcomer, taker] = [new Shopper(shop.baseUrl), new Shopper(shop.baseUrl)];
    const fresh = await register(newcomer, 'fresh@example.test');
    const taken = await register(taker, 'Hina@Example.test');
    expect({ status: taken.status, location: taken.location }).toEqual({ status: 303, location: '/register/check-email' });
    expect({ status: fresh.status, location: fresh.location }).toEqual({ status: taken.status, location: taken.location });
    const [freshPage, takenPage] = [await newcomer.follow(fresh), await taker.follow(taken)];
    expect([freshPage.status, takenPage.status]).toEqual([200, 200]);
    expect(textOf(freshPage.html)).toContain('Check your email');
    expect(textOf(freshPage.html)).toContain(
      'We sent a message to fresh@example.test. Check your email Open the link in the message we sent you to confirm your address, then sign in.',
    );
    expect(textOf(takenPage.html).replace('hina@example.test', 'fresh@example.test')).toBe(textOf(freshPage.html));
    // Neither is signed in by registering.
    for (const shopper of [newcomer, taker]) expect(textOf((await shopper.get('/')).html)).toContain('Sign in');

    const confirmation = await newestMail(mail, 'fresh@example.test', CONFIRM_SUBJECT);
    expect(confirmation).toContain(`${shop.config.publicUrl}/email/verify/`);
    const notice = await newestMail(mail, 'hina@example.test', NOTICE_SUBJECT);
    expect(notice).toContain('Dear Hina Qureshi');
    expect(notice).toContain(`${shop.config.publicUrl}/login`);
    expect(notice).toContain(`${shop.config.publicUrl}/password/forgot`);
    expect(await outbox().countBy({ kind: 'verify_email', recipient: 'hina@example.test' })).toBe(confirmationsBefore);
    expect(await outbox().countBy({ kind: 'account_exists', recipient: 'fresh@example.test' })).toBe(0);

    // The account that existed is as it was: one row, its own name and password.
    expect(await users().findBy({ email: 'hina@example.test' })).toEqual([expect.objectContaining({ name: 'Hina Qureshi' })]);
    expect((await new Shopper(shop.baseUrl).submit('/login', '/login', { email: 'hina@example.test', password: 'a-different-password' })).status).toBe(422);
    expect((await new Shopper(shop.baseUrl).submit('/login', '/login', { email: 'hina@example.test', password: PASSWORD })).status).toBe(303);
  });

  it('makes a customer whatever role the form claims, and never signs the visitor in', async () => {
    const visitor = new Shopper(shop.baseUrl);
    expect((await register(visitor, 'claims@example.test', { role: 'owner' })).status).toBe(303);
    const created = await users().findOneByOrFail({ email: 'claims@example.test' });
    expect(created.role).toBe(Role.Customer);
    expect(created.emailVerifiedAt).toBeNull();
    expect((await visitor.get('/account')).location).toBe('/login?next=%2Faccount');
  });

  it('lets a new customer confirm the address and then sign in, on the way to where they were going', async () => {
    const visitor = new Shopper(shop.baseUrl);
    const form = await visitor.get('/register?next=/checkout');
    expect(form.html).toContain('name="next" value="/checkout"');
    const registered = await visitor.submit('/register?next=/checkout', '/register', {
      name: 'Nida Aslam',
      email: 'nida@example.test',
      password: PASSWORD,
      next: '/checkout',
    });
    expect(registered.location).toBe('/register/check-email?next=%2Fcheckout');
    const checkEmail = await visitor.follow(registered);
    expect(checkEmail.html).toContain('href="/login?next=/checkout"');

    const link = linkIn(await newestMail(mail, 'nida@example.test', CONFIRM_SUBJECT), shop, '/email/verify/');
    const reader = new Shopper(shop.baseUrl);
    const confirmed = await reader.submit(link, link, {});
    expect(confirmed.location).toBe('/login');
    const signInPage = await reader.follow(confirmed);
    expect(textOf(signInPage.html)).toContain('your email address is confirmed');
    expect(textOf(signInPage.html)).toContain('Sign in');
    expect((await users().findOneByOrFail({ email: 'nida@example.test' })).emailVerifiedAt).toBeInstanceOf(Date);

    const signedIn = await visitor.submit('/login?next=%2Fcheckout', '/login', { email: 'nida@example.test', password: PASSWORD, next: '/checkout' });
    expect(signedIn.location).toBe('/checkout');
  });

  it('answers two simultaneous registrations of one new email alike: one account, one confirmation, one notice', async () => {
    const answers = await Promise.all([register(new Shopper(shop.baseUrl), 'twins@example.test'), register(new Shopper(shop.baseUrl), 'twins@example.test')]);
    expect(answers.map((answer) => answer.location)).toEqual(['/register/check-email', '/register/check-email']);
    expect(await users().countBy({ email: 'twins@example.test' })).toBe(1);
    expect(await outbox().countBy({ kind: 'verify_email', recipient: 'twins@example.test' })).toBe(1);
    expect(await outbox().countBy({ kind: 'account_exists', recipient: 'twins@example.test' })).toBe(1);
  });
});
