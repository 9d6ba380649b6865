import { createHmac, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { csrfSync } from 'csrf-sync';
import { holdsVisitorData } from './session-keys.js';
import type { Request, Response } from 'express';
import { cookieValue, ownCookie } from './cookies.js';
import { signingKey } from './signing-key.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The double-submit cookie's name; behind TLS it is sent as `__Host-anarkali.csrf`, bound to the exact host. */
export const CSRF_COOKIE = 'anarkali.csrf';

/** 32 random bytes, base64url: what the shop puts in the cookie, and so all it accepts back from it. */
const COOKIE_VALUE = /^[\w-]{43}$/;

const tokenFromRequest = (req: Request): string | undefined => {
  const field = (req.body as Record<string, unknown> | undefined)?._csrf;
  return typeof field === 'string' ? field : req.get('x-csrf-token');
};

/** Synchronizer tokens kept in the session; forms send them as the hidden field _csrf, scripts as X-CSRF-Token. */
const synchronizer = csrfSync({ getTokenFromRequest: tokenFromRequest });

/**
 * The shop's CSRF tokens, in one of two forms. A visitor with a session gets the session's synchronizer
 * token. A visitor without one (someone browsing the catalog) gets a signed double-submit token instead,
 * so that rendering a form (the product page's Add to cart) needs no session, and so no database write
 * and no session row per anonymous visitor: a random value in an HttpOnly, SameSite=Lax cookie, and in
 * the form an HMAC of that value under a key derived from the session secret. Another site can neither
 * read the cookie nor compute the HMAC, so it cannot forge the pair. The double-submit token is accepted
 * only while the session holds no synchronizer token; once it does, that token alone is.
 */
export class CsrfTokens {
  readonly cookieName: string;
  private readonly key: KeyObject;
  /** The token of each request, so every form of a page gets one cookie and one token. */
  private readonly issued = new WeakMap<Request, string>();

  constructor(
    sessionSecret: string,
    private readonly secure: boolean,
  ) {
    this.key = signingKey(sessionSecret, 'anarkali csrf double-submit v1');
    this.cookieName = ownCookie(CSRF_COOKIE, secure).name;
  }

  /** The token for the forms of this response; made only when a page renders a form. */
  tokenFor(req: Request, res: Response): string {
    if (holdsSession(req)) return synchronizer.generateToken(req);
    const issued = this.issued.get(req);
    if (issued) return issued;
    let value = this.cookieOf(req);
    if (!value) {
      value = randomToken();
      res.cookie(this.cookieName, value, ownCookie(CSRF_COOKIE, this.secure).attributes);
    }
    const token = this.sign(value);
    this.issued.set(req, token);
    return token;
  }

  /** Whether a state-changing request carries the token its sender was given. */
  isRequestValid(req: Request): boolean {
    if (req.session?.csrfToken) return synchronizer.isRequestValid(req);
    const value = this.cookieOf(req);
    const token = tokenFromRequest(req);
    if (!value || typeof token !== 'string') return false;
    const expected = Buffer.from(this.sign(value));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('base64url');
  }

  /** The double-submit cookie's value, when the request carries one the shop could have made. */
  private cookieOf(req: Request): string | undefined {
    const value = cookieValue(req, this.cookieName);
    return value !== undefined && COOKIE_VALUE.test(value) ? value : undefined;
  }
}

/**
 * 32 random bytes, base64url, drawn from a pool filled 4 KiB at a time (as randomUUID does): every
 * first visit to a page with a form needs one, and a call to the generator each cost more than the page.
 */
let pool = Buffer.alloc(0);
let poolOffset = 0;
function randomToken(): string {
  if (poolOffset + 32 > pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  poolOffset += 32;
  return pool.toString('base64url', poolOffset - 32, poolOffset);
}

/**
 * Whether the visitor has a session worth its token: one loaded from the store holds data (a cart, a
 * sign-in, a token), while the empty one express-session hands every cookieless request holds only
 * its cookie settings, and is never saved unless something is put in it.
 */
function holdsSession(req: Request): boolean {
  return holdsVisitorData(req.session);
}

/** The metadata of a route whose form is multipart: its token is checked once the body is read (see multipart-form.ts). */
export const CSRF_CHECKED_AFTER_UPLOAD = 'anarkali:csrf-checked-after-upload';

/** The metadata of a route another site is meant to call (a payment provider's webhook), which proves itself by a signature instead. */
export const CSRF_EXEMPT_SIGNED = 'anarkali:csrf-exempt-signed';

/**
 * A route called by another service rather than a browser form: no CSRF token, because none could be
 * sent; the handler must refuse any request whose signature does not hold.
 */
export const SignedBySender = () => SetMetadata(CSRF_EXEMPT_SIGNED, true);

/**
 * Every request that could change state must carry its sender's token, or it gets 403. A multipart
 * form's token is in a body that is only read after the guards (by the route's upload interceptor):
 * on a route marked by MultipartForm it is checked there instead, before the handler runs.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly tokens: CsrfTokens,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(req.method)) return true;
    if (this.reflector.get<boolean>(CSRF_EXEMPT_SIGNED, context.getHandler())) return true;
    // Only a multipart body waits: any other one is read already, and is checked here like every form.
    if (req.is('multipart/form-data') && this.reflector.get<boolean>(CSRF_CHECKED_AFTER_UPLOAD, context.getHandler())) return true;
    requireValidToken(this.tokens, req);
    return true;
  }
}

/** Refuses (403) a request that does not carry the token its sender was given. */
export function requireValidToken(tokens: CsrfTokens, req: Request): void {
  if (!tokens.isRequestValid(req))
    throw new ForbiddenException('This form has expired or did not come from our site. Please go back, reload the page and try again.');
}
