import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';
import { signingKey } from './signing-key.js';

/**
 * Links that prove themselves without a sign-in (an order's confirmation, an unsubscribe): the subject
 * (an order number, an email) with an HMAC of it under a key of its own purpose, derived from the session
 * secret. Nobody without the secret can make one for another subject, and a signature made for one
 * purpose is worthless for another.
 */
export class SignedLinks {
  private readonly key: KeyObject;

  constructor(sessionSecret: string, purpose: string) {
    this.key = signingKey(sessionSecret, purpose);
  }

  signatureOf(subject: string): string {
    return createHmac('sha256', this.key).update(subject).digest('base64url');
  }

  /** Whether `signature` is this subject's, compared in constant time. */
  holds(subject: string, signature: unknown): boolean {
    if (typeof signature !== 'string') return false;
    const expected = Buffer.from(this.signatureOf(subject));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
