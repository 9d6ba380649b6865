import { Controller, Get, Param, Post, Query, Render, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../audit/actor.js';
import { SignedInGuard } from '../auth/guards/roles.js';
import { CurrentUser, type SessionUser } from '../auth/session-user.js';
import { flash } from '../common/flash.js';
import { pageLinks, pageNumber } from '../common/pagination.js';
import { originOf } from '../common/security-log.js';
import { CancellationRefusedError } from './orders.errors.js';
import { OrdersService } from './orders.service.js';

/** A signed-in customer's own orders; every query is scoped to them, so another number is a 404. */
@Controller('account/orders')
@UseGuards(SignedInGuard)
export class AccountOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @Render('orders/account-orders')
  async list(@CurrentUser() user: SessionUser, @Query('page') page: unknown) {
    const result = await this.orders.customerOrders(user.id, pageNumber(page));
    return { title: 'My orders', orders: result.items, pageLinks: pageLinks('/account/orders', result, {}) };
  }

  @Get(':number')
  @Render('orders/account-order')
  async detail(@Param('number') number: string, @CurrentUser() user: SessionUser) {
    const detail = await this.orders.detailFor(number, { userId: user.id, placedInSession: [] });
    return { title: `Order ${number}`, ...detail, cancelUrl: `/account/orders/${encodeURIComponent(number)}/cancel` };
  }

  /** The confirm step of a cancellation: nothing changes until its button is pressed. */
  @Get(':number/cancel')
  @Render('orders/cancel')
  async confirmCancel(@Param('number') number: string, @CurrentUser() user: SessionUser) {
    const detail = await this.orders.detailFor(number, { userId: user.id, placedInSession: [] });
    return { title: `Cancel order ${number}`, ...detail, action: `/account/orders/${encodeURIComponent(number)}/cancel` };
  }

  @Post(':number/cancel')
  async cancel(@Param('number') number: string, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    // Their own order only: anyone else's number is a 404.
    await this.orders.detailFor(number, { userId: user.id, placedInSession: [] });
    try {
      await this.orders.cancelByCustomer(number, actorFrom(user, originOf(req)));
      flash(req, 'success', `Your order ${number} is cancelled. We have emailed you to confirm it.`);
    } catch (error) {
      if (!(error instanceof CancellationRefusedError)) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, `/account/orders/${encodeURIComponent(number)}`);
  }
}
