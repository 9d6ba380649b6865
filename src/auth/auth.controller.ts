import { Body, Controller, Get, HttpCode, Inject, Post, Query, Render, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignInHooks } from '../sessions/sign-in-hooks.js';
import { flash } from '../common/flash.js';
import { parseForm, showFormAgain } from '../common/forms.js';
import { localPath } from '../common/local-path.js';
import { originOf } from '../common/security-log.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuthService } from './auth.service.js';
import { RegisterForm, SignInForm } from './dto/auth.forms.js';
import { LocalAuthGuard } from './guards/local-auth.guard.js';
import { awaitSecondFactor } from './second-factor.js';
import { sessionCookieAttributes, sessionCookieName } from '../sessions/session-cookie.js';
import { leaveOtherAccount, remember, signIn, signOut } from './sign-in.js';
import { TooManyAttemptsFilter } from './too-many-attempts.filter.js';
import { TrustedDevices } from './trusted-devices.js';
import { TwoFactorService } from './two-factor.service.js';

@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly signInHooks: SignInHooks,
    private readonly twoFactor: TwoFactorService,
    private readonly devices: TrustedDevices,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('register')
  @Render('auth/register')
  registerPage(@Query('next') next: unknown) {
    return { title: 'Create an account', next: localPath(next, '') };
  }

  /**
   * Answered the same way whether or not the email has an account, so the form cannot be used to find
   * out: the mailbox gets a confirmation link, or a notice that it has an account. Nobody is signed in.
   */
  @Post('register')
  @UseFilters(TooManyAttemptsFilter)
  async register(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const next = localPath(body.next, '');
    const form = await parseForm(RegisterForm, body);
    if (!form.ok) return showFormAgain(res, 'auth/register', { title: 'Create an account', next }, form);
    await this.auth.requestCustomerAccount(form.value, originOf(req));
    flash(req, 'info', `We sent a message to ${form.value.email}.`);
    res.redirect(303, next ? `/register/check-email?next=${encodeURIComponent(next)}` : '/register/check-email');
  }

  @Get('register/check-email')
  @Render('auth/check-email')
  checkEmailPage(@Query('next') next: unknown) {
    return { title: 'Check your email', next: localPath(next, '') };
  }

  @Get('login')
  @Render('auth/login')
  loginPage(@Query('next') next: unknown) {
    return { title: 'Sign in', next: localPath(next, '') };
  }

  @Post('login')
  @UseGuards(LocalAuthGuard)
  @UseFilters(TooManyAttemptsFilter)
  async login(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const next = localPath(body.next, '/');
    const user = req.user;
    if (!user) {
      const form = await parseForm(SignInForm, body);
      const errors = form.ok ? { form: 'That email and password do not match an account.' } : form.errors;
      return showFormAgain(res, 'auth/login', { title: 'Sign in', next }, { values: { email: body.email, rememberMe: body.rememberMe }, errors });
    }
    const step = await this.twoFactor.stepAfterPassword(user);
    if (step === 'code') {
      // Not signed in yet: the session only remembers whose code to ask for (never in another account's session).
      await leaveOtherAccount(req, user.id);
      awaitSecondFactor(req, user.id, { next, remember: body.rememberMe === '1' });
      return res.redirect(303, '/login/two-factor');
    }
    await signIn(req, user, this.signInHooks);
    this.devices.trust(req, res, user.email);
    if (body.rememberMe === '1') remember(req);
    res.redirect(303, step === 'setup' ? '/account/two-factor' : next);
  }

  @Post('logout')
  @HttpCode(303)
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    await signOut(req);
    res.clearCookie(sessionCookieName(this.config), sessionCookieAttributes(this.config));
    res.redirect(303, '/');
  }
}
