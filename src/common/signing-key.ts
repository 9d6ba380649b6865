import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/**
 * A key of its own for one use of the session secret (CSRF tokens, device cookies), so a value signed
 * for one use is never a valid signature for another, nor of a session id signed with the secret itself.
 * A KeyObject made once: an HMAC given raw key bytes makes one per call, several times the cost of the HMAC.
 */
export function signingKey(sessionSecret: string, purpose: string): KeyObject {
  return createSecretKey(createHmac('sha256', sessionSecret).update(purpose).digest());
}
