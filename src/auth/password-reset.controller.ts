import { Body, Controller, Get, Header, Param, Post, Render, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { flash } from '../common/flash.js';
import { parseForm, showFormAgain } from '../common/forms.js';
import { logSecurityEvent, originOf } from '../common/security-log.js';
import { AccountTokensService } from './account-tokens.service.js';
import { ForgotPasswordForm, ResetPasswordForm } from './dto/password-reset.forms.js';
import { PasswordResetLimitGuard } from './guards/password-reset-limit.guard.js';
import { InvalidLinkFilter } from './invalid-link.filter.js';
import { TooManyAttemptsFilter } from './too-many-attempts.filter.js';
import { TrustedDevices } from './trusted-devices.js';

const FORGOT = { title: 'Forgot your password?' };
const RESET = { title: 'Choose a new password' };

@Controller('password')
@UseFilters(InvalidLinkFilter)
export class PasswordResetController {
  constructor(
    private readonly accountTokens: AccountTokensService,
    private readonly devices: TrustedDevices,
  ) {}

  @Get('forgot')
  @Render('auth/forgot-password')
  forgotPage() {
    return FORGOT;
  }

  /** Answers the same way whether or not the address has an account, so the form cannot be used to find out. */
  @Post('forgot')
  @UseGuards(PasswordResetLimitGuard)
  @UseFilters(TooManyAttemptsFilter)
  async requestReset(@Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = await parseForm(ForgotPasswordForm, body);
    if (!form.ok) return showFormAgain(res, 'auth/forgot-password', FORGOT, form);
    await this.accountTokens.requestPasswordReset(form.value.email);
    res.redirect(303, '/password/forgot/sent');
  }

  @Get('forgot/sent')
  @Render('auth/reset-link-sent')
  sentPage() {
    return { title: 'Check your email' };
  }

  // The token is in the URL: keep it out of caches and out of the Referer of everything this page loads.
  @Get('reset/:token')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @Render('auth/reset-password')
  async resetPage(@Param('token') token: string) {
    await this.accountTokens.checkResetLink(token);
    return { ...RESET, token };
  }

  @Post('reset/:token')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async reset(@Param('token') token: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(ResetPasswordForm, body);
    if (!form.ok) return showFormAgain(res, 'auth/reset-password', { ...RESET, token }, { errors: form.errors });
    const account = await this.accountTokens.resetPassword(token, form.value.password);
    logSecurityEvent('password_reset_completed', originOf(req));
    await startSignedOut(req);
    // This browser proved it reads the account's mail: its sign-ins are not slowed by anyone's guessing.
    this.devices.trust(req, res, account.email);
    flash(req, 'success', 'Your password has been changed and every session of your account was signed out. Sign in with your new password.');
    res.redirect(303, '/login');
  }
}

/** The reset ended every session of the account in the store; this browser gets a new, signed-out one to carry the message. */
function startSignedOut(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((error: unknown) => (error ? reject(error instanceof Error ? error : new Error('Could not start a new session')) : resolve())),
  );
}
