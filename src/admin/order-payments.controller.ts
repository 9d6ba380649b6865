import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { flash } from '../common/flash.js';
import { showFormAgain } from '../common/forms.js';
import { formatMoney, minorUnitsFrom } from '../common/money.js';
import { PaymentNotAwaitedError, RefundRefusedError } from '../orders/payments/payments.errors.js';
import { PaymentsService } from '../orders/payments/payments.service.js';
import { Refunds } from '../orders/payments/refunds.service.js';
import { AdminOrderPage } from './order-page.js';

/** The refund form of an order's page, as posted: an amount in major units, whether to restock, and why. */
interface RefundFields {
  amount?: unknown;
  restock?: unknown;
  reason?: unknown;
}

/** The money side of an order's page, the owner's alone: refunds, and "transfer received" for a bank transfer. */
@Controller('admin/orders')
@AdminAccess(Role.Owner)
export class OrderPaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly refunds: Refunds,
    private readonly orderPage: AdminOrderPage,
  ) {}

  /** A full or partial refund through the provider that took the money; a refused amount is named at its field (422). */
  @Post(':number/refund')
  async refund(@Param('number') number: string, @Body() body: RefundFields, @Req() req: Request, @Res() res: Response): Promise<void> {
    const text = typeof body.amount === 'string' ? body.amount : '';
    const amountMinor = minorUnitsFrom(text);
    const reason = typeof body.reason === 'string' && body.reason.trim() !== '' ? body.reason.trim().slice(0, 255) : null;
    const values = { amount: text, restock: body.restock === '1', reason: reason ?? '' };
    try {
      if (amountMinor === undefined) throw new RefundRefusedError('amount', 'Enter the amount to refund, such as 1,250.00.');
      const refund = await this.refunds.refund(number, { amountMinor, restock: body.restock === '1', reason }, actorOf(req));
      const payment = await this.payments.paymentOf(number);
      flash(req, 'success', `Refunded ${formatMoney(refund.amountMinor, payment.currency)} on order ${number}.`);
    } catch (error) {
      if (!(error instanceof RefundRefusedError)) throw error;
      const page = { ...(await this.orderPage.build(number)), isOwner: true };
      return showFormAgain(res, 'admin/order', page, { values, errors: { [error.field === 'amount' ? 'amount' : 'refund']: error.message } });
    }
    res.redirect(303, `/admin/orders/${encodeURIComponent(number)}`);
  }

  /** The bank transfer has arrived: the order is paid. */
  @Post(':number/payment-received')
  async received(@Param('number') number: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      await this.payments.markReceived(number, actorOf(req));
      flash(req, 'success', `Order ${number} is paid.`);
    } catch (error) {
      if (!(error instanceof PaymentNotAwaitedError)) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, `/admin/orders/${encodeURIComponent(number)}`);
  }
}
