import { Body, Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { flash } from '../common/flash.js';
import { parseForm, showFormAgain } from '../common/forms.js';
import { ReturnSettings, ReturnSettingsForm } from '../orders/returns/return-settings.js';

const VIEW = 'admin/return-settings';

/** The owner's return window: how many days after delivery customers may ask for a return or exchange. */
@Controller('admin/settings/returns')
@AdminAccess(Role.Owner)
export class ReturnSettingsController {
  constructor(private readonly returns: ReturnSettings) {}

  @Get()
  @Render(VIEW)
  async page() {
    return { title: 'Returns', layout: 'admin', values: { windowDays: String(await this.returns.windowDays()) } };
  }

  @Post()
  async save(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(ReturnSettingsForm, body);
    if (!form.ok) return showFormAgain(res, VIEW, { title: 'Returns', layout: 'admin' }, form);
    await this.returns.saveWindowDays(form.value.windowDays, actorOf(req));
    flash(req, 'success', 'The return window was saved.');
    res.redirect(303, '/admin/settings/returns');
  }
}
