import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { systemActor } from '../audit/actor.js';
import { AttemptLimiter, LimitedAction } from '../auth/attempt-limiter.js';
import { NotFoundError } from '../common/errors.js';
import { flash } from '../common/flash.js';
import { showFormAgain } from '../common/forms.js';
import { originOf } from '../common/security-log.js';
import { OrderLinks } from './order-links.js';
import { CancellationRefusedError } from './orders.errors.js';
import { OrdersService } from './orders.service.js';

const TITLE = 'Track your order';
/** One answer for every pair that does not match, so the page tells nobody which numbers exist. */
const NOT_FOUND = 'We could not find an order with that number and email or phone. Please check both and try again.';

/**
 * Guest tracking: the order number with the email or phone given at checkout opens the order's timeline
 * (rate-limited like sign-in); the link in the order's emails opens it with a signed token instead. The
 * page's address then carries that token, so it can be bookmarked, and it is the customer's proof for
 * cancelling the order before it ships.
 */
@Controller('orders/track')
export class OrderTrackingController {
  constructor(
    private readonly orders: OrdersService,
    private readonly links: OrderLinks,
    private readonly limiter: AttemptLimiter,
  ) {}

  @Get()
  form(@Res() res: Response): void {
    res.render('orders/track', { title: TITLE, values: {}, errors: {} });
  }

  @Post()
  async find(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const number = typeof body.number === 'string' ? body.number.trim().toUpperCase().slice(0, 20) : '';
    const contact = typeof body.contact === 'string' ? body.contact.trim().slice(0, 254) : '';
    const values = { number, contact };
    if (!number || !contact) {
      const errors = {
        ...(number ? {} : { number: 'Enter your order number.' }),
        ...(contact ? {} : { contact: 'Enter the email or phone number you gave.' }),
      };
      return showFormAgain(res, 'orders/track', { title: TITLE }, { values, errors });
    }
    const ticket = await this.limiter.begin(LimitedAction.OrderTracking, { ...originOf(req), email: number });
    const order = await this.orders.findForContact(number, contact);
    if (!order) return showFormAgain(res, 'orders/track', { title: TITLE }, { values, errors: { form: NOT_FOUND } });
    await this.limiter.succeeded(ticket, { forgiveAccount: false });
    res.redirect(303, localOf(this.links.trackingUrl(order.number)));
  }

  @Get(':number')
  async show(@Param('number') number: string, @Query('t') token: unknown, @Res() res: Response): Promise<void> {
    this.mustHold(number, token);
    const detail = await this.orders.trackedDetail(number);
    res.render('orders/tracked', {
      title: `Order ${number}`,
      ...detail,
      token,
      cancelUrl: `/orders/track/${encodeURIComponent(number)}/cancel?t=${String(token)}`,
    });
  }

  /** The confirm step of a cancellation: nothing changes until its button is pressed. */
  @Get(':number/cancel')
  async confirmCancel(@Param('number') number: string, @Query('t') token: unknown, @Res() res: Response): Promise<void> {
    this.mustHold(number, token);
    const detail = await this.orders.trackedDetail(number);
    res.render('orders/cancel', { title: `Cancel order ${number}`, ...detail, action: `/orders/track/${encodeURIComponent(number)}/cancel`, token });
  }

  @Post(':number/cancel')
  async cancel(@Param('number') number: string, @Body('t') token: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.mustHold(number, token);
    try {
      await this.orders.cancelByCustomer(number, systemActor('Customer (tracking page)', originOf(req).ip));
      flash(req, 'success', `Your order ${number} is cancelled. We have emailed you to confirm it.`);
    } catch (error) {
      if (!(error instanceof CancellationRefusedError)) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, localOf(this.links.trackingUrl(number)));
  }

  /** A wrong or missing token is a 404, like an order that does not exist. */
  private mustHold(number: string, token: unknown): void {
    if (!this.links.verifies(number, token)) throw new NotFoundError('That order');
  }
}

/** The path and query of one of the shop's own addresses, for a redirect. */
function localOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
