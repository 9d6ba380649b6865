import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { csrfSync } from 'csrf-sync';
import type { Request } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Synchronizer tokens kept in the session; forms send them as the hidden field _csrf, scripts as X-CSRF-Token. */
const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const field = (req.body as Record<string, unknown> | undefined)?._csrf;
    return typeof field === 'string' ? field : req.get('x-csrf-token');
  },
});

/** The token for this visitor's forms; made (and the session started) only when a page with a form asks for it. */
export function csrfTokenFor(req: Request): string {
  return csrf.generateToken(req);
}

/** Every request that could change state must carry the session's token, or it gets 403. */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(req.method) || (req.session && csrf.isRequestValid(req))) return true;
    throw new ForbiddenException('This form has expired or did not come from our site. Please go back, reload the page and try again.');
  }
}
