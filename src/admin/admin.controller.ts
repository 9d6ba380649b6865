import { Body, Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { CurrentUser, type SessionUser } from '../auth/session-user.js';
import { ShopError } from '../common/errors.js';
import { flash } from '../common/flash.js';
import { pageLinks, pageNumber } from '../common/pagination.js';
import { OrderStatus } from '../orders/entities/order.entity.js';
import { OrdersService } from '../orders/orders.service.js';
import { STATUS_LABELS } from '../orders/order-status.js';
import { DashboardService } from './dashboard.service.js';

/** The owner's panel. Every route here is behind the role guard: visitors sign in, customers get 403. */
@Controller('admin')
@AdminAccess(Role.Owner, Role.Staff)
export class AdminController {
  constructor(
    private readonly orders: OrdersService,
    private readonly dashboards: DashboardService,
  ) {}

  @Get()
  @Render('admin/dashboard')
  async dashboard() {
    return { title: 'Dashboard', layout: 'admin', ...(await this.dashboards.dashboard()) };
  }

  @Get('orders')
  @Render('admin/orders')
  async orderList(@Query('page') page: unknown, @Query('status') status: unknown) {
    const filter = Object.values(OrderStatus).find((s) => s === status);
    const result = await this.orders.adminOrders(pageNumber(page), filter);
    const statuses = Object.values(OrderStatus).map((value) => ({ value, label: STATUS_LABELS[value] }));
    return { title: 'Orders', layout: 'admin', result, statuses, filter, pageLinks: pageLinks('/admin/orders', result, { status: filter }) };
  }

  @Get('orders/:number')
  @Render('admin/order')
  async order(@Param('number') number: string) {
    return { title: `Order ${number}`, layout: 'admin', ...(await this.orders.adminDetail(number)) };
  }

  @Post('orders/:number/status')
  async changeStatus(
    @Param('number') number: string,
    @Body('status') status: unknown,
    @CurrentUser() user: SessionUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const to = Object.values(OrderStatus).find((s) => s === status);
    try {
      if (!to) throw new ShopError('Please choose a status.', 422);
      await this.orders.changeStatus(number, to, actorOf(req));
      flash(req, 'success', `Order ${number} is now ${STATUS_LABELS[to].toLowerCase()}.`);
    } catch (error) {
      if (!(error instanceof ShopError) || error.status === 404) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, `/admin/orders/${encodeURIComponent(number)}`);
  }
}
