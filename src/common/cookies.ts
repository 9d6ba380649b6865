import type { Request } from 'express';

/** The value of the request's cookie `name` as sent (the first one, should there be two), or undefined. */
export function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const prefix = `${name}=`;
  for (const part of header.split(';')) {
    const pair = part.trim();
    if (pair.startsWith(prefix)) return pair.slice(prefix.length);
  }
  return undefined;
}

/**
 * One of the shop's own cookies: HttpOnly, SameSite=Lax, Path=/; behind TLS also Secure and named
 * `__Host-<name>`, bound to the exact host. (A browser ignores a `__Host-` cookie, even one that clears
 * it, unless it is Secure with Path=/: so clear it with these same attributes.)
 */
export function ownCookie(name: string, secure: boolean) {
  return { name: secure ? `__Host-${name}` : name, attributes: { httpOnly: true, sameSite: 'lax', secure, path: '/' } as const };
}
