import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { logSecurityEvent, originOf } from '../../common/security-log.js';
import { AttemptLimiter, LimitedAction } from '../attempt-limiter.js';

/**
 * Every reset request sends an email: five an account and twenty an address in 15 minutes, counted
 * before the form is even read (TooManyAttemptsError past that), and each one logged.
 */
@Injectable()
export class PasswordResetLimitGuard implements CanActivate {
  constructor(private readonly limiter: AttemptLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const field = (req.body as Record<string, unknown> | undefined)?.email;
    const email = typeof field === 'string' && field.length <= 254 ? field.trim().toLowerCase() : undefined;
    await this.limiter.begin(LimitedAction.PasswordReset, { ...originOf(req), email });
    logSecurityEvent('password_reset_requested', originOf(req), { email });
    return true;
  }
}
