import { createHmac, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import type { Request, Response } from 'express';
import { cookieValue, ownCookie } from '../common/cookies.js';
import { signingKey } from '../common/signing-key.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { SESSION_SECRET } from '../sessions/session-secret.js';

/** The device cookie's name; behind TLS it is sent as `__Host-anarkali.device`, bound to the exact host. */
export const DEVICE_COOKIE = 'anarkali.device';

/** Accounts one browser is trusted for: a family computer, a shop's till. */
const ACCOUNTS_PER_BROWSER = 5;
const LIFETIME_MS = 365 * 24 * 60 * 60_000;
const NONCE_LENGTH = 22;
/** A 16-byte nonce and its 32-byte HMAC, base64url: 22 and 43 characters. Entries are joined by dots. */
const ENTRY = /^[\w-]{65}$/;

/**
 * Device cookies, after OWASP's "Slow Down Online Guessing Attacks with Device Cookies": a browser that
 * has signed in to an account carries proof of it, and its sign-ins to that account are counted on
 * their own, so nobody guessing at the account from elsewhere slows its owner down.
 *
 * The cookie holds up to five entries, newest first, one an account: a random nonce and an HMAC of
 * nonce and email under a key derived from the session secret. No account is named in it; only the
 * shop can tell whom an entry is for, by checking its HMAC against the email being signed in to.
 */
export class TrustedDevices {
  readonly cookieName: string;
  private readonly key: KeyObject;

  constructor(
    sessionSecret: string,
    private readonly secure: boolean,
  ) {
    this.key = signingKey(sessionSecret, 'anarkali device cookie v1');
    this.cookieName = ownCookie(DEVICE_COOKIE, secure).name;
  }

  /** The device cookie as the request sent it, for the limiter to check against the email tried. */
  cookieOf(req: Request): string | undefined {
    return cookieValue(req, this.cookieName);
  }

  /** The nonce of the entry in `cookie` that the shop made for `email`, or undefined when there is no genuine one. */
  nonceFor(cookie: string | undefined, email: string): string | undefined {
    for (const entry of entriesOf(cookie)) {
      const nonce = entry.slice(0, NONCE_LENGTH);
      if (timingSafeEqual(Buffer.from(entry.slice(NONCE_LENGTH)), Buffer.from(this.mac(nonce, email)))) return nonce;
    }
    return undefined;
  }

  /** `cookie` with a new entry for `email` in front, in place of its earlier one, keeping the newest five. */
  withEntryFor(cookie: string | undefined, email: string): string {
    const others = entriesOf(cookie).filter((entry) => this.nonceFor(entry, email) === undefined);
    const nonce = randomBytes(16).toString('base64url');
    return [nonce + this.mac(nonce, email), ...others].slice(0, ACCOUNTS_PER_BROWSER).join('.');
  }

  /**
   * This browser has proved it is the account owner's: a right password (and code, with two-factor
   * sign-in), or a completed password reset. Its new nonce starts with no failures counted against it.
   */
  trust(req: Request, res: Response, email: string): void {
    const { name, attributes } = ownCookie(DEVICE_COOKIE, this.secure);
    res.cookie(name, this.withEntryFor(this.cookieOf(req), email), { ...attributes, maxAge: LIFETIME_MS });
  }

  private mac(nonce: string, email: string): string {
    return createHmac('sha256', this.key).update(`${nonce}:${email.trim().toLowerCase()}`).digest('base64url');
  }
}

/** The entries of a cookie the shop could have made; anything else in it is ignored. */
function entriesOf(cookie: string | undefined): string[] {
  return (cookie ?? '').split('.').filter((entry) => ENTRY.test(entry));
}

/** TrustedDevices signed with the session secret (SESSION_SECRET, or the one the database keeps for every instance). */
export const trustedDevicesProvider: Provider = {
  provide: TrustedDevices,
  inject: [SESSION_SECRET, APP_CONFIG],
  useFactory: (secret: string, config: AppConfig) => new TrustedDevices(secret, config.trustProxy),
};
