import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { showFormAgain } from '../common/forms.js';
import { localPath } from '../common/local-path.js';
import { TooManyAttemptsError } from './auth.errors.js';

/** The limited forms, by the path they are posted to. */
const FORMS: Record<string, { view: string; title: string }> = {
  '/login': { view: 'auth/login', title: 'Sign in' },
  '/login/two-factor': { view: 'auth/two-factor-code', title: 'Two-factor sign-in' },
  '/register': { view: 'auth/register', title: 'Create an account' },
  '/password/forgot': { view: 'auth/forgot-password', title: 'Forgot your password?' },
  '/orders/track': { view: 'orders/track', title: 'Track your order' },
};

/** A refused attempt shows the same form again, with status 429 and what to do: wait, or reset the password. */
@Catch(TooManyAttemptsError)
export class TooManyAttemptsFilter implements ExceptionFilter {
  catch(error: TooManyAttemptsError, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    res.setHeader('Retry-After', String(error.retryAfterSeconds));
    const form = FORMS[req.path];
    if (!form) return res.status(429).render('errors/4xx', { title: 'Too many requests', message: error.message, status: 429 });
    const body = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
    showFormAgain(res, form.view, { title: form.title, next: localPath(body.next, '') }, { values: body, errors: { form: error.message } }, 429);
  }
}
