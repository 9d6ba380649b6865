import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { flash } from '../common/flash.js';
import { parseForm, showFormAgain } from '../common/forms.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Transactions } from '../database/transactions.js';
import { BankAccountForm } from '../settings/bank-account.form.js';
import { SettingsService } from '../settings/settings.service.js';

const VIEW = 'admin/payment-settings';

/**
 * /admin/settings/payments: the owner's bank account for bank transfers, and which card providers are
 * switched on (by their keys in the environment, which the page names but never shows).
 */
@Controller('admin/settings/payments')
@AdminAccess(Role.Owner)
export class PaymentSettingsController {
  constructor(
    private readonly settings: SettingsService,
    private readonly transactions: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async page(@Res() res: Response): Promise<void> {
    const account = await this.settings.bankAccount();
    res.render(VIEW, { ...this.view(), values: account ?? {}, errors: {} });
  }

  @Post()
  async save(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(BankAccountForm, body);
    if (!form.ok) return showFormAgain(res, VIEW, this.view(), form);
    const { accountTitle, bankName, accountNumber, instructions } = form.value;
    await this.transactions.run((manager) => this.settings.saveBankAccount(manager, { accountTitle, bankName, accountNumber, instructions }, actorOf(req)));
    flash(req, 'success', accountTitle ? 'Saved. Customers can now pay by bank transfer.' : 'Saved. Bank transfer is switched off.');
    res.redirect(303, '/admin/settings/payments');
  }

  private view() {
    const { stripe, safepay, releaseAfterMinutes } = this.config.payments;
    return {
      title: 'Payment settings',
      layout: 'admin',
      providers: [
        {
          name: 'Stripe Checkout',
          on: stripe !== undefined,
          keys: 'STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET',
          webhook: `${this.config.publicUrl}/payments/webhooks/stripe`,
        },
        {
          name: 'Safepay',
          on: safepay !== undefined,
          keys: 'SAFEPAY_API_KEY, SAFEPAY_SECRET_KEY and SAFEPAY_WEBHOOK_SECRET',
          webhook: `${this.config.publicUrl}/payments/webhooks/safepay`,
        },
      ],
      releaseAfterMinutes,
    };
  }
}
