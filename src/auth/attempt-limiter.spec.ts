import { MemoryAttemptCounter } from '../../test/helpers/memory-attempt-counter.js';
import { type Attempter, AttemptLimiter, LimitedAction } from './attempt-limiter.js';
import { TooManyAttemptsError } from './auth.errors.js';
import { TrustedDevices } from './trusted-devices.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

describe('AttemptLimiter', () => {
  let now: number;
  let devices: TrustedDevices;
  let sut: AttemptLimiter;

  beforeEach(() => {
    now = Date.parse('2026-11-20T10:00:00Z');
    devices = new TrustedDevices('a session secret of at least 32 characters', false);
    sut = new AttemptLimiter(new MemoryAttemptCounter(() => now), devices);
  });

  const at = (ip: string, email?: string, deviceCookie?: string): Attempter => ({ ip, path: '/login', email, deviceCookie });
  const signIn = (who: Attempter) => sut.begin(LimitedAction.SignIn, who);

  /** How the attempt was answered: let through, or the seconds it was told to wait. */
  async function outcome(attempt: Promise<unknown>): Promise<'through' | number> {
    try {
      await attempt;
      return 'through';
    } catch (error) {
      if (!(error instanceof TooManyAttemptsError)) throw error;
      expect(error.message).toBe(
        `Too many attempts. Please wait ${error.retryAfterSeconds} ${error.retryAfterSeconds === 1 ? 'second' : 'seconds'} and try again, or reset your password.`,
      );
      return error.retryAfterSeconds;
    }
  }

  /** `count` failed sign-ins, a second apart, each from its own browser. */
  async function failures(count: number, who: (i: number) => Attempter): Promise<void> {
    for (let i = 1; i <= count; i++) {
      expect(await outcome(signIn(who(i)))).toBe('through');
      now += SECOND;
    }
  }

  it('lets one address fail five times at an account, then lets one attempt a minute through, telling the others how long to wait', async () => {
    const zara = at('203.0.113.1', 'zara@example.test');
    await failures(5, () => zara);
    const fifth = now - SECOND;
    expect(await outcome(signIn(zara))).toBe(59);
    now = fifth + MINUTE - 1;
    expect(await outcome(signIn(zara))).toBe(1);
    // Refused attempts did not count: a minute after the fifth, the next one is let through...
    now = fifth + MINUTE;
    expect(await outcome(signIn(zara))).toBe('through');
    // ...and the one after it waits a minute from there.
    now += SECOND;
    expect(await outcome(signIn(zara))).toBe(59);
    now += 59 * SECOND;
    expect(await outcome(signIn(zara))).toBe('through');
    // The same email from another address is another pair, untouched.
    expect(await outcome(signIn(at('198.51.100.7', 'zara@example.test')))).toBe('through');
  });

  it('lets ten addresses fail at an account, then one attempt every 20 seconds from anywhere', async () => {
    await failures(10, (i) => at(`203.0.113.${i}`, 'hina@example.test'));
    expect(await outcome(signIn(at('203.0.113.11', 'hina@example.test')))).toBe(19);
    now += 19 * SECOND;
    expect(await outcome(signIn(at('203.0.113.12', 'hina@example.test')))).toBe('through');
    expect(await outcome(signIn(at('198.51.100.7', 'hina@example.test')))).toBe(20);
  });

  it('lets one address fail twenty times across accounts, then one attempt every 10 seconds at any account', async () => {
    await failures(20, (i) => at('198.51.100.20', `nobody${i}@example.test`));
    expect(await outcome(signIn(at('198.51.100.20', 'bilal@example.test')))).toBe(9);
    now += 9 * SECOND;
    expect(await outcome(signIn(at('198.51.100.20', 'bilal@example.test')))).toBe('through');
    expect(await outcome(signIn(at('198.51.100.20', 'amna@example.test')))).toBe(10);
    // Another address is not held up.
    expect(await outcome(signIn(at('198.51.100.21', 'amna@example.test')))).toBe('through');
  });

  it('lets exactly one of several simultaneous attempts through once an interval has passed', async () => {
    const zara = at('203.0.113.1', 'zara@example.test');
    await failures(5, () => zara);
    now += MINUTE;
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => outcome(signIn(zara))));
    expect(outcomes.filter((answer) => answer === 'through')).toHaveLength(1);
    expect(outcomes.filter((answer) => answer === 60)).toHaveLength(3);
  });

  it('counts a browser with a device entry for the account on its own, and past its own five like any other browser', async () => {
    const laptop = devices.withEntryFor(undefined, 'sana@example.test');
    await failures(10, (i) => at(`203.0.113.${i}`, 'sana@example.test'));
    expect(await outcome(signIn(at('198.51.100.7', 'sana@example.test')))).toBe(19);

    // The owner's laptop is not held up by the guessing, even at a guesser's address.
    await failures(5, () => at('203.0.113.1', 'Sana@Example.test', laptop));
    // Its sixth in a row: not the laptop's turn (a minute after its fifth), nor the account's (20 s after its last).
    const laptopsFifth = now - SECOND;
    expect(await outcome(signIn(at('198.51.100.7', 'sana@example.test', laptop)))).toBe(14);
    now += 14 * SECOND;
    // The account lets one through before the laptop's minute is up: whichever comes first.
    expect(await outcome(signIn(at('198.51.100.7', 'sana@example.test', laptop)))).toBe('through');
    expect(await outcome(signIn(at('198.51.100.7', 'sana@example.test', laptop)))).toBe(20);
    now = laptopsFifth + MINUTE;
    expect(await outcome(signIn(at('198.51.100.7', 'sana@example.test', laptop)))).toBe('through');
  });

  it('trusts no device entry made for another account, forged, or changed', async () => {
    const mallorys = devices.withEntryFor(undefined, 'mallory@example.test');
    const sanas = devices.withEntryFor(undefined, 'sana@example.test');
    const otherShops = new TrustedDevices('another shop, another session secret!!', false).withEntryFor(undefined, 'sana@example.test');
    const changed = sanas.slice(0, -1) + (sanas.endsWith('A') ? 'B' : 'A');
    await failures(10, (i) => at(`203.0.113.${i}`, 'sana@example.test'));
    for (const cookie of [mallorys, otherShops, changed, `${sanas}x`]) {
      expect(await outcome(signIn(at('203.0.113.50', 'sana@example.test', cookie)))).toBe(19);
    }
    // Five accounts' entries in one cookie, Sana's among them: hers is found.
    const shared = ['a', 'b', 'c', 'd'].reduce((cookie, name) => devices.withEntryFor(cookie, `${name}@example.test`), sanas);
    expect(shared.split('.')).toHaveLength(5);
    expect(await outcome(signIn(at('203.0.113.50', 'sana@example.test', shared)))).toBe('through');
    expect(devices.nonceFor(devices.withEntryFor(shared, 'e@example.test'), 'sana@example.test')).toBeUndefined();
  });

  it('forgives the account, its pair with the address and the browser on a right password, never the address', async () => {
    const laptop = devices.withEntryFor(undefined, 'omar@example.test');
    await failures(10, (i) => at('203.0.113.1', `guess${i}@example.test`));
    await failures(5, () => at('203.0.113.1', 'omar@example.test'));
    await failures(4, (i) => at(`198.51.100.${i}`, 'omar@example.test'));
    await failures(4, () => at('203.0.113.1', 'omar@example.test', laptop));

    const right = await signIn(at('203.0.113.1', 'omar@example.test', laptop));
    await sut.succeeded(right, { forgiveAccount: true });
    // The laptop, the account and its pair with this address start again...
    await failures(5, () => at('203.0.113.1', 'omar@example.test', laptop));
    await failures(5, (i) => at(`198.51.100.${10 + i}`, 'omar@example.test'));
    await failures(5, () => at('203.0.113.1', 'omar@example.test'));
    // ...but the address still counts its guesses at other accounts: its 21st failure waits.
    expect(await outcome(signIn(at('203.0.113.1', 'somebody@example.test')))).toBe(9);
  });

  it('does not forgive the account on the password step of a two-factor account: only the right code does', async () => {
    await failures(9, (i) => at(`203.0.113.${i}`, 'owner@example.test'));
    const password = await signIn(at('198.51.100.7', 'owner@example.test'));
    await sut.succeeded(password, { forgiveAccount: false });
    await failures(1, () => at('198.51.100.7', 'owner@example.test'));
    expect(await outcome(signIn(at('198.51.100.8', 'owner@example.test')))).toBe(19);
  });

  it('forgets the account and its pairs with every address after a password reset, and nothing of other accounts', async () => {
    await failures(5, () => at('198.51.100.7', 'sana@example.test'));
    await failures(5, () => at('203.0.113.1', 'sana@example.test'));
    await failures(5, () => at('203.0.113.1', 'sana@example.test.org'));
    expect(await outcome(signIn(at('198.51.100.8', 'sana@example.test')))).toBe(14);
    await sut.forgiveAccount('Sana@Example.test');
    expect(await outcome(signIn(at('198.51.100.7', 'sana@example.test')))).toBe('through');
    expect(await outcome(signIn(at('203.0.113.1', 'sana@example.test')))).toBe('through');
    expect(await outcome(signIn(at('203.0.113.1', 'sana@example.test.org')))).toBe(59);
  });

  it('refuses password-reset requests and registrations past their limits until the window has passed', async () => {
    const reset = (ip: string, email: string) => outcome(sut.begin(LimitedAction.PasswordReset, { ip, path: '/password/forgot', email }));
    for (let i = 1; i <= 5; i++) expect(await reset(`203.0.113.${i}`, 'sana@example.test')).toBe('through');
    await expect(sut.begin(LimitedAction.PasswordReset, at('203.0.113.6', 'sana@example.test'))).rejects.toMatchObject({
      retryAfterSeconds: 900,
      message: 'Too many password reset requests. Please wait 15 minutes and try again.',
    });
    now += 15 * MINUTE;
    expect(await reset('203.0.113.6', 'sana@example.test')).toBe('through');

    const register = (ip: string, email: string) => sut.begin(LimitedAction.Register, { ip, path: '/register', email });
    for (let i = 1; i <= 3; i++) await register(`203.0.113.${i}`, 'wanted@example.test');
    await expect(register('203.0.113.4', 'wanted@example.test')).rejects.toMatchObject({ retryAfterSeconds: 3600 });
    for (let i = 1; i <= 10; i++) await register('198.51.100.9', `new${i}@example.test`);
    await expect(register('198.51.100.9', 'new11@example.test')).rejects.toMatchObject({ retryAfterSeconds: 3600 });
  });
});
