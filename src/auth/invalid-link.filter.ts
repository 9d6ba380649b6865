import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { InvalidResetLinkError, InvalidStaffInvitationError, InvalidVerificationLinkError } from './auth.errors.js';

type InvalidLinkError = InvalidResetLinkError | InvalidVerificationLinkError | InvalidStaffInvitationError;

/** A dead link from an email is a page that says what to do next, not a generic error. */
@Catch(InvalidResetLinkError, InvalidVerificationLinkError, InvalidStaffInvitationError)
export class InvalidLinkFilter implements ExceptionFilter {
  catch(error: InvalidLinkError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    res.status(error.status).render('auth/link-invalid', { message: error.message, ...pageFor(error) });
  }
}

function pageFor(error: InvalidLinkError) {
  if (error instanceof InvalidResetLinkError) return { title: 'Reset link expired', next: { href: '/password/forgot', label: 'Ask for a new reset link' } };
  if (error instanceof InvalidStaffInvitationError) return { title: 'Invitation no longer valid', next: { href: '/', label: 'Continue to the shop' } };
  return { title: 'Confirmation link expired', next: { href: '/', label: 'Continue shopping' } };
}
