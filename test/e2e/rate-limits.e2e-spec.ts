import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ATTEMPT_COUNTER, type AttemptCounter, type AttemptKey, DatabaseAttemptCounter, RedisAttemptCounter } from '../../src/auth/attempt-counter.js';
import { AuthService, toSessionUser } from '../../src/auth/auth.service.js';
import { AuthAttempt } from '../../src/auth/entities/auth-attempt.entity.js';
import { User } from '../../src/auth/entities/user.entity.js';
import { newTotpSecret, totp } from '../../src/auth/totp.js';
import { TwoFactorService } from '../../src/auth/two-factor.service.js';
import { linkIn, newestMail, startShopWithMail } from '../helpers/mail-shop.js';
import { cookieAttributes, csrfTokenIn, type PageResponse, Shopper, textOf } from '../helpers/shopper.js';
import { OWNER, redisEnv, sameDatabaseAs, shopsClosedAfterEach, startShop, type TestShop } from '../helpers/test-shop.js';

const PASSWORD = 'a-long-enough-password';
const NEW_PASSWORD = 'a-brand-new-password';
const DEVICE_COOKIE = '__Host-anarkali.device';

const COUNTERS: [string, () => Record<string, string>][] = [
  ['the database', () => ({})],
  ['Redis', redisEnv],
];

/** A client behind the shop's proxy, at its own address (the shop runs with TRUST_PROXY=loopback: the test is its proxy). */
const clientAt = (shop: TestShop, ip: string) => new Shopper(shop.baseUrl, { 'x-forwarded-for': ip, 'x-forwarded-proto': 'https' });

const aCustomer = (shop: TestShop, email: string) => shop.get(AuthService).register({ name: 'Zara Malik', email, password: PASSWORD });

async function register(shopper: Shopper, email: string) {
  return shopper.submit('/register', '/register', { name: 'Zara Malik', email, password: PASSWORD });
}

async function signIn(shopper: Shopper, email: string, password: string) {
  return shopper.submit('/login', '/login', { email, password });
}

async function signOut(shopper: Shopper) {
  expect((await shopper.submit('/', '/logout', {})).status).toBe(303);
}

/**
 * Refused for now, not shut out: 429 with Retry-After of at most `seconds` (the interval of the limit
 * that holds it), and a page saying how long to wait, or to reset the password.
 */
function expectSlowedDown(response: PageResponse, seconds: number): void {
  expect(response.status).toBe(429);
  const wait = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(wait) && wait >= 1 && wait <= seconds).toBe(true);
  expect(textOf(response.html)).toContain(`Too many attempts. Please wait ${wait} ${wait === 1 ? 'second' : 'seconds'} and try again, or reset your password.`);
  expect(response.html).toContain('href="/password/forgot"');
}

describe.each(COUNTERS)('sign-in, registration and reset limits counted in %s', (_, counterEnv) => {
  const open = shopsClosedAfterEach();

  it('keeps nobody out of their account from elsewhere with five wrong passwords from one address', async () => {
    const shop = await open({ ...counterEnv(), TRUST_PROXY: 'loopback' });
    await aCustomer(shop, 'zara@example.test');
    const logged = jest.spyOn(Logger.prototype, 'log');

    for (let i = 1; i <= 5; i++) {
      const wrong = await signIn(clientAt(shop, '203.0.113.1'), 'zara@example.test', `wrong password ${i}`);
      expect(wrong.status).toBe(422);
      expect(textOf(wrong.html)).toContain('That email and password do not match an account.');
    }
    const sixth = clientAt(shop, '203.0.113.1');
    const refused = await signIn(sixth, 'Zara@Example.test', PASSWORD);
    expectSlowedDown(refused, 60);
    expect(refused.html).toContain('value="Zara@Example.test"');
    expect(textOf((await sixth.get('/')).html)).toContain('Sign in');

    // The owner of the account, at her own address, is not kept out.
    const owner = clientAt(shop, '198.51.100.7');
    expect((await signIn(owner, 'zara@example.test', PASSWORD)).status).toBe(303);

    // Counted where the configuration says: rows in auth_attempt, or keys in Redis and no rows at all.
    expect((await shop.dataSource.getRepository(AuthAttempt).count()) > 0).toBe(!shop.config.redis);

    const events = logged.mock.calls.map(([entry]) => entry as Record<string, unknown>);
    expect(events).toContainEqual(expect.objectContaining({ event: 'sign_in_failed', email: 'zara@example.test', ip: '203.0.113.1', path: '/login' }));
    expect(events).toContainEqual(expect.objectContaining({ event: 'attempts_limited', action: 'login', email: 'zara@example.test', ip: '203.0.113.1' }));
    expect(events).toContainEqual(expect.objectContaining({ event: 'sign_in_succeeded', email: 'zara@example.test', ip: '198.51.100.7' }));
    const everything = JSON.stringify(logged.mock.calls);
    for (const secret of [PASSWORD, 'wrong password 1', 'anarkali.sid', 'anarkali.device', owner.cookie('anarkali.device') as string])
      expect(everything).not.toContain(secret);
  });

  it('slows an account guessed at from many addresses for new browsers, and lets a browser that signed in to it before in at once', async () => {
    const shop = await open({ ...counterEnv(), TRUST_PROXY: 'loopback' });
    await aCustomer(shop, 'hina@example.test');
    const hinasLaptop = clientAt(shop, '198.51.100.7');
    const first = await signIn(hinasLaptop, 'hina@example.test', PASSWORD);
    expect(first.status).toBe(303);
    const deviceCookie = first.headers.getSetCookie().find((header) => header.startsWith(`${DEVICE_COOKIE}=`)) as string;
    expect(cookieAttributes(deviceCookie)).toMatchObject({ path: '/', httponly: true, samesite: 'lax', secure: true, 'max-age': String(365 * 24 * 60 * 60) });
    await signOut(hinasLaptop);
    expect(hinasLaptop.cookie('anarkali.device')).toBeDefined();

    for (let i = 1; i <= 10; i++) expect((await signIn(clientAt(shop, `203.0.113.${i}`), 'hina@example.test', 'a guess')).status).toBe(422);
    expectSlowedDown(await signIn(clientAt(shop, '203.0.113.11'), 'hina@example.test', 'a guess'), 20);
    // A browser that never signed in to the account waits too, even with the right password.
    expectSlowedDown(await signIn(clientAt(shop, '198.51.100.8'), 'hina@example.test', PASSWORD), 20);

    expect((await signIn(hinasLaptop, 'hina@example.test', PASSWORD)).status).toBe(303);
  });

  it('stops trusting a browser that guesses past its own limit', async () => {
    const shop = await open({ ...counterEnv(), TRUST_PROXY: 'loopback' });
    await aCustomer(shop, 'imran@example.test');
    const laptop = clientAt(shop, '198.51.100.7');
    expect((await signIn(laptop, 'imran@example.test', PASSWORD)).status).toBe(303);
    await signOut(laptop);
    for (let i = 1; i <= 10; i++) expect((await signIn(clientAt(shop, `203.0.113.${i}`), 'imran@example.test', 'a guess')).status).toBe(422);

    // Five wrong passwords from the trusted browser count against it alone...
    for (let i = 1; i <= 5; i++) expect((await signIn(laptop, 'imran@example.test', `a typo ${i}`)).status).toBe(422);
    // ...and then it is a browser like any other, held by the account's limit.
    expectSlowedDown(await signIn(laptop, 'imran@example.test', PASSWORD), 20);
  });

  it('does not trust a forged device cookie, or one a browser got for another account', async () => {
    const shop = await open({ ...counterEnv(), TRUST_PROXY: 'loopback' });
    await aCustomer(shop, 'hina@example.test');
    await aCustomer(shop, 'mallory@example.test');
    const hinas = clientAt(shop, '198.51.100.7');
    expect((await signIn(hinas, 'hina@example.test', PASSWORD)).status).toBe(303);
    const mallorys = clientAt(shop, '203.0.113.50');
    expect((await signIn(mallorys, 'mallory@example.test', PASSWORD)).status).toBe(303);
    const [genuine, malloryEntry] = [hinas.cookie('anarkali.device') as string, mallorys.cookie('anarkali.device') as string];
    // One entry a browser: a 22-character nonce and the 43-character HMAC binding it to the account.
    expect([genuine, malloryEntry]).toEqual([expect.stringMatching(/^[\w-]{65}$/), expect.stringMatching(/^[\w-]{65}$/)]);

    for (let i = 1; i <= 10; i++) expect((await signIn(clientAt(shop, `203.0.113.${i}`), 'hina@example.test', 'a guess')).status).toBe(422);

    expectSlowedDown(await signIn(mallorys, 'hina@example.test', 'a guess'), 20);
    const lastCharacterChanged = genuine.slice(0, -1) + (genuine.endsWith('A') ? 'B' : 'A');
    const nonceSwapped = malloryEntry.slice(0, 22) + genuine.slice(22);
    for (const forged of [lastCharacterChanged, nonceSwapped, `${genuine}x`, 'nonsense']) {
      const browser = clientAt(shop, '203.0.113.60');
      browser.setCookie(DEVICE_COOKIE, forged);
      expectSlowedDown(await signIn(browser, 'hina@example.test', 'a guess'), 20);
    }
    // The genuine entry is trusted in whichever browser carries it (the cookie is the proof, not the address).
    const copied = clientAt(shop, '203.0.113.61');
    copied.setCookie(DEVICE_COOKIE, genuine);
    expect((await signIn(copied, 'hina@example.test', 'a guess')).status).toBe(422);
  });

  it('keeps a few accounts per browser, the newest first', async () => {
    const shop = await open({ ...counterEnv(), TRUST_PROXY: 'loopback' });
    const shared = clientAt(shop, '198.51.100.7');
    const entries: string[] = [];
    for (let i = 1; i <= 6; i++) {
      await aCustomer(shop, `family${i}@example.test`);
      expect((await signIn(shared, `family${i}@example.test`, PASSWORD)).status).toBe(303);
      entries.unshift((shared.cookie('anarkali.device') as string).split('.')[0]);
      await signOut(shared);
    }
    expect((shared.cookie('anarkali.device') as string).split('.')).toEqual(entries.slice(0, 5));
    // Signing in again to one of them renews its entry at the front, without a second one.
    expect((await signIn(shared, 'family3@example.test', PASSWORD)).status).toBe(303);
    const renewed = (shared.cookie('anarkali.device') as string).split('.');
    expect(renewed).toHaveLength(5);
    expect(renewed.slice(1)).toEqual(entries.filter((_, i) => i !== 3).slice(0, 4));
  });

  it('forgets the account count after a completed password reset, and trusts the browser that reset it', async () => {
    const { shop, smtp, close } = await startShopWithMail({ env: { ...counterEnv(), TRUST_PROXY: 'loopback' } });
    try {
      await aCustomer(shop, 'sana@example.test');
      // She has forgotten her password: five tries at home. Someone else is guessing too.
      for (let i = 1; i <= 5; i++) expect((await signIn(clientAt(shop, '198.51.100.7'), 'sana@example.test', `maybe this ${i}`)).status).toBe(422);
      for (let i = 1; i <= 5; i++) expect((await signIn(clientAt(shop, `203.0.113.${i}`), 'sana@example.test', 'a guess')).status).toBe(422);
      expectSlowedDown(await signIn(clientAt(shop, '198.51.100.7'), 'sana@example.test', 'maybe this'), 60);
      expectSlowedDown(await signIn(clientAt(shop, '203.0.113.6'), 'sana@example.test', 'a guess'), 20);

      const resetter = clientAt(shop, '198.51.100.7');
      expect((await resetter.submit('/password/forgot', '/password/forgot', { email: 'sana@example.test' })).status).toBe(303);
      const link = linkIn(await newestMail({ shop, smtp }, 'sana@example.test', 'Reset your Anarkali password'), shop, '/password/reset/');
      const reset = await resetter.submit(link, link, { password: NEW_PASSWORD });
      expect(reset.location).toBe('/login');
      expect(reset.headers.getSetCookie().some((header) => header.startsWith(`${DEVICE_COOKIE}=`))).toBe(true);

      // A new browser at her address signs in at once: neither the account nor the address's pair count holds it.
      expect((await signIn(clientAt(shop, '198.51.100.7'), 'sana@example.test', NEW_PASSWORD)).status).toBe(303);

      for (let i = 7; i <= 16; i++) expect((await signIn(clientAt(shop, `203.0.113.${i}`), 'sana@example.test', 'a guess')).status).toBe(422);
      expectSlowedDown(await signIn(clientAt(shop, '198.51.100.8'), 'sana@example.test', NEW_PASSWORD), 20);
      // The browser that reset the password proved it reads her mail: it is trusted like one she signed in on.
      expect((await signIn(resetter, 'sana@example.test', NEW_PASSWORD)).status).toBe(303);
    } finally {
      await close();
    }
  });

  it('lets a customer sign in behind an address that guessed at made-up accounts: five guesses change nothing, twenty slow new browsers by seconds', async () => {
    const shop = await open({ ...counterEnv(), TRUST_PROXY: 'loopback' });
    const office = '198.51.100.20';
    await aCustomer(shop, 'amna@example.test');
    await aCustomer(shop, 'bilal@example.test');
    const amnasBrowser = clientAt(shop, office);
    expect((await signIn(amnasBrowser, 'amna@example.test', PASSWORD)).status).toBe(303);
    await signOut(amnasBrowser);

    for (let i = 1; i <= 5; i++) expect((await signIn(clientAt(shop, office), `nobody${i}@example.test`, 'a guess')).status).toBe(422);
    expect((await signIn(clientAt(shop, office), 'bilal@example.test', PASSWORD)).status).toBe(303);

    for (let i = 6; i <= 20; i++) expect((await signIn(clientAt(shop, office), `nobody${i}@example.test`, 'a guess')).status).toBe(422);
    expectSlowedDown(await signIn(clientAt(shop, office), 'bilal@example.test', PASSWORD), 10);
    expect((await signIn(amnasBrowser, 'amna@example.test', PASSWORD)).status).toBe(303);
  });

  it('counts two-factor codes as it counts passwords, and trusts a browser only once its code was right', async () => {
    const shop = await open({ ...counterEnv(), TRUST_PROXY: 'loopback' });
    const key = newTotpSecret();
    const owner = await shop.dataSource.getRepository(User).findOneByOrFail({ email: OWNER.email });
    expect(
      await shop.get(TwoFactorService).enable(toSessionUser(owner), key, totp(key, Date.now() - 30_000), { ip: '192.0.2.1', path: '/account/two-factor' }),
    ).toBe(true);
    const wrongCode = totp(key) === '000000' ? '111111' : '000000';
    const passwordStep = async (browser: Shopper) => {
      const answer = await signIn(browser, OWNER.email, OWNER.password);
      if (answer.status === 303) expect(answer.location).toBe('/login/two-factor');
      return answer;
    };
    const codeStep = async (browser: Shopper, code: string) =>
      browser.post('/login/two-factor', { _csrf: csrfTokenIn((await browser.get('/login/two-factor')).html), code });

    // Someone with the owner's password guesses codes from one address.
    const thief = clientAt(shop, '203.0.113.1');
    expect((await passwordStep(thief)).status).toBe(303);
    for (let i = 1; i <= 5; i++) expect((await codeStep(thief, wrongCode)).status).toBe(422);
    const refused = await codeStep(thief, wrongCode);
    expectSlowedDown(refused, 60);
    expect(textOf(refused.html)).toContain('Authentication code');

    // The owner, at her own address, is not held up; her browser is trusted only after the right code.
    const ownersBrowser = clientAt(shop, '198.51.100.7');
    const afterPassword = await passwordStep(ownersBrowser);
    expect(afterPassword.status).toBe(303);
    expect(afterPassword.headers.getSetCookie().some((header) => header.startsWith(`${DEVICE_COOKIE}=`))).toBe(false);
    const afterCode = await codeStep(ownersBrowser, totp(key));
    expect(afterCode.status).toBe(303);
    expect(afterCode.headers.getSetCookie().some((header) => header.startsWith(`${DEVICE_COOKIE}=`))).toBe(true);
    await signOut(ownersBrowser);

    // Wrong codes from ten addresses slow every new browser, from its password step on...
    for (let i = 2; i <= 11; i++) {
      const accomplice = clientAt(shop, `203.0.113.${i}`);
      expect((await passwordStep(accomplice)).status).toBe(303);
      expect((await codeStep(accomplice, wrongCode)).status).toBe(422);
    }
    expectSlowedDown(await passwordStep(clientAt(shop, '198.51.100.8')), 20);
    // ...but not the owner's own browser. (The next time step's code: each code signs in once.)
    expect((await passwordStep(ownersBrowser)).status).toBe(303);
    expect((await codeStep(ownersBrowser, totp(key, Date.now() + 30_000))).status).toBe(303);
  });

  it('counts failures from one address across accounts, and a good sign-in in between does not wipe the slate', async () => {
    const shop = await open(counterEnv());
    await aCustomer(shop, 'omar@example.test');
    for (let i = 1; i <= 19; i++) expect((await signIn(new Shopper(shop.baseUrl), `guess${i}@example.test`, 'a guess')).status).toBe(422);
    expect((await signIn(new Shopper(shop.baseUrl), 'omar@example.test', PASSWORD)).status).toBe(303);
    expect((await signIn(new Shopper(shop.baseUrl), 'guess20@example.test', 'a guess')).status).toBe(422);
    expectSlowedDown(await signIn(new Shopper(shop.baseUrl), 'omar@example.test', PASSWORD), 10);
  });

  it('forgives an account its failures once its owner signs in', async () => {
    const shop = await open({ ...counterEnv(), TRUST_PROXY: 'loopback' });
    await aCustomer(shop, 'hina@example.test');
    for (let i = 1; i <= 9; i++) expect((await signIn(clientAt(shop, `203.0.113.${i}`), 'hina@example.test', 'not it')).status).toBe(422);
    expect((await signIn(clientAt(shop, '198.51.100.7'), 'hina@example.test', PASSWORD)).status).toBe(303);
    for (let i = 11; i <= 20; i++) expect((await signIn(clientAt(shop, `203.0.113.${i}`), 'hina@example.test', 'not it')).status).toBe(422);
    expectSlowedDown(await signIn(clientAt(shop, '203.0.113.21'), 'hina@example.test', PASSWORD), 20);
  });

  it('holds the limit across instances sharing the store', async () => {
    const first = await open(counterEnv());
    for (let i = 1; i <= 3; i++) expect((await signIn(new Shopper(first.baseUrl), 'ghost@example.test', 'a guess')).status).toBe(422);
    // A second instance of the same shop: same database, and with Redis the same key prefix.
    const sharedRedis: Record<string, string> = first.config.redis ? { REDIS_URL: first.config.redis.url, REDIS_KEY_PREFIX: first.config.redis.keyPrefix } : {};
    const second = await open({ ...sameDatabaseAs(first), ...sharedRedis });
    for (let i = 4; i <= 5; i++) expect((await signIn(new Shopper(second.baseUrl), 'ghost@example.test', 'a guess')).status).toBe(422);
    expectSlowedDown(await signIn(new Shopper(second.baseUrl), 'ghost@example.test', 'a guess'), 60);
  });

  it('answers the 6th password-reset request for one account, or the 21st from one address, with 429', async () => {
    const shop = await open({ ...counterEnv(), TRUST_PROXY: 'loopback' });
    const forgot = (shopper: Shopper, email: string) => shopper.submit('/password/forgot', '/password/forgot', { email });
    for (let i = 1; i <= 5; i++) expect((await forgot(clientAt(shop, `203.0.113.${i}`), 'sana@example.test')).status).toBe(303);
    const perAccount = await forgot(clientAt(shop, '203.0.113.6'), 'Sana@example.test');
    expect(perAccount.status).toBe(429);
    expect(textOf(perAccount.html)).toContain('Too many password reset requests. Please wait 15 minutes and try again.');
    expect(perAccount.html).toContain('value="Sana@example.test"');

    for (let i = 1; i <= 20; i++) expect((await forgot(clientAt(shop, '198.51.100.9'), `someone${i}@example.test`)).status).toBe(303);
    expect((await forgot(clientAt(shop, '198.51.100.9'), 'someone21@example.test')).status).toBe(429);
    expect((await forgot(clientAt(shop, '198.51.100.10'), 'someone21@example.test')).status).toBe(303);
  });

  it('counts a registration before looking its email up: the 11th from one address is refused, its email taken or not', async () => {
    const shop = await open(counterEnv());
    await aCustomer(shop, 'taken@example.test');
    for (let i = 1; i <= 9; i++) expect((await register(new Shopper(shop.baseUrl), `new${i}@example.test`)).location).toBe('/register/check-email');
    expect((await register(new Shopper(shop.baseUrl), 'taken@example.test')).location).toBe('/register/check-email');
    for (const email of ['new11@example.test', 'taken@example.test']) {
      const refused = await register(new Shopper(shop.baseUrl), email);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('3600');
      expect(textOf(refused.html)).toContain('Too many sign-ups from your network or for this email address. Please try again in an hour.');
      expect(refused.html).toContain(`value="${email}"`);
    }
    expect(await shop.dataSource.getRepository(User).countBy({ email: 'new11@example.test' })).toBe(0);
  });

  it('refuses the 4th registration of one email in an hour, from any address, its email taken or not', async () => {
    const shop = await open({ ...counterEnv(), TRUST_PROXY: 'loopback' });
    await aCustomer(shop, 'taken@example.test');
    for (const email of ['wanted@example.test', 'taken@example.test']) {
      for (let i = 1; i <= 3; i++) expect((await register(clientAt(shop, `203.0.113.${i}`), email)).location).toBe('/register/check-email');
      expect((await register(clientAt(shop, '203.0.113.4'), email)).status).toBe(429);
    }
    expect(await shop.dataSource.getRepository(User).countBy({ email: 'wanted@example.test' })).toBe(1);
  });
});

/**
 * The counters against the real stores, on a clock the test moves: each attempt learns how many count
 * in the window and when the one before it was, which is all the limiter decides on.
 */
describe.each([
  ['the database', (shop: TestShop, clock: () => number) => Promise.resolve(new DatabaseAttemptCounter(shop.dataSource.getRepository(AuthAttempt), clock))],
  ['Redis', (_: TestShop, clock: () => number) => RedisAttemptCounter.connect('redis://127.0.0.1:6379', redisEnv().REDIS_KEY_PREFIX, clock)],
] as const)('the attempt counter in %s', (_, makeCounter) => {
  let shop: TestShop;
  // What the shop's shutdown calls to let go of a counter: a timer (database) or a connection (Redis).
  let counter: AttemptCounter & { onModuleDestroy?(): unknown; onApplicationShutdown?(): unknown };
  let now = Date.now();
  const key = (subject: string): AttemptKey => ({ action: 'login', subject, windowMs: 15 * 60_000 });

  beforeAll(async () => {
    shop = await startShop();
    counter = await makeCounter(shop, () => now);
  });
  afterAll(async () => {
    await counter.onModuleDestroy?.();
    await counter.onApplicationShutdown?.();
    await shop.close();
  });

  it('tells each attempt how many count in the window and when the one before it was', async () => {
    const zara = key(`email:${randomUUID()}@example.test`);
    const start = now;
    expect(await counter.add(zara)).toMatchObject({ count: 1, previousAt: null, at: start });
    now += 1_000;
    const withdrawn = await counter.add(zara);
    expect(withdrawn).toMatchObject({ count: 2, previousAt: start, at: start + 1_000 });
    await counter.withdraw(zara, withdrawn.id);
    now += 1_000;
    const good = await counter.add(zara);
    expect(good).toMatchObject({ count: 2, previousAt: start });
    await counter.succeeded(zara, good.id);
    now += 1_000;
    expect(await counter.add(zara)).toMatchObject({ count: 2, previousAt: start });
    // Fifteen minutes after the first, it no longer counts; the third second's attempt still does.
    now = start + 15 * 60_000 + 1;
    expect(await counter.add(zara)).toMatchObject({ count: 2, previousAt: start + 3_000 });
  });

  it('lets at least one of two simultaneous attempts see the other', async () => {
    const omar = key(`email:${randomUUID()}@example.test`);
    const [a, b] = await Promise.all([counter.add(omar), counter.add(omar)]);
    expect(Math.max(a.count, b.count)).toBe(2);
    expect([a.previousAt, b.previousAt]).toContain(now);
  });

  it('forgives one key, or every key that starts with a prefix taken literally, and nothing else', async () => {
    const run = randomUUID();
    const subjects = ['zara', 'z_ra', 'z*ra', 'z%ra', 'z?ra'].flatMap((name) => [`pair:${name}@${run}|203.0.113.1`, `pair:${name}@${run}|203.0.113.2`]);
    for (const subject of subjects) await counter.add(key(subject));
    await counter.forgiveStartingWith('login', `pair:z_ra@${run}|`);
    await counter.forgiveStartingWith('login', `pair:z*ra@${run}|`);
    await counter.forgive(key(`pair:z%ra@${run}|203.0.113.1`));
    const counts = Object.fromEntries(await Promise.all(subjects.map(async (subject) => [subject, (await counter.add(key(subject))).count] as const)));
    expect(counts).toEqual({
      [`pair:zara@${run}|203.0.113.1`]: 2,
      [`pair:zara@${run}|203.0.113.2`]: 2,
      [`pair:z_ra@${run}|203.0.113.1`]: 1,
      [`pair:z_ra@${run}|203.0.113.2`]: 1,
      [`pair:z*ra@${run}|203.0.113.1`]: 1,
      [`pair:z*ra@${run}|203.0.113.2`]: 1,
      [`pair:z%ra@${run}|203.0.113.1`]: 1,
      [`pair:z%ra@${run}|203.0.113.2`]: 2,
      [`pair:z?ra@${run}|203.0.113.1`]: 2,
      [`pair:z?ra@${run}|203.0.113.2`]: 2,
    });
  });
});

describe('attempts kept in the database', () => {
  let shop: TestShop;
  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.close());

  it('are pruned after a day', async () => {
    const counter = shop.app.get<DatabaseAttemptCounter>(ATTEMPT_COUNTER);
    const attempts = shop.dataSource.getRepository(AuthAttempt);
    await attempts.insert({ action: 'login', subject: 'ip:192.0.2.1', succeeded: false, createdAt: new Date(Date.now() - 25 * 60 * 60_000) });
    await counter.add({ action: 'login', subject: 'ip:192.0.2.1', windowMs: 60_000 });
    expect(await attempts.countBy({ subject: 'ip:192.0.2.1' })).toBe(2);
    await counter.prune();
    const left = await attempts.findBy({ subject: 'ip:192.0.2.1' });
    expect(left).toHaveLength(1);
    expect(Date.now() - left[0].createdAt.getTime()).toBeLessThan(60_000);
  });
});

describe('the address sign-ins are counted under, behind a proxy TRUST_PROXY names', () => {
  const open = shopsClosedAfterEach();

  it('ignores X-Forwarded-For from a client that reaches the port directly: a new address per attempt does not dodge the limit', async () => {
    // The proxy is another machine; this client connects straight from 127.0.0.1 and forges the header.
    const shop = await open({ TRUST_PROXY: '10.9.9.9' });
    const logged = jest.spyOn(Logger.prototype, 'log');
    for (let i = 1; i <= 20; i++) expect((await signIn(clientAt(shop, `203.0.113.${i}`), `guess${i}@example.test`, 'a guess')).status).toBe(422);
    const refused = await signIn(clientAt(shop, '203.0.113.21'), 'guess21@example.test', 'a guess');
    expectSlowedDown(refused, 10);
    // Still a shop behind TLS: naming the proxy keeps everything TRUST_PROXY implies.
    expect(refused.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');

    const events = logged.mock.calls
      .map(([entry]) => entry as Record<string, unknown>)
      .filter(({ event }) => event === 'sign_in_failed' || event === 'attempts_limited');
    expect(events.map(({ ip }) => ip)).toEqual(Array(21).fill('127.0.0.1'));
  });
});
