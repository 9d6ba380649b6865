import { SessionRecord } from '../../src/sessions/entities/session.entity.js';
import { registerAndSignIn } from '../helpers/accounts.js';
import { cookieAttributes, Shopper } from '../helpers/shopper.js';
import { shopsClosedAfterEach } from '../helpers/test-shop.js';

interface Setup {
  shop: string;
  env: Record<string, string>;
  /** Sent with every request, as the proxy would. */
  headers: Record<string, string>;
  cookie: string;
  secure: true | undefined;
}

describe('sign-out', () => {
  const open = shopsClosedAfterEach();

  it.each<Setup>([
    { shop: 'over plain HTTP', env: {}, headers: {}, cookie: 'anarkali.sid', secure: undefined },
    {
      shop: 'behind a TLS-terminating proxy',
      env: { TRUST_PROXY: 'loopback' },
      headers: { 'x-forwarded-proto': 'https' },
      cookie: '__Host-anarkali.sid',
      secure: true,
    },
  ])('$shop clears exactly the session cookie in use ($cookie), with its attributes, and deletes the session row', async ({ env, headers, cookie, secure }) => {
    const shop = await open(env);
    const shopper = new Shopper(shop.baseUrl, headers);
    const signedIn = await registerAndSignIn(shopper, { name: 'Nadia Khan', email: 'nadia@example.test', password: 'a-long-enough-password' });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.getSetCookie().some((header) => header.startsWith(`${cookie}=`))).toBe(true);
    const sessionId = shopper.storedSessionId;
    const sessions = shop.dataSource.getRepository(SessionRecord);
    expect(await sessions.existsBy({ id: sessionId })).toBe(true);

    const signedOut = await shopper.submit('/', '/logout', {});
    expect(signedOut.status).toBe(303);
    const cleared = signedOut.headers.getSetCookie().filter((header) => header.includes('anarkali.sid='));
    expect(cleared.map((header) => header.split('=')[0])).toEqual([cookie]);
    expect(cookieAttributes(cleared[0])).toEqual({ path: '/', expires: 'thu, 01 jan 1970 00:00:00 gmt', httponly: true, samesite: 'lax', secure });
    expect(await sessions.existsBy({ id: sessionId })).toBe(false);
  });
});
