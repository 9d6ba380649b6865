import type { Request } from 'express';
import type { CartService } from '../cart/cart.service.js';
import type { SessionUser } from './session-user.js';

/**
 * Signs the user in on a new session id (passport regenerates it, so a planted id is worthless),
 * keeping what the visitor had in the session and merging their cart into the account's cart.
 */
export async function signIn(req: Request, user: SessionUser, carts: CartService): Promise<void> {
  const cartId = await carts.cartForSignIn(user.id, req.session.cartId);
  await new Promise<void>((resolve, reject) => req.logIn(user, { session: true, keepSessionInfo: true }, (error: unknown) => (error ? reject(asError(error)) : resolve())));
  req.session.cartId = cartId;
}

/** How long a "Remember me" sign-in lasts; without it the cookie ends with the browser and the session after 30 idle minutes. */
export const REMEMBER_ME_MS = 30 * 24 * 60 * 60_000;

/** "Remember me": the cookie (and the stored session) outlive a browser restart, for 30 days. */
export function remember(req: Request): void {
  req.session.cookie.maxAge = REMEMBER_ME_MS;
}

/**
 * Signs the same user in again on a fresh session id, after every session of the account was ended
 * (a password change): this browser stays signed in, with the remember-me choice it had.
 */
export async function signInAgain(req: Request, user: SessionUser, carts: CartService): Promise<void> {
  const remembered = typeof req.session.cookie.originalMaxAge === 'number';
  await signIn(req, user, carts);
  if (remembered) remember(req);
}

/** Ends the session on the server, not just in the browser. */
export async function signOut(req: Request): Promise<void> {
  await new Promise<void>((resolve, reject) => req.logOut((error: unknown) => (error ? reject(asError(error)) : resolve())));
  await new Promise<void>((resolve, reject) => req.session.destroy((error: unknown) => (error ? reject(asError(error)) : resolve())));
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
