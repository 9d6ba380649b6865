import { createHash } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { SessionRecord } from '../../src/sessions/entities/session.entity.js';
import { TokenPurpose, UserToken } from '../../src/auth/entities/user-token.entity.js';
import { User } from '../../src/auth/entities/user.entity.js';
import { OutboxMessage, OutboxStatus } from '../../src/mail/entities/outbox-message.entity.js';
import { OutboxWorker } from '../../src/mail/outbox.worker.js';
import { registerAndSignIn } from '../helpers/accounts.js';
import { csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';
import { mailText, TestSmtpServer } from '../helpers/smtp.js';
import { startShopWithMail } from '../helpers/mail-shop.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

const PASSWORD = 'a-long-enough-password';
const NEW_PASSWORD = 'a-brand-new-password';
const RESET_SUBJECT = 'Subject: Reset your Anarkali password';
const inAnHour = () => new Date(Date.now() + 60 * 60_000);
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new customer, registered through the form and signed in. */
async function register(shop: TestShop, email: string): Promise<Shopper> {
  const shopper = new Shopper(shop.baseUrl);
  await registerAndSignIn(shopper, { name: 'Zara Malik', email, password: PASSWORD });
  return shopper;
}

async function signIn(shop: TestShop, email: string, password = PASSWORD): Promise<Shopper> {
  const shopper = new Shopper(shop.baseUrl);
  const signedIn = await shopper.submit('/login', '/login', { email, password });
  expect(signedIn.status).toBe(303);
  return shopper;
}

function requestReset(shop: TestShop, email: string) {
  return new Shopper(shop.baseUrl).submit('/password/forgot', '/password/forgot', { email });
}

function resetTokenIn(text: string): string {
  const match = /\/password\/reset\/([A-Za-z0-9_-]{43})\b/.exec(text);
  if (!match) throw new Error(`no reset link in:\n${text}`);
  return match[1];
}

/** A mail server that accepts the connection and then says nothing, ever: the worst a slow provider can do. */
class SilentSmtpServer {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  readonly connected: Promise<void>;

  constructor() {
    let connected!: () => void;
    this.connected = new Promise((resolve) => (connected = resolve));
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      connected();
    });
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('password reset emails go through the outbox', () => {
  let smtp: TestSmtpServer;
  let shop: TestShop;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ shop, smtp, close } = await startShopWithMail({ smtpRunning: false }));
  });
  afterAll(() => close());

  it('keeps 10 reset emails while SMTP is down, then delivers each exactly once when it is back', async () => {
    const emails = Array.from({ length: 10 }, (_, i) => `forgetful${i}@example.test`);
    for (const email of emails) await register(shop, email);
    for (const email of emails) expect((await requestReset(shop, email)).location).toBe('/password/forgot/sent');

    const worker = shop.get(OutboxWorker);
    expect(await worker.deliverDue()).toBe(0);
    const waiting = await shop.dataSource.getRepository(OutboxMessage).findBy({ kind: 'reset_password' });
    expect(waiting).toHaveLength(10);
    expect(waiting.every((m) => m.status === OutboxStatus.Pending && m.attempts === 1 && m.lastError)).toBe(true);

    await smtp.start();
    // Ten reset emails and the ten "confirm your email" messages from registration.
    const [a, b] = await Promise.all([worker.deliverDue(inAnHour()), worker.deliverDue(inAnHour())]);
    expect([a, b]).toEqual([20, 20]);
    expect(await worker.deliverDue(inAnHour())).toBe(0);

    const resets = smtp.received.filter((m) => m.raw.includes(RESET_SUBJECT));
    expect(resets).toHaveLength(10);
    for (const email of emails) expect(resets.filter((m) => m.to.includes(email))).toHaveLength(1);
    const tokens = resets.map((m) => resetTokenIn(mailText(m)));
    expect(new Set(tokens).size).toBe(10);
    expect((await new Shopper(shop.baseUrl).get(`/password/reset/${tokens[0]}`)).status).toBe(200);
    expect(await shop.dataSource.getRepository(OutboxMessage).countBy({ status: OutboxStatus.Sent })).toBe(20);
  });
});

describe('a slow mail server never slows the page', () => {
  let silent: SilentSmtpServer;
  let shop: TestShop;

  beforeAll(async () => {
    silent = new SilentSmtpServer();
    await silent.listen();
    shop = await startShop({ SMTP_URL: silent.url, MAIL_WORKER: '0' });
  });
  afterAll(async () => {
    await silent.close();
    await shop.close();
  });

  it('answers the forgot-password form while the worker is stuck on an SMTP server that never replies', async () => {
    await register(shop, 'patient@example.test');
    let workerFinished = false;
    const delivering = shop
      .get(OutboxWorker)
      .deliverDue()
      .finally(() => (workerFinished = true));
    await silent.connected;

    const answered = await requestReset(shop, 'patient@example.test');
    expect(answered.status).toBe(303);
    expect(answered.location).toBe('/password/forgot/sent');
    expect(workerFinished).toBe(false);
    const reset = await shop.dataSource.getRepository(OutboxMessage).findOneByOrFail({ kind: 'reset_password', recipient: 'patient@example.test' });
    expect(reset.status).toBe(OutboxStatus.Pending);
    expect(reset.sentAt).toBeNull();

    await silent.close();
    expect(await delivering).toBe(0);
    expect(await shop.dataSource.getRepository(OutboxMessage).countBy({ status: OutboxStatus.Sent })).toBe(0);
  });
});

describe('password reset', () => {
  let smtp: TestSmtpServer;
  let shop: TestShop;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ shop, smtp, close } = await startShopWithMail());
  });
  afterAll(() => close());

  /** Sends what the outbox holds and reads the token from the newest reset email to this address. */
  async function resetTokenFor(email: string): Promise<string> {
    await shop.get(OutboxWorker).deliverDue();
    const mail = smtp.received.filter((m) => m.to.includes(email) && m.raw.includes(RESET_SUBJECT)).at(-1);
    if (!mail) throw new Error(`no reset email to ${email}`);
    const text = mailText(mail);
    expect(text).toContain(`${shop.config.publicUrl}/password/reset/`);
    return resetTokenIn(text);
  }

  async function postNewPassword(token: string, password: string) {
    const shopper = new Shopper(shop.baseUrl);
    const csrf = csrfTokenIn((await shopper.get('/password/forgot')).html);
    return shopper.post(`/password/reset/${token}`, { _csrf: csrf, password });
  }

  it('links to the form from the sign-in page, and asks for a valid email', async () => {
    const shopper = new Shopper(shop.baseUrl);
    expect((await shopper.get('/login')).html).toContain('href="/password/forgot"');
    const page = await shopper.get('/password/forgot');
    for (const label of ['Email', 'Send reset link']) expect(textOf(page.html)).toContain(label);
    const bad = await shopper.submit('/password/forgot', '/password/forgot', { email: 'not an email' });
    expect(bad.status).toBe(422);
    expect(textOf(bad.html)).toContain('Please enter a valid email address');
  });

  it('answers a known and an unknown email with the same page, and emails only the account', async () => {
    await register(shop, 'known@example.test');
    const known = await requestReset(shop, 'Known@Example.test');
    const unknown = await requestReset(shop, 'nobody@example.test');
    expect({ status: unknown.status, location: unknown.location }).toEqual({ status: 303, location: known.location });
    const [knownPage, unknownPage] = await Promise.all([new Shopper(shop.baseUrl).follow(known), new Shopper(shop.baseUrl).follow(unknown)]);
    expect(unknownPage.status).toBe(200);
    expect(unknownPage.html).toBe(knownPage.html);
    expect(textOf(knownPage.html)).toContain('If an account exists for that email, we have sent a link');

    const outbox = shop.dataSource.getRepository(OutboxMessage);
    expect(await outbox.countBy({ kind: 'reset_password', recipient: 'known@example.test' })).toBe(1);
    expect(await outbox.countBy({ recipient: 'nobody@example.test' })).toBe(0);
  });

  it('sets the new password through the link once, and signs the account out everywhere', async () => {
    const registered = await register(shop, 'reset-me@example.test');
    const elsewhere = await signIn(shop, 'reset-me@example.test');
    expect((await elsewhere.get('/account/orders')).status).toBe(200);

    await requestReset(shop, 'reset-me@example.test');
    const token = await resetTokenFor('reset-me@example.test');
    const visitor = new Shopper(shop.baseUrl);
    const link = `/password/reset/${token}`;
    const form = await visitor.get(link);
    expect(form.status).toBe(200);
    for (const label of ['New password', 'Set new password']) expect(textOf(form.html)).toContain(label);
    expect(form.headers.get('cache-control')).toBe('no-store');
    expect(form.headers.get('referrer-policy')).toBe('no-referrer');

    const short = await visitor.submit(link, link, { password: 'kurta-9ch' });
    expect(short.status).toBe(422);
    expect(textOf(short.html)).toContain('at least 10 characters');
    expect(short.html).not.toContain('kurta-9ch');
    const common = await visitor.submit(link, link, { password: 'qwertyuiop' });
    expect(common.status).toBe(422);
    expect(textOf(common.html)).toContain('This password is too common');

    const done = await visitor.submit(link, link, { password: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/login');
    expect(textOf((await visitor.follow(done)).html)).toContain('Your password has been changed');

    for (const shopper of [registered, elsewhere]) expect((await shopper.get('/account/orders')).location).toBe('/login?next=%2Faccount%2Forders');
    const user = await shop.dataSource.getRepository(User).findOneByOrFail({ email: 'reset-me@example.test' });
    expect(await shop.dataSource.getRepository(SessionRecord).countBy({ userId: user.id })).toBe(0);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);

    const again = await visitor.get(link);
    expect(again.status).toBe(410);
    expect(textOf(again.html)).toContain('This password reset link is no longer valid');
    expect(again.html).toContain('href="/password/forgot"');
    expect((await postNewPassword(token, 'yet-another-password')).status).toBe(410);

    const oldPassword = await new Shopper(shop.baseUrl).submit('/login', '/login', { email: 'reset-me@example.test', password: PASSWORD });
    expect(oldPassword.status).toBe(422);
    await signIn(shop, 'reset-me@example.test', NEW_PASSWORD);
  });

  it('lets exactly one of two simultaneous submissions of one link through', async () => {
    await register(shop, 'double@example.test');
    await requestReset(shop, 'double@example.test');
    const token = await resetTokenFor('double@example.test');
    const results = await Promise.all(['first-new-password', 'second-new-password'].map((password) => postNewPassword(token, password)));
    expect(results.map((r) => r.status).sort()).toEqual([303, 410]);
  });

  it('honours only the newest link, and none after an hour', async () => {
    await register(shop, 'twice@example.test');
    await requestReset(shop, 'twice@example.test');
    const first = await resetTokenFor('twice@example.test');
    const askedAt = Date.now();
    await requestReset(shop, 'twice@example.test');
    const second = await resetTokenFor('twice@example.test');
    expect(second).not.toBe(first);
    expect((await new Shopper(shop.baseUrl).get(`/password/reset/${first}`)).status).toBe(410);
    expect((await new Shopper(shop.baseUrl).get(`/password/reset/${second}`)).status).toBe(200);

    const tokens = shop.dataSource.getRepository(UserToken);
    const stored = await tokens.findOneByOrFail({ tokenHash: sha256(second) });
    expect(Math.abs(stored.expiresAt.getTime() - (askedAt + 60 * 60_000))).toBeLessThan(60_000);
    // An hour and a second later:
    await tokens.update({ id: stored.id }, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await new Shopper(shop.baseUrl).get(`/password/reset/${second}`);
    expect(expired.status).toBe(410);
    expect(textOf(expired.html)).toContain('no longer valid');
    expect((await postNewPassword(second, NEW_PASSWORD)).status).toBe(410);
    await signIn(shop, 'twice@example.test', PASSWORD);
  });

  it('keeps only a hash of the token: the link from the email is nowhere in the table', async () => {
    await register(shop, 'hashed@example.test');
    await requestReset(shop, 'hashed@example.test');
    const token = await resetTokenFor('hashed@example.test');
    const rows = await shop.dataSource.getRepository(UserToken).findBy({ purpose: TokenPurpose.ResetPassword });
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.map((r) => r.tokenHash)).toContain(sha256(token));
  });

  it('shows a clear page, not an error, for a made-up link', async () => {
    for (const token of ['nonsense', 'A'.repeat(43), `${'x'.repeat(300)}`]) {
      const page = await new Shopper(shop.baseUrl).get(`/password/reset/${token}`);
      expect({ token, status: page.status }).toEqual({ token, status: 410 });
      expect(textOf(page.html)).toContain('This password reset link is no longer valid');
    }
    expect((await postNewPassword('A'.repeat(43), NEW_PASSWORD)).status).toBe(410);
  });
});
