import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { StaffFormError } from '../auth/auth.errors.js';
import { AddStaffForm } from '../auth/dto/staff.forms.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { CurrentUser, type SessionUser } from '../auth/session-user.js';
import { StaffService } from '../auth/staff.service.js';
import { NotFoundError, ShopError } from '../common/errors.js';
import { flash } from '../common/flash.js';
import { parseForm } from '../common/forms.js';
import { originOf } from '../common/security-log.js';

/** The owner decides who works in the panel; staff themselves get 403 here. */
@Controller('admin/staff')
@AdminAccess(Role.Owner)
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @Render('admin/staff')
  async list() {
    return { title: 'Staff', layout: 'admin', members: await this.staff.list() };
  }

  @Post()
  async add(@Body() body: Record<string, unknown>, @CurrentUser() owner: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(AddStaffForm, body);
    if (!form.ok) return this.renderWithErrors(res, form.values, form.errors);
    try {
      const { promoted } = await this.staff.add(form.value, owner, originOf(req));
      flash(req, 'success', promoted ? `${form.value.email} is now staff.` : `A staff account for ${form.value.email} was created.`);
    } catch (error) {
      if (!(error instanceof StaffFormError)) throw error;
      return this.renderWithErrors(res, { email: form.value.email, name: form.value.name }, { [error.field]: error.message });
    }
    res.redirect(303, '/admin/staff');
  }

  @Post(':id/remove')
  async remove(@Param('id') id: string, @CurrentUser() owner: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!/^\d{1,10}$/.test(id)) throw new NotFoundError('That staff member');
    try {
      const removed = await this.staff.remove(Number(id), owner, originOf(req));
      flash(req, 'success', `${removed.name} is no longer staff and has been signed out everywhere.`);
    } catch (error) {
      if (!(error instanceof ShopError) || error.status === 404) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, '/admin/staff');
  }

  private async renderWithErrors(res: Response, values: Record<string, unknown>, errors: Record<string, string>): Promise<void> {
    res.status(422).render('admin/staff', { title: 'Staff', layout: 'admin', members: await this.staff.list(), values, errors });
  }
}
