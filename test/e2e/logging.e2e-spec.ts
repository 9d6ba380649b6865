import { setTimeout as sleep } from 'node:timers/promises';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { User } from '../../src/auth/entities/user.entity.js';
import { MailService } from '../../src/mail/mail.service.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { OWNER, shopsClosedAfterEach } from '../helpers/test-shop.js';

type LogLine = Record<string, unknown>;

/**
 * Every shop of this file logs here (nestjs-pino keeps one root logger a process, so they share one
 * destination): the raw text as written, and the JSON lines read back.
 */
const written: string[] = [];
const logDestination = { write: (line: string) => void written.push(line) };
const lines = (): LogLine[] => written.map((line) => JSON.parse(line) as LogLine);
/**
 * The access lines of a request. Each is written once its answer has gone, which the client may read
 * first: so they are waited for (a second at most).
 */
async function accessLines(requestId: string | null): Promise<LogLine[]> {
  const of = () => lines().filter((line) => line.event === 'request' && line.requestId === requestId);
  for (let tries = 0; of().length === 0 && tries < 100; tries++) await sleep(10);
  return of();
}

describe('the log', () => {
  const open = shopsClosedAfterEach();
  const openShop = (env: Record<string, string> = {}) => open({ LOG_LEVEL: 'info', ...env }, { logDestination });

  beforeEach(() => void written.splice(0));

  it('writes one JSON access line per request: its id, method, route template, status, duration and user', async () => {
    const shop = await openShop();
    const product = await aProduct(shop);
    const owner = new Shopper(shop.baseUrl);
    await owner.submit('/login', '/login', OWNER);
    const ownerId = (await shop.dataSource.getRepository(User).findOneByOrFail({ email: OWNER.email })).id;

    const signedIn = await fetch(`${shop.baseUrl}/products/${product.slug}`, { headers: { cookie: `anarkali.sid=${owner.sessionId}` } });
    const anonymous = await fetch(`${shop.baseUrl}/products/${product.slug}?colour=Indigo`);
    const missing = await fetch(`${shop.baseUrl}/no/such/page`);

    for (const answer of [signedIn, anonymous, missing]) expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(await accessLines(signedIn.headers.get('x-request-id'))).toEqual([
      expect.objectContaining({ level: 'info', method: 'GET', route: '/products/:slug', status: 200, durationMs: expect.any(Number), userId: ownerId }),
    ]);
    const [anonymousLine] = await accessLines(anonymous.headers.get('x-request-id'));
    expect(anonymousLine).toMatchObject({ route: '/products/:slug', status: 200 });
    expect(anonymousLine).not.toHaveProperty('userId');
    // The address itself is never logged: a route without a match has no template to show.
    expect(await accessLines(missing.headers.get('x-request-id'))).toEqual([expect.objectContaining({ route: '(unmatched)', status: 404 })]);
    expect(written.join('')).not.toContain('/no/such/page');
  });

  it("keeps a proxy's X-Request-Id only when TRUST_PROXY trusts the proxy, and makes its own otherwise", async () => {
    const offered = { 'x-request-id': 'edge-7f3a9c1e-42' };
    const direct = await openShop();
    const fromAnyone = await fetch(`${direct.baseUrl}/health/live`, { headers: offered });
    const ownId = fromAnyone.headers.get('x-request-id');
    expect(ownId).toMatch(/^[0-9a-f]{32}$/);
    expect(await accessLines(ownId)).toHaveLength(1);

    const behindProxy = await openShop({ TRUST_PROXY: 'loopback' });
    const fromProxy = await fetch(`${behindProxy.baseUrl}/health/live`, { headers: offered });
    expect(fromProxy.headers.get('x-request-id')).toBe('edge-7f3a9c1e-42');
    expect(await accessLines('edge-7f3a9c1e-42')).toEqual([expect.objectContaining({ route: '/health/live', status: 200 })]);
    // Even from a trusted proxy, an id that could break a log line is replaced.
    const odd = await fetch(`${behindProxy.baseUrl}/health/live`, { headers: { 'x-request-id': 'id with spaces and "quotes"' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
  });

  it("gives the error page's reference as the request's id, under which the failure and its access line are logged", async () => {
    const shop = await openShop();
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, await aProduct(shop));
    jest.spyOn(MailService.prototype, 'enqueue').mockRejectedValueOnce(new Error('disk full'));

    const failed = await checkout(shopper);

    expect(failed.status).toBe(500);
    const reference = /quote reference (\w+)/.exec(textOf(failed.html))?.[1];
    expect(reference).toBe(failed.headers.get('x-request-id'));
    await accessLines(reference ?? null);
    const logged = lines().filter((line) => line.requestId === reference);
    expect(logged).toEqual([
      expect.objectContaining({ level: 'error', context: 'Errors', event: 'request_failed', reference, msg: expect.stringContaining('disk full') }),
      expect.objectContaining({ level: 'error', event: 'request', route: '/checkout', method: 'POST', status: 500 }),
    ]);
  });

  it("writes the shop's own events (new Logger('X'), logSecurityEvent) through the same logger, with the request's id", async () => {
    const shop = await openShop();
    const shopper = new Shopper(shop.baseUrl);
    const refused = await shopper.submit('/login', '/login', { email: OWNER.email, password: 'not-the-password-1' });
    const requestId = refused.headers.get('x-request-id');
    expect(lines()).toContainEqual(
      expect.objectContaining({ level: 'info', context: 'Security', event: 'sign_in_failed', email: OWNER.email, path: '/login', requestId }),
    );
    new Logger('Stock').warn({ event: 'stock_low', variantId: 7 });
    expect(lines()).toContainEqual(expect.objectContaining({ level: 'warn', context: 'Stock', event: 'stock_low', variantId: 7 }));
  });

  it('never writes passwords, tokens, cookies, session ids or card-provider secrets', async () => {
    const shop = await openShop();
    const shopper = new Shopper(shop.baseUrl);
    await shopper.submit('/login', '/login', OWNER);
    await shopper.get('/admin');
    await shopper.submit('/login', '/login', { email: OWNER.email, password: 'a-wrong-password-typed' });
    await fetch(`${shop.baseUrl}/api/v1/products`, { headers: { authorization: 'Bearer api-token-0123456789', cookie: 'anarkali.sid=s%3Aforged-session-id' } });
    // What a careless line might hand the logger: the names give the secrets away, wherever they sit.
    new Logger('Payments').log({
      event: 'careless',
      password: 'hunter2-hunter2',
      stripe: { secretKey: 'sk_live_51SecretKey', webhookSecret: 'whsec_SigningSecret' },
      request: { headers: { cookie: 'anarkali.sid=s%3Acookie-session-id', authorization: 'Bearer header-token-xyz', 'stripe-signature': 't=1,v1=signature' } },
      reset: { token: 'reset-token-abcdef', sessionId: 'session-id-ghijkl' },
    });

    const text = written.join('');
    const secrets = [
      OWNER.password,
      'a-wrong-password-typed',
      decodeURIComponent(shopper.sessionId ?? 'no session').slice(2, 30),
      'api-token-0123456789',
      'forged-session-id',
      'hunter2-hunter2',
      'sk_live_51SecretKey',
      'whsec_SigningSecret',
      'cookie-session-id',
      'header-token-xyz',
      'v1=signature',
      'reset-token-abcdef',
      'session-id-ghijkl',
    ];
    expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
    expect(lines()).toContainEqual(
      expect.objectContaining({ event: 'careless', password: '[redacted]', stripe: { secretKey: '[redacted]', webhookSecret: '[redacted]' } }),
    );
  });
});
