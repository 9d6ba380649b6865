import { Inject, Injectable } from '@nestjs/common';
import { logSecurityEvent, type RequestOrigin } from '../common/security-log.js';
import { ATTEMPT_COUNTER, type AttemptCounter, type AttemptKey, type CountedAttempt } from './attempt-counter.js';
import { TooManyAttemptsError } from './auth.errors.js';
import { TrustedDevices } from './trusted-devices.js';

export enum LimitedAction {
  /** A password or a two-factor code typed at sign-in. */
  SignIn = 'login',
  PasswordReset = 'password_reset',
  Register = 'register',
  /** An order number with an email or phone typed on the guest tracking page. */
  OrderTracking = 'order_tracking',
}

/** What an attempt is counted under: the account and the client address together, either alone, or a trusted browser. */
type Subject = 'pair' | 'account' | 'address' | 'device';

interface Limit {
  by: Subject;
  /** Attempts that count within the window before the limit holds. */
  free: number;
  windowMs: number;
  /**
   * Past the free attempts, one is let through each interval: a slow-down, so that nobody can shut an
   * account or an address by failing on purpose. Without it, none until the window has passed.
   */
  intervalMs?: number;
}

interface ActionLimits {
  /** Every one is counted, and each must let the attempt through. */
  limits: Limit[];
  /** Counted instead of `limits` for a browser with a genuine device entry for the account (see TrustedDevices). */
  trustedBrowser?: Limit;
  message: (waitSeconds: number) => string;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/**
 * The shop's limits, all in one table. argon2id costs about 70 ms of CPU per hash, so password checks
 * and new accounts are counted before any hashing is done.
 *
 * Sign-in (passwords and two-factor codes alike) slows down rather than shuts: the owner of an account
 * must never be locked out by someone else's failures. A guesser at one address gets five tries at an
 * account and then one a minute; guessing from many addresses, ten and then one every 20 seconds; one
 * address guessing across accounts, twenty and then one every 10 seconds. A browser its owner signed in
 * on is counted on its own (five, then one a minute), so none of that slows it; past that, it is
 * counted like any other browser.
 */
export const LIMITS: Record<LimitedAction, ActionLimits> = {
  [LimitedAction.SignIn]: {
    limits: [
      { by: 'pair', free: 5, windowMs: 15 * MINUTE, intervalMs: MINUTE },
      { by: 'account', free: 10, windowMs: 15 * MINUTE, intervalMs: 20 * SECOND },
      { by: 'address', free: 20, windowMs: 15 * MINUTE, intervalMs: 10 * SECOND },
    ],
    trustedBrowser: { by: 'device', free: 5, windowMs: 15 * MINUTE, intervalMs: MINUTE },
    message: (wait) => `Too many attempts. Please wait ${wait} ${wait === 1 ? 'second' : 'seconds'} and try again, or reset your password.`,
  },
  // Every request sends an email: five an account keep one inbox from being flooded. A request costs
  // no hashing, and people behind one office or mobile-network address share it, so an address may ask for more.
  [LimitedAction.PasswordReset]: {
    limits: [
      { by: 'account', free: 5, windowMs: 15 * MINUTE },
      { by: 'address', free: 20, windowMs: 15 * MINUTE },
    ],
    message: () => 'Too many password reset requests. Please wait 15 minutes and try again.',
  },
  // Every registration sends an email too (a confirmation, or a notice to an address that has an account).
  [LimitedAction.Register]: {
    limits: [
      { by: 'account', free: 3, windowMs: 60 * MINUTE },
      { by: 'address', free: 10, windowMs: 60 * MINUTE },
    ],
    message: () => 'Too many sign-ups from your network or for this email address. Please try again in an hour.',
  },
  // Guessing which email or phone goes with an order number (the "account" here is the order number):
  // slowed like sign-in, per order and per address, so a customer who mistypes twice is never shut out.
  [LimitedAction.OrderTracking]: {
    limits: [
      { by: 'account', free: 5, windowMs: 15 * MINUTE, intervalMs: MINUTE },
      { by: 'address', free: 20, windowMs: 15 * MINUTE, intervalMs: 10 * SECOND },
    ],
    message: (wait) => `Too many attempts. Please wait ${wait} ${wait === 1 ? 'second' : 'seconds'} and try again.`,
  },
};

/** Who is trying: the client address and path of the request, the account's email when there is one, and the browser's device cookie. */
export interface Attempter extends RequestOrigin {
  email?: string;
  deviceCookie?: string;
}

interface Counted {
  key: AttemptKey;
  id: string;
}

/** An attempt already counted, to be settled once its outcome is known (or left counting, as a failure). */
export class AttemptTicket {
  constructor(
    readonly entries: readonly Counted[],
    /** The keys that are the account's (its own, its pair with this address, this browser's): what its proven owner is forgiven. */
    readonly accountKeys: readonly AttemptKey[],
  ) {}
}

interface KeyedLimit {
  limit: Limit;
  key: AttemptKey;
}

/** The email as the limiter counts it: as the account table stores it, and no longer than an address can be. */
const accountOf = (email: string) => email.trim().toLowerCase().slice(0, 254);
const pairPrefix = (account: string) => `pair:${account}|`;
/** auth_attempt.subject holds 300 characters. */
const SUBJECT_LENGTH = 300;

@Injectable()
export class AttemptLimiter {
  constructor(
    @Inject(ATTEMPT_COUNTER) private readonly counter: AttemptCounter,
    private readonly devices: TrustedDevices,
  ) {}

  /**
   * Counts an attempt before the work it limits is done. Past a limit it refuses with
   * TooManyAttemptsError (Retry-After: when the next attempt would be let through), and the refused
   * attempt itself does not count, so waiting is always enough. An attempt left unsettled counts as a failure.
   */
  async begin(action: LimitedAction, who: Attempter): Promise<AttemptTicket> {
    const { limits, trustedBrowser, message } = LIMITS[action];
    const subjects = this.subjectsOf(who);
    const keyed = (limit: Limit): KeyedLimit[] => {
      const subject = subjects[limit.by];
      return subject === undefined ? [] : [{ limit, key: { action, subject: subject.slice(0, SUBJECT_LENGTH), windowMs: limit.windowMs } }];
    };
    const untrusted = limits.flatMap(keyed);
    const trusted = trustedBrowser ? keyed(trustedBrowser) : [];
    const ticket = (entries: Counted[]) =>
      new AttemptTicket(
        entries,
        [...untrusted, ...trusted].filter(({ limit }) => limit.by !== 'address').map(({ key }) => key),
      );

    let waitMs = Infinity;
    if (trusted.length) {
      const counted = await this.count(trusted);
      if ('entries' in counted) return ticket(counted.entries);
      // Past its own limit the browser is trusted no more than any other: the limits below decide.
      waitMs = counted.waitMs;
    }
    const counted = await this.count(untrusted);
    if ('entries' in counted) return ticket(counted.entries);
    logSecurityEvent('attempts_limited', who, { action, email: subjects.account?.slice('email:'.length) });
    const waitSeconds = Math.max(1, Math.ceil(Math.min(waitMs, counted.waitMs) / SECOND));
    throw new TooManyAttemptsError(message(waitSeconds), waitSeconds);
  }

  /**
   * The attempt was good (the right password, the right code): it stops counting. With
   * `forgiveAccount` the account's earlier failures are forgiven as well (its own, this address's
   * with it, this browser's), never the address's: one good sign-in must not reopen an address that
   * is guessing at many accounts.
   */
  async succeeded(ticket: AttemptTicket, options: { forgiveAccount: boolean }): Promise<void> {
    const forgiven = options.forgiveAccount ? ticket.accountKeys : [];
    const stillCounted = ticket.entries.filter(({ key }) => !forgiven.some((account) => account.subject === key.subject));
    await Promise.all([...forgiven.map((key) => this.counter.forgive(key)), ...stillCounted.map(({ key, id }) => this.counter.succeeded(key, id))]);
  }

  /**
   * The account's owner proved they read its mail (a completed password reset): the sign-in failures
   * counted against the account, from every address, are forgotten, so "wait, or reset your password" holds.
   */
  async forgiveAccount(email: string): Promise<void> {
    const account = accountOf(email);
    await Promise.all([
      // Forgetting an attempt needs no window.
      this.counter.forgive({ action: LimitedAction.SignIn, subject: `email:${account}`, windowMs: 0 }),
      this.counter.forgiveStartingWith(LimitedAction.SignIn, pairPrefix(account)),
    ]);
  }

  /** Adds the attempt under every key at once; if any refuses, withdraws it from all and says how long until all would let it through. */
  private async count(keyed: KeyedLimit[]): Promise<{ entries: Counted[] } | { waitMs: number }> {
    const counted = await Promise.all(keyed.map(({ key }) => this.counter.add(key)));
    const entries = keyed.map(({ key }, i) => ({ key, id: counted[i].id }));
    const waitMs = Math.max(0, ...keyed.map(({ limit }, i) => waitBefore(limit, counted[i])));
    if (waitMs === 0) return { entries };
    await Promise.all(entries.map(({ key, id }) => this.counter.withdraw(key, id)));
    return { waitMs };
  }

  /** What each kind of limit counts this attempt under; a kind without a subject (no email, no genuine device entry) is not counted. */
  private subjectsOf(who: Attempter): Partial<Record<Subject, string>> {
    const address = who.ip.slice(0, 45);
    if (who.email === undefined) return { address: `ip:${address}` };
    const account = accountOf(who.email);
    const nonce = this.devices.nonceFor(who.deviceCookie, account);
    return { address: `ip:${address}`, account: `email:${account}`, pair: `${pairPrefix(account)}${address}`, device: nonce && `device:${nonce}` };
  }
}

/**
 * How long this attempt must wait under `limit`: nothing while the free attempts last or an interval has
 * passed since the one before it; otherwise the rest of the interval, or without one the whole window.
 */
function waitBefore(limit: Limit, attempt: CountedAttempt): number {
  if (attempt.count <= limit.free) return 0;
  if (limit.intervalMs === undefined) return limit.windowMs;
  if (attempt.previousAt === null) return 0;
  // A previous attempt stamped later than this one (another instance's clock) still counts as just now.
  return Math.max(0, Math.min(limit.intervalMs, attempt.previousAt + limit.intervalMs - attempt.at));
}
