import { promisify } from 'node:util';
import type { SessionData } from 'express-session';
import { AccountTokensService } from '../../src/auth/account-tokens.service.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { SessionRecord } from '../../src/sessions/entities/session.entity.js';
import { DatabaseSessionStore } from '../../src/sessions/session-store.js';
import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { aProduct, type ProductFixture } from '../helpers/factories.js';
import { addToCart } from '../helpers/journeys.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { startShop, type TestShop } from '../helpers/test-shop.js';

const PASSWORD = 'a-long-enough-password';
const NEW_PASSWORD = 'shalimar-gardens-1641';

describe('an ended session stays ended, whatever a request in flight saves after', () => {
  let shop: TestShop;
  let kurta: ProductFixture;
  let sequence = 0;

  beforeAll(async () => {
    shop = await startShop();
    kurta = await aProduct(shop, { name: 'Sutlej Lawn Kurta', stock: 20 });
  });
  afterAll(() => shop.close());

  const sessions = () => shop.dataSource.getRepository(SessionRecord);
  const store = () => shop.get(DatabaseSessionStore);

  /** A new customer's email; the account is made by the service, as registration over HTTP is rate-limited. */
  async function aCustomer(): Promise<string> {
    sequence += 1;
    const email = `revoked-${sequence}@example.test`;
    await shop.get(AuthService).register({ name: 'Sana Javed', email, password: PASSWORD });
    return email;
  }

  async function signedIn(email: string, password = PASSWORD): Promise<Shopper> {
    const shopper = new Shopper(shop.baseUrl);
    expect((await shopper.submit('/login', '/login', { email, password })).status).toBe(303);
    return shopper;
  }

  /** The session as a request loads it at its start, before anything else happens. */
  const loaded = (id: string) => promisify(store().get.bind(store()))(id);

  /** What express-session does when that request ends having changed its session (a flash, a cart, a CSRF token). */
  const savedAtTheEnd = (id: string, data: SessionData) => promisify(store().set.bind(store()))(id, data);

  const endings: [string, (email: string) => Promise<void>][] = [
    [
      'a password change in another browser',
      async (email) => {
        const laptop = await signedIn(email);
        expect((await laptop.submit('/account', '/account/password', { currentPassword: PASSWORD, password: NEW_PASSWORD })).status).toBe(303);
      },
    ],
    [
      'a password reset',
      async (email) => {
        await shop.get(AccountTokensService).requestPasswordReset(email);
        const link = await resetLinkFor(email);
        expect((await new Shopper(shop.baseUrl).submit(link, link, { password: NEW_PASSWORD })).status).toBe(303);
      },
    ],
  ];

  it.each(endings)('keeps a browser signed out after %s, though its request in flight saves its session afterwards', async (_, endEverySession) => {
    const email = await aCustomer();
    const phone = await signedIn(email);
    const phoneSession = phone.storedSessionId;
    const inFlight = await loaded(phoneSession);
    expect(inFlight).toHaveProperty('passport.user');

    await endEverySession(email);
    expect(await sessions().existsBy({ id: phoneSession })).toBe(false);
    await savedAtTheEnd(phoneSession, inFlight as SessionData);

    const next = await phone.get('/account');
    expect(next.status).toBe(303);
    expect(next.location).toBe('/login?next=%2Faccount');
    expect(await sessions().existsBy({ id: phoneSession })).toBe(false);
  });

  it('still stores a first cart, a sign-in on a new session, and every later change to it', async () => {
    const email = await aCustomer();
    const shopper = new Shopper(shop.baseUrl);
    expect((await addToCart(shopper, kurta)).status).toBe(303);
    const visitorSession = shopper.storedSessionId;
    expect(await sessions().existsBy({ id: visitorSession })).toBe(true);

    expect((await shopper.submit('/login', '/login', { email, password: PASSWORD })).status).toBe(303);
    const customerSession = shopper.storedSessionId;
    expect(customerSession).not.toBe(visitorSession);
    expect(await sessions().existsBy({ id: visitorSession })).toBe(false);
    expect((await sessions().findOneByOrFail({ id: customerSession })).userId).not.toBeNull();

    expect((await shopper.submit('/account', '/account/name', { name: 'Sana Javed Khan' })).status).toBe(303);
    expect(textOf((await shopper.get('/account')).html)).toContain('Your name has been saved.');
    expect(textOf((await shopper.get('/account')).html)).not.toContain('Your name has been saved.');
    expect((await addToCart(shopper, kurta)).status).toBe(303);
    expect(textOf((await shopper.get('/cart')).html)).toContain('Cart 2');
    expect(shopper.storedSessionId).toBe(customerSession);
  });

  async function resetLinkFor(email: string): Promise<string> {
    const [mail] = await shop.dataSource.getRepository(OutboxMessage).find({ where: { recipient: email, kind: 'reset_password' }, order: { id: 'DESC' } });
    const token = /\/password\/reset\/([A-Za-z0-9_-]{43})\b/.exec(mail?.body ?? '')?.[1];
    if (!token) throw new Error(`no reset link queued for ${email}`);
    return `/password/reset/${token}`;
  }
});
