import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OrdersService } from '../orders.service.js';
import { PAYMENT_METHOD_LABELS } from '../payment-methods.js';
import { type ShopperPaymentState, shopperPaymentState } from './payment-views.js';
import { addressOf, PaymentsService } from './payments.service.js';

/** Seconds between the waiting page's reloads while the provider's webhook is on its way. */
const RELOAD_SECONDS = 3;

/**
 * The order's payment page: where a provider's hosted page sends the shopper back. It says "payment
 * pending" (and reloads itself, without JavaScript) until the webhook has arrived, then sends them to
 * the confirmation; it offers a retry when the provider could not be reached or the shopper left its
 * page, while the order still holds its stock. Only the order's owner or the session that placed it sees it.
 */
@Controller('orders/:number/payment')
export class PaymentPagesController {
  constructor(
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
  ) {}

  @Get()
  async page(@Param('number') number: string, @Query('left') left: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { order } = await this.orders.detailFor(number, viewerOf(req));
    const payment = await this.payments.paymentOf(order.number);
    const state = shopperPaymentState(payment, left === '1');
    if (state === 'paid') return res.redirect(303, `/orders/${encodeURIComponent(order.number)}/confirmation`);
    res.render('orders/payment', {
      title: state === 'waiting' ? `Payment pending — order ${order.number}` : `Payment — order ${order.number}`,
      order,
      state: { [state]: true },
      provider: PAYMENT_METHOD_LABELS[payment.provider],
      releaseAt: payment.holdStockUntil,
      refreshSeconds: state === 'waiting' ? RELOAD_SECONDS : undefined,
      scripts: state === 'waiting' ? ['/js/payment-status.js'] : [],
    });
  }

  /** What the waiting page's script asks: has the payment's state changed? (JSON; the same viewers only.) */
  @Get('status')
  async status(@Param('number') number: string, @Req() req: Request): Promise<{ state: ShopperPaymentState }> {
    const { order } = await this.orders.detailFor(number, viewerOf(req));
    return { state: shopperPaymentState(await this.payments.paymentOf(order.number), false) };
  }

  /** "Try again": a new hosted page, or back here to say why there cannot be one. */
  @Post()
  async retry(@Param('number') number: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const step = await this.payments.retry(number, viewerOf(req));
    res.redirect(303, addressOf(step, number));
  }
}

function viewerOf(req: Request) {
  return { userId: req.user?.id, placedInSession: req.session?.placedOrders ?? [] };
}
