import { Logger } from '@nestjs/common';
import type { Request } from 'express';

/** Everything the shop reports about who got in, who was kept out and who changed whose access. */
export type SecurityEvent =
  | 'sign_in_succeeded'
  | 'sign_in_failed'
  | 'sign_in_second_factor_required'
  | 'sign_in_second_factor_failed'
  | 'attempts_limited'
  | 'access_denied'
  | 'sign_in_required'
  | 'password_reset_requested'
  | 'password_reset_completed'
  | 'staff_invited'
  | 'staff_invitation_withdrawn'
  | 'staff_added'
  | 'staff_removed'
  | 'two_factor_enabled'
  | 'two_factor_requirement_changed';

/** Where a request came from: the client address (from X-Forwarded-For only through a proxy TRUST_PROXY names) and the path. */
export interface RequestOrigin {
  ip: string;
  path: string;
}

/**
 * The only facts an event may carry. A closed list, so a password, token, code or session id cannot
 * end up in the log by passing the wrong object.
 */
export interface SecurityFacts {
  userId?: number;
  email?: string;
  role?: string;
  /** What was limited: "login", "register", "password_reset". */
  action?: string;
  /** Who did it, when it is someone other than the account concerned (the owner inviting or removing staff). */
  byUserId?: number;
  required?: boolean;
}

const logger = new Logger('Security');

export function originOf(req: Request): RequestOrigin {
  const ip = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
  // The route's pattern where there is one (/password/reset/:token), so a token in a URL never reaches the log.
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return {
    // An IPv4 client on a dual-stack socket arrives as ::ffff:1.2.3.4; count it under its IPv4 address.
    ip: ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, ''),
    path: typeof route === 'string' ? `${req.baseUrl ?? ''}${route}` : req.path,
  };
}

/** One structured line per event: {event, userId?, email?, …, ip, path}. */
export function logSecurityEvent(event: SecurityEvent, origin: RequestOrigin, facts: SecurityFacts = {}): void {
  const { userId, email, role, action, byUserId, required } = facts;
  const entry = { event, userId, email: email?.slice(0, 254), role, action, byUserId, required, ip: origin.ip, path: origin.path };
  logger.log(Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)));
}
