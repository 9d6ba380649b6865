import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { ShopError } from '../common/errors.js';
import { flash } from '../common/flash.js';
import { CARRIERS } from '../orders/carriers.js';
import { OrderStatus } from '../orders/entities/order.entity.js';
import { OrdersService } from '../orders/orders.service.js';

/** Orders moved together: enough for a morning's parcels, few enough for one request. */
const MOST_AT_ONCE = 50;

/** The ticked numbers of the list (number=…&number=…), each once, in the order ticked. */
function numbersOf(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return [...new Set(list.filter((n): n is string => typeof n === 'string' && n !== ''))];
}

/** The n-th value of a repeated field (the ship form sends number, carrier and trackingNumber once per row). */
function nth(raw: unknown, index: number): string {
  const list = Array.isArray(raw) ? raw : [raw];
  const value: unknown = list[index];
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * The list's bulk actions: confirm the ticked orders, or ship them with a courier and tracking number
 * per row (what the courier's booking gives for each parcel). Each is a page that lists the orders
 * first, then a POST whose answer lists what became of each order; one refused leaves the others done.
 */
@Controller('admin/orders/bulk')
@AdminAccess(Role.Owner, Role.Staff)
export class AdminOrderBulkController {
  constructor(private readonly orders: OrdersService) {}

  @Get('confirm')
  async confirmPage(@Query('number') raw: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const numbers = this.chosen(raw, req);
    if (!numbers) return res.redirect(303, '/admin/orders');
    const slips = await this.orders.packingSlips(numbers);
    res.render('admin/orders-bulk', { title: 'Confirm orders', layout: 'admin', action: 'confirm', slips });
  }

  @Post('confirm')
  @HttpCode(200)
  async confirm(@Body('number') raw: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const numbers = this.chosen(raw, req);
    if (!numbers) return res.redirect(303, '/admin/orders');
    const outcomes = await this.orders.changeMany(
      numbers.map((number) => ({ number, to: OrderStatus.Confirmed })),
      actorOf(req),
    );
    res.render('admin/orders-bulk-result', { title: 'Confirmed orders', layout: 'admin', outcomes, done: outcomes.filter((o) => o.ok).length });
  }

  @Get('ship')
  async shipPage(@Query('number') raw: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const numbers = this.chosen(raw, req);
    if (!numbers) return res.redirect(303, '/admin/orders');
    const slips = await this.orders.packingSlips(numbers);
    res.render('admin/orders-bulk', { title: 'Ship orders', layout: 'admin', action: 'ship', slips, carriers: CARRIERS });
  }

  /** Rows left without a tracking number are left as they are (not shipped yet), and said so. */
  @Post('ship')
  @HttpCode(200)
  async ship(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const numbers = Array.isArray(body.number) ? body.number : [body.number];
    if (numbers.length > MOST_AT_ONCE) throw new ShopError(`Please ship at most ${MOST_AT_ONCE} orders at a time.`, 422);
    const rows = numbers.map((_, i) => ({ number: nth(body.number, i), carrier: nth(body.carrier, i), trackingNumber: nth(body.trackingNumber, i) }));
    const toShip = rows.filter((row) => row.number !== '' && row.trackingNumber !== '');
    const outcomes = await this.orders.changeMany(
      toShip.map(({ number, carrier, trackingNumber }) => ({ number, to: OrderStatus.Shipped, options: { shipment: { carrier, trackingNumber } } })),
      actorOf(req),
    );
    const skipped = rows
      .filter((row) => row.number !== '' && row.trackingNumber === '')
      .map((row) => ({ number: row.number, ok: false, message: 'Left as it was: no tracking number given.' }));
    res.render('admin/orders-bulk-result', {
      title: 'Shipped orders',
      layout: 'admin',
      outcomes: [...outcomes, ...skipped],
      done: outcomes.filter((o) => o.ok).length,
    });
  }

  private chosen(raw: unknown, req: Request): string[] | null {
    const numbers = numbersOf(raw);
    if (numbers.length === 0) {
      flash(req, 'info', 'Tick the orders first.');
      return null;
    }
    if (numbers.length > MOST_AT_ONCE) throw new ShopError(`Please choose at most ${MOST_AT_ONCE} orders at a time.`, 422);
    return numbers;
  }
}
