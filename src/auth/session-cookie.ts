import type { AppConfig } from '../config/config.js';

const SESSION_COOKIE = 'anarkali.sid';

/** The session cookie's name: behind a TLS-terminating proxy `__Host-anarkali.sid`, bound to the exact host. */
export function sessionCookieName(config: Pick<AppConfig, 'trustProxy'>): string {
  return config.trustProxy ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/**
 * The attributes the session cookie is set with, and cleared with at sign-out: a browser ignores a
 * `__Host-` cookie, even one that clears it, unless it is Secure with Path=/.
 */
export function sessionCookieAttributes(config: Pick<AppConfig, 'trustProxy'>) {
  return { httpOnly: true, sameSite: 'lax', secure: config.trustProxy, path: '/' } as const;
}
