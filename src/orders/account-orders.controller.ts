import { Controller, Get, Param, Render, UseGuards } from '@nestjs/common';
import { SignedInGuard } from '../auth/guards/roles.js';
import { CurrentUser, type SessionUser } from '../auth/session-user.js';
import { OrdersService } from './orders.service.js';

/** A signed-in customer's own orders; every query is scoped to them, so another number is a 404. */
@Controller('account/orders')
@UseGuards(SignedInGuard)
export class AccountOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @Render('orders/account-orders')
  async list(@CurrentUser() user: SessionUser) {
    return { title: 'My orders', orders: await this.orders.customerOrders(user.id) };
  }

  @Get(':number')
  @Render('orders/account-order')
  async detail(@Param('number') number: string, @CurrentUser() user: SessionUser) {
    return { title: `Order ${number}`, ...(await this.orders.detailFor(number, { userId: user.id, placedInSession: [] })) };
  }
}
