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

/** Ends the session on the server, not just in the browser. */
export async function signOut(req: Request): Promise<void> {
  await new Promise<void>((resolve, reject) => req.logOut((error: unknown) => (error ? reject(asError(error)) : resolve())));
  await new Promise<void>((resolve, reject) => req.session.destroy((error: unknown) => (error ? reject(asError(error)) : resolve())));
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
