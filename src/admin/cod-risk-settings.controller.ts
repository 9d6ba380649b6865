import { Body, Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { flash } from '../common/flash.js';
import { parseForm, showFormAgain } from '../common/forms.js';
import { CodRiskSettingsForm } from '../orders/cod-risk/cod-risk-settings.form.js';
import { CodRisk } from '../orders/cod-risk/cod-risk.service.js';

const VIEW = 'admin/cod-risk-settings';
const TITLE = 'Cash-on-delivery risk';

/** The owner's risk threshold: cash-on-delivery orders from a phone or email with this many refusals and cancellations wait for confirmation. */
@Controller('admin/settings/cod-risk')
@AdminAccess(Role.Owner)
export class CodRiskSettingsController {
  constructor(private readonly codRisk: CodRisk) {}

  @Get()
  @Render(VIEW)
  async page() {
    const threshold = await this.codRisk.threshold();
    return { title: TITLE, layout: 'admin', values: { threshold: threshold > 0 ? String(threshold) : '' } };
  }

  @Post()
  async save(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(CodRiskSettingsForm, body);
    if (!form.ok) return showFormAgain(res, VIEW, { title: TITLE, layout: 'admin' }, form);
    const threshold = Number(form.value.threshold);
    await this.codRisk.saveThreshold(threshold, actorOf(req));
    flash(
      req,
      'success',
      threshold > 0
        ? `Saved. Cash-on-delivery orders from a phone or email with ${threshold} or more refused or cancelled orders now wait for confirmation.`
        : 'Saved. Cash-on-delivery orders no longer wait for confirmation.',
    );
    res.redirect(303, '/admin/settings/cod-risk');
  }
}
