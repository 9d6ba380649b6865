import { Controller, Get, Param, Render, Req } from '@nestjs/common';
import type { Request } from 'express';
import { orderViewerOf } from '../order-links.js';
import { receiptView } from './receipt-view.js';
import { Receipts } from './receipts.service.js';

/** The customer's receipt and invoice: signed in, from the session that placed the order, or by a signed link (?token=). */
@Controller('orders/:number')
export class ReceiptPagesController {
  constructor(private readonly receipts: Receipts) {}

  @Get('receipt')
  @Render('orders/receipt')
  async receipt(@Param('number') number: string, @Req() req: Request) {
    return receiptView(await this.receipts.forCustomer(number, orderViewerOf(req)), 'receipt', `/orders/${number}`, tokenQuery(req));
  }

  @Get('invoice')
  @Render('orders/receipt')
  async invoice(@Param('number') number: string, @Req() req: Request) {
    return receiptView(await this.receipts.forCustomer(number, orderViewerOf(req)), 'invoice', `/orders/${number}`, tokenQuery(req));
  }
}

/** The signed link's token, carried on to the page's other links. */
function tokenQuery(req: Request): string {
  const token: unknown = req.query.token;
  return typeof token === 'string' && token !== '' ? `?token=${encodeURIComponent(token)}` : '';
}
