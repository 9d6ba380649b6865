import { createHash } from 'node:crypto';
import { AccountTokensService } from '../../src/auth/account-tokens.service.js';
import { TokenPurpose, UserToken } from '../../src/auth/entities/user-token.entity.js';
import { User } from '../../src/auth/entities/user.entity.js';
import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { Transactions } from '../../src/database/transactions.js';
import { OutboxWorker } from '../../src/mail/outbox.worker.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';
import { mailText, TestSmtpServer } from '../helpers/smtp.js';
import { startShopWithMail } from '../helpers/mail-shop.js';
import { OWNER, type TestShop } from '../helpers/test-shop.js';

const VERIFY_SUBJECT = 'Subject: Confirm your email address for Anarkali';
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

describe('email verification', () => {
  let smtp: TestSmtpServer;
  let shop: TestShop;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ shop, smtp, close } = await startShopWithMail());
  });
  afterAll(() => close());

  async function register(email: string) {
    const shopper = new Shopper(shop.baseUrl);
    const created = await shopper.submit('/register', '/register', { name: 'Hina Qureshi', email, password: 'a-long-enough-password' });
    return { shopper, created };
  }

  async function verificationTokenFor(email: string): Promise<string> {
    await shop.get(OutboxWorker).deliverDue();
    const mail = smtp.received.filter((m) => m.to.includes(email) && m.raw.includes(VERIFY_SUBJECT)).at(-1);
    if (!mail) throw new Error(`no verification email to ${email}`);
    const text = mailText(mail);
    const match = new RegExp(`${shop.config.publicUrl}/email/verify/([A-Za-z0-9_-]{43})\\b`).exec(text);
    if (!match) throw new Error(`no verification link in:\n${text}`);
    return match[1];
  }

  const userBy = (email: string) => shop.dataSource.getRepository(User).findOneByOrFail({ email });

  /** Opens the link and presses the button on the page it shows, as the person who received the email does. */
  async function confirm(token: string) {
    const shopper = new Shopper(shop.baseUrl);
    return { ...(await shopper.submit(`/email/verify/${token}`, `/email/verify/${token}`, {})), shopper };
  }

  it('confirms nothing when the link is only opened, as mail scanners and link previews do', async () => {
    await register('scanned@example.test');
    const token = await verificationTokenFor('scanned@example.test');
    for (let opened = 0; opened < 2; opened++) {
      const page = await new Shopper(shop.baseUrl).get(`/email/verify/${token}`);
      expect(page.status).toBe(200);
      expect(textOf(page.html)).toContain('Confirm my email address');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect((await userBy('scanned@example.test')).emailVerifiedAt).toBeNull();
    expect(await shop.dataSource.getRepository(UserToken).findOneByOrFail({ tokenHash: sha256(token) })).toMatchObject({ usedAt: null });
    expect((await confirm(token)).status).toBe(303);
    expect((await userBy('scanned@example.test')).emailVerifiedAt).toBeInstanceOf(Date);
  });

  it('queues the confirmation email with the account, and the link confirms the address once', async () => {
    const { created } = await register('verify-me@example.test');
    expect(created.status).toBe(303);
    expect((await userBy('verify-me@example.test')).emailVerifiedAt).toBeNull();
    // Queued by the registration itself, before any delivery ran.
    expect(await shop.dataSource.getRepository(OutboxMessage).countBy({ kind: 'verify_email', recipient: 'verify-me@example.test' })).toBe(1);

    const token = await verificationTokenFor('verify-me@example.test');
    const stored = await shop.dataSource.getRepository(UserToken).findBy({ purpose: TokenPurpose.VerifyEmail });
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.map((t) => t.tokenHash)).toContain(sha256(token));

    const secondTab = new Shopper(shop.baseUrl);
    const secondTabPage = await secondTab.get(`/email/verify/${token}`);
    const confirmed = await confirm(token);
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toBe('/login');
    expect(textOf((await confirmed.shopper.follow(confirmed)).html)).toContain('your email address is confirmed');
    const verifiedAt = (await userBy('verify-me@example.test')).emailVerifiedAt;
    expect(verifiedAt).toBeInstanceOf(Date);

    const again = await new Shopper(shop.baseUrl).get(`/email/verify/${token}`);
    expect(again.status).toBe(410);
    expect(textOf(again.html)).toContain('This email confirmation link is no longer valid');
    const pressedAgain = await secondTab.post(`/email/verify/${token}`, { _csrf: csrfTokenIn(secondTabPage.html) });
    expect(pressedAgain.status).toBe(410);
    expect((await userBy('verify-me@example.test')).emailVerifiedAt).toEqual(verifiedAt);
  });

  it('lets an account that has not confirmed its email shop', async () => {
    const { shopper } = await register('unconfirmed@example.test');
    await addToCart(shopper, await aProduct(shop));
    const placed = await checkout(shopper, { email: 'unconfirmed@example.test' });
    expect(placed.status).toBe(303);
    expect(placed.location).toMatch(/^\/orders\/[^/]+\/confirmation$/);
  });

  it('shows a clear page, not an error, for a made-up or week-old link', async () => {
    for (const token of ['nonsense', 'B'.repeat(43)]) {
      const page = await new Shopper(shop.baseUrl).get(`/email/verify/${token}`);
      expect({ token, status: page.status }).toEqual({ token, status: 410 });
      expect(textOf(page.html)).toContain('This email confirmation link is no longer valid');
    }

    await register('late@example.test');
    const token = await verificationTokenFor('late@example.test');
    await shop.dataSource.getRepository(UserToken).update({ tokenHash: sha256(token) }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await new Shopper(shop.baseUrl).get(`/email/verify/${token}`)).status).toBe(410);
    expect((await userBy('late@example.test')).emailVerifiedAt).toBeNull();
  });

  it('honours only the newest link, so a link sent to an earlier address cannot confirm a new one', async () => {
    await register('moving@example.test');
    const first = await verificationTokenFor('moving@example.test');
    const user = await userBy('moving@example.test');
    await shop
      .get(Transactions)
      .run((manager) => shop.get(AccountTokensService).sendEmailVerification(manager, { id: user.id, email: 'moved@example.test', name: user.name }));
    const second = await verificationTokenFor('moved@example.test');
    expect((await new Shopper(shop.baseUrl).get(`/email/verify/${first}`)).status).toBe(410);
    expect((await userBy('moving@example.test')).emailVerifiedAt).toBeNull();
    expect((await confirm(second)).status).toBe(303);
    expect((await userBy('moving@example.test')).emailVerifiedAt).toBeInstanceOf(Date);
  });

  it('leads a customer who confirms while signed in back to the account page', async () => {
    const { shopper } = await register('signed-in@example.test');
    expect((await shopper.submit('/login', '/login', { email: 'signed-in@example.test', password: 'a-long-enough-password' })).status).toBe(303);
    const token = await verificationTokenFor('signed-in@example.test');
    const confirmed = await shopper.submit(`/email/verify/${token}`, `/email/verify/${token}`, {});
    expect(confirmed.location).toBe('/account');
    expect(textOf((await shopper.follow(confirmed)).html)).toContain('your email address is confirmed');
  });

  it('makes no second account and sends no second confirmation when the address is taken, but tells its owner', async () => {
    await register('once@example.test');
    const { created } = await register('Once@Example.test');
    expect(created.status).toBe(303);
    expect(created.location).toBe('/register/check-email');
    expect(await userBy('once@example.test')).toMatchObject({ name: 'Hina Qureshi' });
    expect(await shop.dataSource.getRepository(User).countBy({ email: 'once@example.test' })).toBe(1);
    const outbox = shop.dataSource.getRepository(OutboxMessage);
    expect(await outbox.countBy({ kind: 'verify_email', recipient: 'once@example.test' })).toBe(1);
    expect(await outbox.countBy({ kind: 'account_exists', recipient: 'once@example.test' })).toBe(1);
  });

  it('counts the owner made at first start as confirmed, without emailing them', async () => {
    expect((await userBy(OWNER.email)).emailVerifiedAt).toBeInstanceOf(Date);
    expect(await shop.dataSource.getRepository(OutboxMessage).countBy({ recipient: OWNER.email })).toBe(0);
  });
});
