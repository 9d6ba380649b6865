import { Body, Controller, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignInHooks } from '../sessions/sign-in-hooks.js';
import { flash } from '../common/flash.js';
import { type FieldErrors, parseForm } from '../common/forms.js';
import { AccountService } from './account.service.js';
import { EmailInUseError, WrongCurrentPasswordError } from './auth.errors.js';
import { ChangeEmailForm, ChangeNameForm, ChangePasswordForm } from './dto/account.forms.js';
import { SignedInGuard } from './guards/roles.js';
import { CurrentUser, type SessionUser } from './session-user.js';
import { signInAgain } from './sign-in.js';

/** One of the account page's three forms, when it comes back with something to fix. */
interface FailedForm {
  values?: Record<string, unknown>;
  errors: FieldErrors;
}

type AccountForms = Partial<Record<'name' | 'email' | 'password', FailedForm>>;

/** The signed-in customer's own account: profile, and the forms to change name, email and password. */
@Controller('account')
@UseGuards(SignedInGuard)
export class AccountController {
  constructor(
    private readonly account: AccountService,
    private readonly signInHooks: SignInHooks,
  ) {}

  @Get()
  async page(@CurrentUser() user: SessionUser, @Res() res: Response): Promise<void> {
    await this.show(res, user, 200, {});
  }

  @Post('name')
  async rename(@Body() body: unknown, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(ChangeNameForm, body);
    if (!form.ok) return this.show(res, user, 422, { name: form });
    await this.account.rename(user.id, form.value.name);
    flash(req, 'success', 'Your name has been saved.');
    res.redirect(303, '/account');
  }

  @Post('email')
  async changeEmail(@Body() body: unknown, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(ChangeEmailForm, body);
    if (!form.ok) return this.show(res, user, 422, { email: form });
    try {
      await this.account.changeEmail(user.id, form.value);
    } catch (error) {
      const field = error instanceof WrongCurrentPasswordError ? 'currentPassword' : error instanceof EmailInUseError ? 'email' : null;
      if (!field || !(error instanceof Error)) throw error;
      return this.show(res, user, 422, { email: { values: { email: form.value.email }, errors: { [field]: error.message } } });
    }
    flash(req, 'success', 'Your email address has been changed. We sent a link to the new address: please open it to confirm.');
    res.redirect(303, '/account');
  }

  @Post('password')
  async changePassword(@Body() body: unknown, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(ChangePasswordForm, body);
    if (!form.ok) return this.show(res, user, 422, { password: { errors: form.errors } });
    try {
      await this.account.changePassword(user.id, form.value);
    } catch (error) {
      if (!(error instanceof WrongCurrentPasswordError)) throw error;
      return this.show(res, user, 422, { password: { errors: { currentPassword: error.message } } });
    }
    await signInAgain(req, user, this.signInHooks);
    flash(req, 'success', 'Your password has been changed, and every other browser signed in to your account has been signed out.');
    res.redirect(303, '/account');
  }

  private async show(res: Response, user: SessionUser, status: number, failed: AccountForms): Promise<void> {
    const profile = await this.account.profile(user.id);
    res.status(status).render('auth/account', {
      title: 'My account',
      profile,
      name: failed.name ?? { values: { name: profile.name }, errors: {} },
      email: failed.email ?? { values: { email: profile.email }, errors: {} },
      password: failed.password ?? { errors: {} },
    });
  }
}
