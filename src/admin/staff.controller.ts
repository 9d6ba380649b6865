import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { StaffFormError } from '../auth/auth.errors.js';
import { InviteStaffForm } from '../auth/dto/staff.forms.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { CurrentUser, type SessionUser } from '../auth/session-user.js';
import { StaffInvitationsService } from '../auth/staff-invitations.service.js';
import { StaffService } from '../auth/staff.service.js';
import { NotFoundError, ShopError } from '../common/errors.js';
import { flash } from '../common/flash.js';
import { parseForm, showFormAgain } from '../common/forms.js';
import { originOf } from '../common/security-log.js';

/** The owner decides who works in the panel; staff themselves get 403 here. */
@Controller('admin/staff')
@AdminAccess(Role.Owner)
export class StaffController {
  constructor(
    private readonly staff: StaffService,
    private readonly invitations: StaffInvitationsService,
  ) {}

  @Get()
  @Render('admin/staff')
  async list() {
    return this.page();
  }

  /** "Invite staff": emails the address a link to join; nobody's access changes until the link is used. */
  @Post()
  async invite(@Body() body: Record<string, unknown>, @CurrentUser() owner: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(InviteStaffForm, body);
    if (!form.ok) return showFormAgain(res, 'admin/staff', await this.page(), form);
    try {
      const email = await this.invitations.invite(form.value.email, owner, originOf(req));
      flash(req, 'success', `We emailed an invitation to ${email}. The link works once, for seven days.`);
    } catch (error) {
      if (!(error instanceof StaffFormError)) throw error;
      return showFormAgain(res, 'admin/staff', await this.page(), { values: { email: form.value.email }, errors: { [error.field]: error.message } });
    }
    res.redirect(303, '/admin/staff');
  }

  @Post('invitations/:id/withdraw')
  async withdraw(@Param('id') id: string, @CurrentUser() owner: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answerWithFlash(req, res, { id, what: 'That invitation' }, async (rowId) => {
      const email = await this.invitations.withdraw(rowId, owner, originOf(req));
      return `The invitation to ${email} was withdrawn. Its link no longer works.`;
    });
  }

  @Post(':id/remove')
  async remove(@Param('id') id: string, @CurrentUser() owner: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answerWithFlash(req, res, { id, what: 'That staff member' }, async (rowId) => {
      const removed = await this.staff.remove(rowId, owner, originOf(req));
      return `${removed.name} is no longer staff and has been signed out everywhere.`;
    });
  }

  /** Runs a button's action on one row of the list; its message, or why it could not be done, shows on the list. */
  private async answerWithFlash(req: Request, res: Response, row: { id: string; what: string }, action: (id: number) => Promise<string>): Promise<void> {
    if (!/^\d{1,10}$/.test(row.id)) throw new NotFoundError(row.what);
    try {
      flash(req, 'success', await action(Number(row.id)));
    } catch (error) {
      if (!(error instanceof ShopError) || error.status === 404) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, '/admin/staff');
  }

  private async page() {
    const [members, invitations] = await Promise.all([this.staff.list(), this.invitations.pending()]);
    return { title: 'Staff', layout: 'admin', members, invitations };
  }
}
