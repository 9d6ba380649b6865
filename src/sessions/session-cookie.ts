import { ownCookie } from '../common/cookies.js';
import type { AppConfig } from '../config/config.js';

const SESSION_COOKIE = 'anarkali.sid';

/** The session cookie's name: behind a TLS-terminating proxy `__Host-anarkali.sid`, bound to the exact host. */
export function sessionCookieName(config: Pick<AppConfig, 'trustProxy'>): string {
  return ownCookie(SESSION_COOKIE, config.trustProxy).name;
}

/** The attributes the session cookie is set with, and cleared with at sign-out. */
export function sessionCookieAttributes(config: Pick<AppConfig, 'trustProxy'>) {
  return ownCookie(SESSION_COOKIE, config.trustProxy).attributes;
}
