import { Inject, Injectable } from '@nestjs/common';
import { logSecurityEvent, type RequestOrigin } from '../common/security-log.js';
import { ATTEMPT_COUNTER, type AttemptCounter, type AttemptKey } from './attempt-counter.js';
import { TooManyAttemptsError } from './auth.errors.js';

export enum LimitedAction {
  /** A password or a two-factor code typed at sign-in. */
  SignIn = 'login',
  PasswordReset = 'password_reset',
  Register = 'register',
}

interface Limit {
  windowMs: number;
  /** Attempts one client address may make in the window; the next one is refused. */
  perAddress: number;
  /** Attempts on one account (email) in the window, from anywhere; absent when not counted per account. */
  perAccount?: number;
  message: string;
}

const MINUTE = 60_000;

/**
 * The shop's limits. argon2id costs about 70 ms of CPU per hash, so password checks and new accounts
 * are limited before any hashing is done, per account and per client address.
 */
export const LIMITS: Record<LimitedAction, Limit> = {
  [LimitedAction.SignIn]: {
    windowMs: 15 * MINUTE,
    perAddress: 5,
    perAccount: 5,
    message: 'Too many attempts. Please wait 15 minutes or reset your password.',
  },
  // Five links an account keep one inbox from being flooded. A request costs no hashing, and people
  // behind one office or mobile-network address share it, so an address may ask for more accounts.
  [LimitedAction.PasswordReset]: {
    windowMs: 15 * MINUTE,
    perAddress: 20,
    perAccount: 5,
    message: 'Too many password reset requests. Please wait 15 minutes and try again.',
  },
  [LimitedAction.Register]: {
    windowMs: 60 * MINUTE,
    perAddress: 10,
    message: 'Too many accounts were created from your network. Please try again in an hour.',
  },
};

/** Who is trying: the client address and path of the request, and the account's email when there is one. */
export interface Attempter extends RequestOrigin {
  email?: string;
}

/** An attempt already counted, to be settled once its outcome is known (or left counting, as a failure). */
export class AttemptTicket {
  constructor(readonly entries: readonly { key: AttemptKey; id: string }[]) {}
}

@Injectable()
export class AttemptLimiter {
  constructor(@Inject(ATTEMPT_COUNTER) private readonly counter: AttemptCounter) {}

  /**
   * Counts an attempt against the account and the client address before the work it limits is done.
   * Past the limit it refuses with TooManyAttemptsError, and the refused attempt itself does not count,
   * so someone who waits the window out is let in again. An attempt left unsettled counts as a failure.
   */
  async begin(action: LimitedAction, who: Attempter): Promise<AttemptTicket> {
    const limit = LIMITS[action];
    const subjects = [{ subject: `ip:${who.ip}`, max: limit.perAddress }];
    if (limit.perAccount && who.email) subjects.push({ subject: `email:${who.email.trim().toLowerCase().slice(0, 254)}`, max: limit.perAccount });
    const keys = subjects.map(({ subject }) => ({ action, subject, windowMs: limit.windowMs }));
    const counted = await Promise.all(keys.map((key) => this.counter.add(key)));
    const ticket = new AttemptTicket(keys.map((key, i) => ({ key, id: counted[i].id })));
    if (counted.every(({ count }, i) => count <= subjects[i].max)) return ticket;
    await Promise.all(ticket.entries.map(({ key, id }) => this.counter.withdraw(key, id)));
    logSecurityEvent('attempts_limited', who, { action, email: who.email });
    throw new TooManyAttemptsError(limit.message, limit.windowMs / 1000);
  }

  /**
   * The attempt was good (the right password, the right code): it stops counting. With
   * `forgiveAccount` the account's earlier failures are forgiven as well, never the address's: one
   * good sign-in must not reopen an address that is guessing at many accounts.
   */
  async succeeded(ticket: AttemptTicket, options: { forgiveAccount: boolean }): Promise<void> {
    await Promise.all(
      ticket.entries.map(({ key, id }) =>
        options.forgiveAccount && key.subject.startsWith('email:') ? this.counter.forgive(key) : this.counter.succeeded(key, id),
      ),
    );
  }
}
