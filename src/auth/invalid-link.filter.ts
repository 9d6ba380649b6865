import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { InvalidResetLinkError, InvalidVerificationLinkError } from './auth.errors.js';

/** A dead link from an email is a page that says what to do next, not a generic error. */
@Catch(InvalidResetLinkError, InvalidVerificationLinkError)
export class InvalidLinkFilter implements ExceptionFilter {
  catch(error: InvalidResetLinkError | InvalidVerificationLinkError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const reset = error instanceof InvalidResetLinkError;
    res.status(error.status).render('auth/link-invalid', {
      title: reset ? 'Reset link expired' : 'Confirmation link expired',
      message: error.message,
      next: reset ? { href: '/password/forgot', label: 'Ask for a new reset link' } : { href: '/', label: 'Continue shopping' },
    });
  }
}
