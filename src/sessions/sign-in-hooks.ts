import { Injectable } from '@nestjs/common';
import type { SessionData } from 'express-session';

/** What a module is told when someone signs in: who, and the visitor's session they are signing in from. */
export interface SignIn {
  userId: number;
  /**
   * The session as it was before the sign-in: a visitor's (their cart, say), or the same account's.
   * Empty when it belonged to another account: nothing of that person's may pass to this one.
   */
  previous: Partial<SessionData>;
}

/** Returns what the signed-in session should hold for the module (a cart id, say). */
export type SignInHook = (signIn: SignIn) => Promise<Partial<SessionData>>;

/**
 * Lets modules take part in a sign-in without auth knowing them: the cart registers the merge of a
 * visitor's cart into the account's, and auth runs every hook before the session is given its new id.
 */
@Injectable()
export class SignInHooks {
  private readonly hooks: SignInHook[] = [];

  register(hook: SignInHook): void {
    this.hooks.push(hook);
  }

  /** Runs the hooks one after the other (each in its own transactions) and gathers what they hand back. */
  async run(signIn: SignIn): Promise<Partial<SessionData>> {
    const additions: Partial<SessionData> = {};
    for (const hook of this.hooks) Object.assign(additions, await hook(signIn));
    return additions;
  }
}
