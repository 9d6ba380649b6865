import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ATTEMPT_COUNTER, DatabaseAttemptCounter } from '../../src/auth/attempt-counter.js';
import { AuthAttempt } from '../../src/auth/entities/auth-attempt.entity.js';
import { User } from '../../src/auth/entities/user.entity.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { redisEnv, sameDatabaseAs, shopsClosedAfterEach, startShop, type TestShop } from '../helpers/test-shop.js';

const PASSWORD = 'a-long-enough-password';
const LOCKED_OUT = 'Too many attempts. Please wait 15 minutes or reset your password.';

const COUNTERS: [string, () => Record<string, string>][] = [
  ['the database', () => ({})],
  ['Redis', redisEnv],
];

/** A client behind the shop's proxy, at its own address (the shop runs with TRUST_PROXY=loopback: the test is its proxy). */
const clientAt = (shop: TestShop, ip: string) => new Shopper(shop.baseUrl, { 'x-forwarded-for': ip, 'x-forwarded-proto': 'https' });

async function register(shopper: Shopper, email: string) {
  return shopper.submit('/register', '/register', { name: 'Zara Malik', email, password: PASSWORD });
}

async function signIn(shopper: Shopper, email: string, password: string) {
  return shopper.submit('/login', '/login', { email, password });
}

describe.each(COUNTERS)('sign-in, registration and reset limits counted in %s', (_, counterEnv) => {
  const open = shopsClosedAfterEach();

  it('refuses the 6th sign-in to one account within 15 minutes with 429, even from new addresses and with the right password', async () => {
    const shop = await open({ ...counterEnv(), TRUST_PROXY: 'loopback' });
    await register(clientAt(shop, '198.51.100.1'), 'zara@example.test');
    const logged = jest.spyOn(Logger.prototype, 'log');

    for (let i = 1; i <= 5; i++) {
      const wrong = await signIn(clientAt(shop, `203.0.113.${i}`), 'zara@example.test', `wrong password ${i}`);
      expect(wrong.status).toBe(422);
      expect(textOf(wrong.html)).toContain('That email and password do not match an account.');
    }
    const sixth = clientAt(shop, '203.0.113.6');
    const refused = await signIn(sixth, 'Zara@Example.test', PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('900');
    expect(textOf(refused.html)).toContain(LOCKED_OUT);
    expect(refused.html).toContain('value="Zara@Example.test"');
    expect(textOf((await sixth.get('/')).html)).toContain('Sign in');

    // The address itself is not limited: another account signs in from it.
    await register(clientAt(shop, '198.51.100.2'), 'yusuf@example.test');
    expect((await signIn(clientAt(shop, '203.0.113.6'), 'yusuf@example.test', PASSWORD)).status).toBe(303);

    // Counted where the configuration says: rows in auth_attempt, or keys in Redis and no rows at all.
    expect((await shop.dataSource.getRepository(AuthAttempt).count()) > 0).toBe(!shop.config.redis);

    const events = logged.mock.calls.map(([entry]) => entry as Record<string, unknown>);
    expect(events).toContainEqual(expect.objectContaining({ event: 'sign_in_failed', email: 'zara@example.test', ip: '203.0.113.1', path: '/login' }));
    expect(events).toContainEqual(expect.objectContaining({ event: 'attempts_limited', action: 'login', email: 'zara@example.test', ip: '203.0.113.6' }));
    expect(events).toContainEqual(expect.objectContaining({ event: 'sign_in_succeeded', email: 'yusuf@example.test', ip: '203.0.113.6' }));
    const everything = JSON.stringify(logged.mock.calls);
    for (const secret of [PASSWORD, 'wrong password 1', 'anarkali.sid']) expect(everything).not.toContain(secret);
  });

  it('refuses the 6th failure from one address across accounts, and a good sign-in in between does not wipe the slate', async () => {
    const shop = await open(counterEnv());
    await register(new Shopper(shop.baseUrl), 'omar@example.test');
    for (let i = 1; i <= 4; i++) expect((await signIn(new Shopper(shop.baseUrl), `guess${i}@example.test`, 'a guess')).status).toBe(422);
    expect((await signIn(new Shopper(shop.baseUrl), 'omar@example.test', PASSWORD)).status).toBe(303);
    expect((await signIn(new Shopper(shop.baseUrl), 'guess5@example.test', 'a guess')).status).toBe(422);

    const refused = await signIn(new Shopper(shop.baseUrl), 'omar@example.test', PASSWORD);
    expect(refused.status).toBe(429);
    expect(textOf(refused.html)).toContain(LOCKED_OUT);
  });

  it('forgives an account its failures once its owner signs in', async () => {
    const shop = await open({ ...counterEnv(), TRUST_PROXY: 'loopback' });
    await register(clientAt(shop, '198.51.100.1'), 'hina@example.test');
    for (let i = 1; i <= 4; i++) expect((await signIn(clientAt(shop, `203.0.113.${i}`), 'hina@example.test', 'not it')).status).toBe(422);
    expect((await signIn(clientAt(shop, '198.51.100.7'), 'hina@example.test', PASSWORD)).status).toBe(303);
    for (let i = 11; i <= 15; i++) expect((await signIn(clientAt(shop, `203.0.113.${i}`), 'hina@example.test', 'not it')).status).toBe(422);
    expect((await signIn(clientAt(shop, '203.0.113.16'), 'hina@example.test', PASSWORD)).status).toBe(429);
  });

  it('holds the limit across instances sharing the store', async () => {
    const first = await open(counterEnv());
    for (let i = 1; i <= 3; i++) expect((await signIn(new Shopper(first.baseUrl), 'ghost@example.test', 'a guess')).status).toBe(422);
    // A second instance of the same shop: same database, and with Redis the same key prefix.
    const sharedRedis: Record<string, string> = first.config.redis ? { REDIS_URL: first.config.redis.url, REDIS_KEY_PREFIX: first.config.redis.keyPrefix } : {};
    const second = await open({ ...sameDatabaseAs(first), ...sharedRedis });
    for (let i = 4; i <= 5; i++) expect((await signIn(new Shopper(second.baseUrl), 'ghost@example.test', 'a guess')).status).toBe(422);
    expect((await signIn(new Shopper(second.baseUrl), 'ghost@example.test', 'a guess')).status).toBe(429);
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

  it('lets one address create 10 accounts an hour, and refuses the 11th before hashing its password', async () => {
    const shop = await open(counterEnv());
    for (let i = 1; i <= 10; i++) expect((await register(new Shopper(shop.baseUrl), `new${i}@example.test`)).status).toBe(303);
    // An address already taken is answered at once and does not count.
    expect((await register(new Shopper(shop.baseUrl), 'new1@example.test')).status).toBe(422);
    const refused = await register(new Shopper(shop.baseUrl), 'new11@example.test');
    expect(refused.status).toBe(429);
    expect(textOf(refused.html)).toContain('Too many accounts were created from your network. Please try again in an hour.');
    expect(refused.html).toContain('value="new11@example.test"');
    expect(await shop.dataSource.getRepository(User).countBy({ email: 'new11@example.test' })).toBe(0);
  });
});

describe('the address sign-ins are counted under, behind a proxy TRUST_PROXY names', () => {
  const open = shopsClosedAfterEach();

  it('ignores X-Forwarded-For from a client that reaches the port directly: a new address per attempt does not dodge the limit', async () => {
    // The proxy is another machine; this client connects straight from 127.0.0.1 and forges the header.
    const shop = await open({ TRUST_PROXY: '10.9.9.9' });
    const logged = jest.spyOn(Logger.prototype, 'log');
    for (let i = 1; i <= 5; i++) expect((await signIn(clientAt(shop, `203.0.113.${i}`), `guess${i}@example.test`, 'a guess')).status).toBe(422);
    const refused = await signIn(clientAt(shop, '203.0.113.6'), 'guess6@example.test', 'a guess');
    expect(refused.status).toBe(429);
    // Still a shop behind TLS: naming the proxy keeps everything TRUST_PROXY implies.
    expect(refused.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');

    const events = logged.mock.calls.map(([entry]) => entry as Record<string, unknown>).filter(({ event }) => event === 'sign_in_failed' || event === 'attempts_limited');
    expect(events.map(({ ip }) => ip)).toEqual(Array(6).fill('127.0.0.1'));
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
