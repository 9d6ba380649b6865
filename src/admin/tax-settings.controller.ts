import { Body, Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { flash } from '../common/flash.js';
import { parseForm, showFormAgain } from '../common/forms.js';
import { PricingSettings } from '../orders/pricing/pricing-settings.service.js';
import { basisPointsOf, TaxSettingsForm } from '../orders/pricing/tax-settings.form.js';

const VIEW = 'admin/tax-settings';

/** The owner's tax: a rate, and whether shop prices include it. */
@Controller('admin/settings/tax')
@AdminAccess(Role.Owner)
export class TaxSettingsController {
  constructor(private readonly pricing: PricingSettings) {}

  @Get()
  @Render(VIEW)
  async page() {
    const { tax } = await this.pricing.current();
    return { title: 'Tax', layout: 'admin', values: { rate: String(tax.rateBasisPoints / 100), prices: tax.inclusive ? 'inclusive' : 'exclusive' } };
  }

  @Post()
  async save(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(TaxSettingsForm, body);
    if (!form.ok) return showFormAgain(res, VIEW, { title: 'Tax', layout: 'admin' }, form);
    await this.pricing.saveTax({ rateBasisPoints: basisPointsOf(form.value.rate), inclusive: form.value.prices === 'inclusive' }, actorOf(req));
    flash(req, 'success', 'The tax settings were saved. New orders are taxed this way.');
    res.redirect(303, '/admin/settings/tax');
  }
}
