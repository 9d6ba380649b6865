import type { Request } from 'express';
import { originOf, type RequestOrigin } from '../common/security-log.js';

/** Who made a change, as the audit log records them: the signed-in account and the address it came from. */
export interface Actor {
  userId: number;
  email: string;
  ip: string;
}

/**
 * A change the shop made on its own, on someone else's word: a payment provider's signed webhook, a
 * scheduled job. No account made it, so there is no user id; `email` names who it was ("Stripe webhook").
 */
export interface SystemActor {
  userId: null;
  email: string;
  ip: string;
}

/** Whoever a change is recorded against: a person in the panel, or the shop itself. */
export type Changer = Actor | SystemActor;

/** The shop acting on its own: `systemActor('Payment release job')`. */
export function systemActor(name: string, ip = '-'): SystemActor {
  return { userId: null, email: name, ip };
}

/** The actor of a request behind a role guard (so someone is signed in). */
export function actorOf(req: Request): Actor {
  const user = req.user;
  if (!user) throw new Error('actorOf needs a signed-in user: use it behind a role guard');
  return actorFrom(user, originOf(req));
}

/** The actor from who it is and where the request came from (a service that also logs security events has both). */
export function actorFrom(user: { id: number; email: string }, origin: RequestOrigin): Actor {
  return { userId: user.id, email: user.email, ip: origin.ip };
}
