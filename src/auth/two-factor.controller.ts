import { Body, Controller, Get, Header, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignInHooks } from '../sessions/sign-in-hooks.js';
import { flash } from '../common/flash.js';
import { showFormAgain } from '../common/forms.js';
import { originOf } from '../common/security-log.js';
import { Role } from './entities/user.entity.js';
import { Roles, RolesGuard } from './guards/roles.js';
import { endSecondFactor, endSetup, pendingSecondFactor, setupSecret } from './second-factor.js';
import { CurrentUser, type SessionUser } from './session-user.js';
import { remember, signIn } from './sign-in.js';
import { TooManyAttemptsFilter } from './too-many-attempts.filter.js';
import { TrustedDevices } from './trusted-devices.js';
import { TwoFactorService } from './two-factor.service.js';

const CODE_PAGE = { title: 'Two-factor sign-in' };
const SETUP_PAGE = { title: 'Two-factor sign-in' };
const WRONG_CODE = 'That code is not right. Enter the 6-digit code your authenticator app shows now.';

/** The second step of signing in, and the page where owner and staff turn two-factor sign-in on. */
@Controller()
export class TwoFactorController {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly signInHooks: SignInHooks,
    private readonly devices: TrustedDevices,
  ) {}

  @Get('login/two-factor')
  codePage(@Req() req: Request, @Res() res: Response): void {
    if (!pendingSecondFactor(req)) return res.redirect(303, '/login');
    res.render('auth/two-factor-code', CODE_PAGE);
  }

  @Post('login/two-factor')
  @UseFilters(TooManyAttemptsFilter)
  async verifyCode(@Body('code') code: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const pending = pendingSecondFactor(req);
    if (!pending) {
      flash(req, 'info', 'Please sign in again: the code must follow the password within five minutes.');
      return res.redirect(303, '/login');
    }
    const who = { ...originOf(req), deviceCookie: this.devices.cookieOf(req) };
    const user = await this.twoFactor.verifySignInCode(pending.userId, typeof code === 'string' ? code : '', who);
    if (!user) return showFormAgain(res, 'auth/two-factor-code', CODE_PAGE, { errors: { code: WRONG_CODE } });
    // Only now is anyone signed in, on a new session id, and only now is this browser trusted.
    endSecondFactor(req);
    await signIn(req, user, this.signInHooks);
    this.devices.trust(req, res, user.email);
    if (pending.remember) remember(req);
    res.redirect(303, pending.next);
  }

  @Get('account/two-factor')
  @UseGuards(RolesGuard)
  @Roles(Role.Owner, Role.Staff)
  async setupPage(@CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.render('auth/two-factor-setup', { ...SETUP_PAGE, ...(await this.twoFactor.setup(user, setupSecret(req))) });
  }

  /** The set-up secret as a QR code for phones; an image of our own, so no other site ever sees the secret. */
  @Get('account/two-factor/qr.svg')
  @UseGuards(RolesGuard)
  @Roles(Role.Owner, Role.Staff)
  @Header('Content-Type', 'image/svg+xml')
  @Header('Cache-Control', 'no-store')
  qrCode(@CurrentUser() user: SessionUser, @Req() req: Request): string {
    return this.twoFactor.qrCode(user, setupSecret(req));
  }

  @Post('account/two-factor')
  @UseGuards(RolesGuard)
  @Roles(Role.Owner, Role.Staff)
  async enable(@Body('code') code: unknown, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    const secret = setupSecret(req);
    if (!(await this.twoFactor.enable(user, secret, typeof code === 'string' ? code : '', originOf(req)))) {
      const setup = await this.twoFactor.setup(user, secret);
      return showFormAgain(res, 'auth/two-factor-setup', { ...SETUP_PAGE, ...setup }, { errors: { code: WRONG_CODE } });
    }
    endSetup(req);
    flash(req, 'success', 'Two-factor sign-in is on. From now on you will be asked for a code from your app after your password.');
    res.redirect(303, '/account/two-factor');
  }
}
