import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes in base64url: the only shape a link token can have, so anything else is refused without a query. */
const LINK_TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The secret part of a single-use link the shop emails (confirm an address, reset a password, join the
 * staff). Only its hash is stored: the raw token exists in the email alone, so a leaked table opens nothing.
 */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isLinkToken(token: string): boolean {
  return LINK_TOKEN_SHAPE.test(token);
}

/** What the database keeps of a link token: its SHA-256, in hex. */
export function linkTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
