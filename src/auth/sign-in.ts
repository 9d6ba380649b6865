import type { Request } from 'express';
import type { SignInHooks } from '../sessions/sign-in-hooks.js';
import { endSecondFactor } from './second-factor.js';
import type { SessionUser } from './session-user.js';

/**
 * Signs the user in on a new session id (passport regenerates it, so a planted id is worthless). A
 * visitor keeps what their session held, and the sign-in hooks carry their things into the account
 * (the cart merges into the account's cart). Another account signed in on this browser is signed out
 * first: none of its session, nor its cart, passes to this one.
 */
export async function signIn(req: Request, user: SessionUser, hooks: SignInHooks): Promise<void> {
  await leaveOtherAccount(req, user.id);
  // A code awaited for an earlier password step (this account's or another's) is not needed any more.
  endSecondFactor(req);
  const additions = await hooks.run({ userId: user.id, previous: { ...req.session } });
  await new Promise<void>((resolve, reject) =>
    req.logIn(user, { session: true, keepSessionInfo: true }, (error: unknown) => (error ? reject(asError(error)) : resolve())),
  );
  Object.assign(req.session, additions);
}

/**
 * When someone other than `userId` is signed in on this browser, ends their session (on the server
 * too) and goes on with a fresh, empty one. Called before the password step hands over to the code
 * step as well, so a pending sign-in never rides on another person's session.
 */
export async function leaveOtherAccount(req: Request, userId: number): Promise<void> {
  const signedInAs = (req.session as { passport?: { user?: unknown } }).passport?.user ?? req.user?.id;
  if (signedInAs === undefined || signedInAs === userId) return;
  // passport's logOut empties the session and regenerates its id, destroying the old one in the store.
  await new Promise<void>((resolve, reject) => req.logOut((error: unknown) => (error ? reject(asError(error)) : resolve())));
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
export async function signInAgain(req: Request, user: SessionUser, hooks: SignInHooks): Promise<void> {
  const remembered = typeof req.session.cookie.originalMaxAge === 'number';
  await signIn(req, user, hooks);
  if (remembered) remember(req);
}

/** Ends the session on the server, not just in the browser. */
export async function signOut(req: Request): Promise<void> {
  await new Promise<void>((resolve, reject) => req.logOut((error: unknown) => (error ? reject(asError(error)) : resolve())));
  await new Promise<void>((resolve, reject) => req.session.destroy((error: unknown) => (error ? reject(asError(error)) : resolve())));
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
