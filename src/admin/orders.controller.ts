import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { ShopError } from '../common/errors.js';
import { flash } from '../common/flash.js';
import { showFormAgain } from '../common/forms.js';
import { pageLinks, pageNumber } from '../common/pagination.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OrderStatus, PaymentMethod } from '../orders/entities/order.entity.js';
import { STATUS_LABELS } from '../orders/order-status.js';
import { ShipmentRefusedError } from '../orders/orders.errors.js';
import { OrdersService } from '../orders/orders.service.js';
import { PAYMENT_METHOD_LABELS } from '../orders/payment-methods.js';
import { readOrderFilter } from './dto/order-filter.query.js';
import { AdminOrderPage } from './order-page.js';

/** Packing slips printed together: enough for a morning's parcels, few enough for one request. */
const MAX_SLIPS = 50;

const STATUS_CHOICES = Object.values(OrderStatus).map((value) => ({ value, label: STATUS_LABELS[value] }));
const PAYMENT_CHOICES = Object.values(PaymentMethod).map((value) => ({ value, label: PAYMENT_METHOD_LABELS[value] }));

/** The orders screen: the filtered list, an order's page with its next moves, and what prints from them. */
@Controller('admin/orders')
@AdminAccess(Role.Owner, Role.Staff)
export class AdminOrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly orderPage: AdminOrderPage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Filters that cannot be used are named at their field (422), and the list shows what the others match. */
  @Get()
  async list(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { filter, form } = readOrderFilter(query, this.config.storeTimeZone);
    const result = await this.orders.adminOrders(pageNumber(query.page), filter);
    const page = {
      title: 'Orders',
      layout: 'admin',
      result,
      statuses: STATUS_CHOICES,
      paymentMethods: PAYMENT_CHOICES,
      filtered: Object.keys(form.applied).length > 0,
      awaitingTab: filter.status === OrderStatus.AwaitingConfirmation,
      pageLinks: pageLinks('/admin/orders', result, form.applied),
    };
    if (!form.ok) return showFormAgain(res, 'admin/orders', page, form);
    res.render('admin/orders', { ...page, values: form.values, errors: {} });
  }

  /** The packing slips of the orders ticked on the list (number=…&number=…), one printed page each. */
  @Get('packing-slips')
  async packingSlips(@Query('number') numbers: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chosen = [...new Set((Array.isArray(numbers) ? numbers : [numbers]).filter((n): n is string => typeof n === 'string' && n !== ''))];
    if (chosen.length === 0) {
      flash(req, 'info', 'Tick the orders whose packing slips you want to print.');
      return res.redirect(303, '/admin/orders');
    }
    if (chosen.length > MAX_SLIPS) throw new ShopError(`Please print at most ${MAX_SLIPS} packing slips at a time.`, 422);
    const slips = await this.orders.packingSlips(chosen);
    res.render('admin/packing-slips', { title: `Packing slips (${slips.length})`, layout: 'admin', slips, scripts: ['/js/print.js'] });
  }

  @Get(':number')
  async order(@Param('number') number: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.render('admin/order', { ...(await this.orderPage.build(number)), isOwner: req.user?.role === Role.Owner, values: {}, errors: {} });
  }

  @Get(':number/packing-slip')
  async packingSlip(@Param('number') number: string, @Res() res: Response): Promise<void> {
    const slips = await this.orders.packingSlips([number]);
    res.render('admin/packing-slips', { title: `Packing slip ${number}`, layout: 'admin', slips, scripts: ['/js/print.js'] });
  }

  /**
   * A button of the order page: the state machine's next move, made by OrdersService.changeStatus alone.
   * Shipping carries the courier and tracking number (named at their fields when missing, 422);
   * "delivered and paid" carries cashCollected=1.
   */
  @Post(':number/status')
  async changeStatus(@Param('number') number: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const to = Object.values(OrderStatus).find((s) => s === body.status);
    const note = textOf(body.note).slice(0, 255);
    const shipment = { carrier: textOf(body.carrier), trackingNumber: textOf(body.trackingNumber) };
    try {
      if (!to) throw new ShopError('Please choose a status.', 422);
      await this.orders.changeStatus(number, to, actorOf(req), {
        note: note || undefined,
        shipment: to === OrderStatus.Shipped ? shipment : undefined,
        cashCollected: to === OrderStatus.Delivered && body.cashCollected === '1',
      });
      flash(req, 'success', `Order ${number} is now ${STATUS_LABELS[to].toLowerCase()}.`);
    } catch (error) {
      if (error instanceof ShipmentRefusedError) {
        const page = { ...(await this.orderPage.build(number)), isOwner: req.user?.role === Role.Owner };
        return showFormAgain(res, 'admin/order', page, { values: { ...shipment, note }, errors: error.fields });
      }
      if (!(error instanceof ShopError) || error.status === 404) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, `/admin/orders/${encodeURIComponent(number)}`);
  }

  /** A delivered cash-on-delivery order: the courier has paid the cash over. */
  @Post(':number/cash-collected')
  async cashCollected(@Param('number') number: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      await this.orders.collectCash(number, actorOf(req));
      flash(req, 'success', `Order ${number} is paid: cash collected.`);
    } catch (error) {
      if (!(error instanceof ShopError) || error.status === 404) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, `/admin/orders/${encodeURIComponent(number)}`);
  }
}

/** A form field as text: anything else (missing, repeated) is empty. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
