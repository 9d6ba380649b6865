import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { SessionRecord } from '../../src/sessions/entities/session.entity.js';
import { User } from '../../src/auth/entities/user.entity.js';
import { totp } from '../../src/auth/totp.js';
import { registerAndSignIn } from '../helpers/accounts.js';
import { csrfTokenIn, Shopper, textOf } from '../helpers/shopper.js';
import { addStaffMember } from '../helpers/staff.js';
import { OWNER, startShop, type TestShop } from '../helpers/test-shop.js';

const PASSWORD = 'a-long-enough-password';

/** The base32 key shown on the set-up page. */
function keyOn(html: string): string {
  const match = /Key: ([A-Z2-7]{32})/.exec(textOf(html));
  if (!match) throw new Error('no two-factor key on the page');
  return match[1];
}

async function signedIn(shop: TestShop, email: string, password = PASSWORD): Promise<Shopper> {
  const shopper = new Shopper(shop.baseUrl);
  expect((await shopper.submit('/login', '/login', { email, password })).status).toBe(303);
  return shopper;
}

async function addStaff(shop: TestShop, owner: Shopper, name: string, email: string) {
  await addStaffMember(shop, owner, { name, email, password: PASSWORD });
}

// Each code is accepted once; confirming with the previous step's code (still valid) leaves the current one for signing in.
const previousCode = (key: string) => totp(key, Date.now() - 30_000);

/** Turns two-factor sign-in on for whoever `shopper` is signed in as, and returns the key. */
async function turnOn(shopper: Shopper): Promise<string> {
  const page = await shopper.get('/account/two-factor');
  const key = keyOn(page.html);
  expect((await shopper.post('/account/two-factor', { _csrf: csrfTokenIn(page.html), code: previousCode(key) })).status).toBe(303);
  return key;
}

describe('two-factor sign-in (TOTP) for the owner and staff', () => {
  let shop: TestShop;
  let owner: Shopper;
  let tariqKey: string;

  beforeAll(async () => {
    shop = await startShop();
    owner = await signedIn(shop, OWNER.email, OWNER.password);
    await addStaff(shop, owner, 'Tariq Staff', 'tariq@example.test');
  });
  afterAll(() => shop.close());
  afterEach(() => jest.restoreAllMocks());

  const users = () => shop.dataSource.getRepository(User);

  it('is turned on by confirming a code from the key and otpauth link shown on the page', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log');
    const tariq = await signedIn(shop, 'tariq@example.test');
    const page = await tariq.get('/account/two-factor');
    expect(page.status).toBe(200);
    const key = keyOn(page.html);
    expect(textOf(page.html)).toContain(`otpauth://totp/Anarkali:tariq%40example.test?secret=${key}&issuer=Anarkali`);
    expect(keyOn((await tariq.get('/account/two-factor')).html)).toBe(key);
    const qr = await tariq.get('/account/two-factor/qr.svg');
    expect(qr.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(qr.html).toMatch(/^<svg /);

    const wrong = await tariq.post('/account/two-factor', { _csrf: csrfTokenIn(page.html), code: totp(key, Date.now() - 10 * 60_000) });
    expect(wrong.status).toBe(422);
    expect(textOf(wrong.html)).toContain('That code is not right.');
    expect((await users().findOneByOrFail({ email: 'tariq@example.test' })).totpEnabledAt).toBeNull();

    const right = await tariq.post('/account/two-factor', { _csrf: csrfTokenIn(page.html), code: previousCode(key) });
    expect(right.status).toBe(303);
    expect(textOf((await tariq.follow(right)).html)).toContain('Two-factor sign-in is on');
    const saved = await users().findOneByOrFail({ email: 'tariq@example.test' });
    expect(saved.totpSecret).toBe(key);
    expect(saved.totpEnabledAt).toBeInstanceOf(Date);
    tariqKey = key;

    expect(logged.mock.calls.map(([entry]) => entry as unknown)).toContainEqual(
      expect.objectContaining({ event: 'two_factor_enabled', userId: saved.id, ip: '127.0.0.1' }),
    );
    expect(JSON.stringify(logged.mock.calls)).not.toContain(key);
  });

  it('then asks for the Authentication code after the password, and signs in only when it is right, on a new session id', async () => {
    const tariqId = (await users().findOneByOrFail({ email: 'tariq@example.test' })).id;
    const sessionsOfTariq = () => shop.dataSource.getRepository(SessionRecord).countBy({ userId: tariqId });
    const sessionsBefore = await sessionsOfTariq();
    const tariq = new Shopper(shop.baseUrl);
    const afterPassword = await tariq.submit('/login?next=/admin/orders', '/login', { email: 'tariq@example.test', password: PASSWORD, next: '/admin/orders' });
    expect(afterPassword.status).toBe(303);
    expect(afterPassword.location).toBe('/login/two-factor');
    const pendingSession = tariq.sessionId;

    // The password alone signs nobody in. The session waiting for the code is the account's (so a
    // password change ends it) but holds no sign-in.
    expect((await tariq.get('/admin/orders')).location).toBe('/login?next=%2Fadmin%2Forders');
    expect(textOf((await tariq.get('/')).html)).toContain('Sign in');
    expect(await sessionsOfTariq()).toBe(sessionsBefore + 1);
    const waiting = await shop.dataSource.getRepository(SessionRecord).findOneByOrFail({ id: tariq.storedSessionId });
    expect(JSON.parse(waiting.data)).not.toHaveProperty('passport.user');

    const codePage = await tariq.get('/login/two-factor');
    expect(textOf(codePage.html)).toContain('Authentication code');
    const wrong = await tariq.post('/login/two-factor', { _csrf: csrfTokenIn(codePage.html), code: '000000' === totp(tariqKey) ? '111111' : '000000' });
    expect(wrong.status).toBe(422);
    expect(textOf(wrong.html)).toContain('That code is not right.');

    const right = await tariq.post('/login/two-factor', { _csrf: csrfTokenIn(wrong.html), code: totp(tariqKey) });
    expect(right.status).toBe(303);
    expect(right.location).toBe('/admin/orders');
    expect(tariq.sessionId).not.toBe(pendingSession);
    expect((await tariq.get('/admin/orders')).status).toBe(200);
    // The waiting session gave way to the signed-in one.
    expect(await sessionsOfTariq()).toBe(sessionsBefore + 1);
    expect(await shop.dataSource.getRepository(SessionRecord).existsBy({ id: waiting.id })).toBe(false);
  });

  it('accepts each code once: a code already used to sign in is refused the second time', async () => {
    await addStaff(shop, owner, 'Zara Staff', 'zara@example.test');
    const zaraKey = await turnOn(await signedIn(shop, 'zara@example.test'));
    const code = totp(zaraKey);
    const first = new Shopper(shop.baseUrl);
    await first.submit('/login', '/login', { email: 'zara@example.test', password: PASSWORD });
    expect((await first.post('/login/two-factor', { _csrf: csrfTokenIn((await first.get('/login/two-factor')).html), code })).status).toBe(303);
    const onlooker = new Shopper(shop.baseUrl);
    await onlooker.submit('/login', '/login', { email: 'zara@example.test', password: PASSWORD });
    const replay = await onlooker.post('/login/two-factor', { _csrf: csrfTokenIn((await onlooker.get('/login/two-factor')).html), code });
    expect(replay.status).toBe(422);
    expect((await onlooker.get('/admin/orders')).location).toMatch(/^\/login/);
  });

  it('ends a sign-in still waiting for its code when the password is changed meanwhile', async () => {
    await addStaff(shop, owner, 'Rabia Staff', 'rabia@example.test');
    const rabia = await signedIn(shop, 'rabia@example.test');
    const key = await turnOn(rabia);
    // Someone else has the old password and has passed the password step.
    const other = new Shopper(shop.baseUrl);
    expect((await other.submit('/login', '/login', { email: 'rabia@example.test', password: PASSWORD })).location).toBe('/login/two-factor');
    const codePage = await other.get('/login/two-factor');
    const waiting = other.storedSessionId;

    expect((await rabia.submit('/account', '/account/password', { currentPassword: PASSWORD, password: 'shalimar-gardens-1641' })).status).toBe(303);
    expect(await shop.dataSource.getRepository(SessionRecord).existsBy({ id: waiting })).toBe(false);

    const code = await other.post('/login/two-factor', { _csrf: csrfTokenIn(codePage.html), code: totp(key) });
    expect(code.location).not.toBe('/');
    expect((await other.get('/account')).location).toBe('/login?next=%2Faccount');
  });

  it('sends anyone who opens the code page without a password first to sign in', async () => {
    const visitor = new Shopper(shop.baseUrl);
    expect((await visitor.get('/login/two-factor')).location).toBe('/login');
    const token = csrfTokenIn((await visitor.get('/login')).html);
    expect((await visitor.post('/login/two-factor', { _csrf: token, code: totp(tariqKey) })).location).toBe('/login');
    expect(textOf((await visitor.get('/')).html)).toContain('Sign in');
  });

  it('is only for the owner and staff', async () => {
    const customer = new Shopper(shop.baseUrl);
    await registerAndSignIn(customer, { name: 'Asma Customer', email: 'asma@example.test', password: PASSWORD });
    expect((await customer.get('/account/two-factor')).status).toBe(403);
    expect((await new Shopper(shop.baseUrl).get('/account/two-factor')).location).toBe('/login?next=%2Faccount%2Ftwo-factor');
  });

  it('can be required by the owner: staff without it set it up before they reach /admin', async () => {
    await addStaff(shop, owner, 'Nadia Staff', 'nadia@example.test');
    const settings = await owner.get('/admin/settings/security');
    expect(textOf(settings.html)).toContain('Require two-factor sign-in for staff and the owner');
    const saved = await owner.post('/admin/settings/security', { _csrf: csrfTokenIn(settings.html), requireTwoFactor: '1' });
    expect(saved.status).toBe(303);

    // The owner has no second factor yet either: the panel now sends them to set it up.
    const ownerBounced = await owner.get('/admin/orders');
    expect(ownerBounced.location).toBe('/account/two-factor');
    expect(textOf((await owner.follow(ownerBounced)).html)).toContain('The shop requires two-factor sign-in for staff.');

    const nadia = new Shopper(shop.baseUrl);
    const signIn = await nadia.submit('/login', '/login', { email: 'nadia@example.test', password: PASSWORD, next: '/admin' });
    expect(signIn.location).toBe('/account/two-factor');
    expect((await nadia.get('/admin/orders')).location).toBe('/account/two-factor');
    await turnOn(nadia);
    expect((await nadia.get('/admin/orders')).status).toBe(200);

    // Staff who have it, and customers, are not held up.
    expect((await signedInWithCode('tariq@example.test', tariqKey)).status).toBe(200);
    const customer = await signedIn(shop, 'asma@example.test');
    expect((await customer.get('/')).status).toBe(200);

    await turnOn(owner);
    expect((await owner.get('/admin/orders')).status).toBe(200);
  });

  async function signedInWithCode(email: string, key: string) {
    const shopper = new Shopper(shop.baseUrl);
    await shopper.submit('/login', '/login', { email, password: PASSWORD });
    const codePage = await shopper.get('/login/two-factor');
    // The next step's code: this account already signed in with the current one, and codes are accepted once.
    const code = totp(key, Date.now() + 30_000);
    expect((await shopper.post('/login/two-factor', { _csrf: csrfTokenIn(codePage.html), code })).status).toBe(303);
    return shopper.get('/admin/orders');
  }
});

describe('wrong two-factor codes', () => {
  let shop: TestShop;
  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.close());

  it('count like wrong passwords: after five from one address, the next code is refused with 429 even when right', async () => {
    const owner = await signedIn(shop, OWNER.email, OWNER.password);
    await addStaff(shop, owner, 'Bilal Staff', 'bilal@example.test');
    const key = await turnOn(await signedIn(shop, 'bilal@example.test'));
    const wrongCode = totp(key, Date.now() + 10 * 60_000);

    const bilal = new Shopper(shop.baseUrl);
    expect((await bilal.submit('/login', '/login', { email: 'bilal@example.test', password: PASSWORD })).location).toBe('/login/two-factor');
    let page = await bilal.get('/login/two-factor');
    for (let i = 1; i <= 5; i++) {
      page = await bilal.post('/login/two-factor', { _csrf: csrfTokenIn(page.html), code: wrongCode });
      expect(page.status).toBe(422);
    }
    const refused = await bilal.post('/login/two-factor', { _csrf: csrfTokenIn(page.html), code: totp(key) });
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait >= 1 && wait <= 60).toBe(true);
    expect(textOf(refused.html)).toContain(
      `Too many attempts. Please wait ${wait} ${wait === 1 ? 'second' : 'seconds'} and try again, or reset your password.`,
    );
    expect((await bilal.get('/admin/orders')).status).toBe(303);

    // Typing the password again, in a new browser at the same address, does not open a new round of guesses.
    const again = await new Shopper(shop.baseUrl).submit('/login', '/login', { email: 'bilal@example.test', password: PASSWORD });
    expect(again.status).toBe(429);
  });
});
