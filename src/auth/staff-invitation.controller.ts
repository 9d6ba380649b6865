import { Body, Controller, Get, Header, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignInHooks } from '../sessions/sign-in-hooks.js';
import { flash } from '../common/flash.js';
import { type FailedForm, parseForm, showFormAgain } from '../common/forms.js';
import { originOf } from '../common/security-log.js';
import { StaffInvitationChangedError } from './auth.errors.js';
import { StaffAccountForm } from './dto/staff.forms.js';
import { InvalidLinkFilter } from './invalid-link.filter.js';
import { signIn, signInAgain } from './sign-in.js';
import type { SessionUser } from './session-user.js';
import { type InvitationView, StaffInvitationsService } from './staff-invitations.service.js';
import { TwoFactorService } from './two-factor.service.js';

/**
 * The link in a staff invitation email. Opening it (a GET, which mail scanners do too) only shows what
 * the invitee can do; the page's form (POST) creates the staff account or accepts with the signed-in one.
 */
@Controller('staff/invitations')
@UseFilters(InvalidLinkFilter)
export class StaffInvitationController {
  constructor(
    private readonly invitations: StaffInvitationsService,
    private readonly twoFactor: TwoFactorService,
    private readonly signInHooks: SignInHooks,
  ) {}

  // The token is in the URL: keep it out of caches and out of the Referer of everything this page loads.
  @Get(':token')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async page(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    render(res, 200, token, await this.invitations.open(token, req.user));
  }

  @Post(':token')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async join(@Param('token') token: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const viewer = req.user;
    const view = await this.invitations.open(token, viewer);
    try {
      if (view.step === 'create-account') {
        const form = await parseForm(StaffAccountForm, body);
        if (!form.ok) return render(res, 422, token, view, form);
        const user = await this.invitations.createAccount(token, form.value, originOf(req));
        await signIn(req, user, this.signInHooks);
        return await this.welcome(req, res, user);
      }
      if (view.step === 'accept' && viewer) {
        const user = await this.invitations.accept(token, viewer, originOf(req));
        await signInAgain(req, user, this.signInHooks);
        return await this.welcome(req, res, user);
      }
    } catch (error) {
      if (!(error instanceof StaffInvitationChangedError)) throw error;
      flash(req, 'error', error.message);
    }
    // Anything else (signed in as someone else, signed out meanwhile): the page says what to do now.
    res.redirect(303, `/staff/invitations/${token}`);
  }

  private async welcome(req: Request, res: Response, user: SessionUser): Promise<void> {
    flash(req, 'success', 'You are now staff at Anarkali. Welcome!');
    // The owner may require two-factor sign-in of staff: then setting it up comes before the panel.
    res.redirect(303, (await this.twoFactor.mustSetUp(user)) ? '/account/two-factor' : '/admin');
  }
}

function render(res: Response, status: number, token: string, view: InvitationView, failed: FailedForm = { errors: {} }): void {
  const path = `/staff/invitations/${token}`;
  showFormAgain(
    res,
    'auth/staff-invitation',
    { title: 'Join the staff of Anarkali', ...view, path, signInPath: `/login?next=${encodeURIComponent(path)}` },
    failed,
    status,
  );
}
