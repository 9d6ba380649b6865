import { Controller, Get, Param, Render } from '@nestjs/common';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { receiptView } from '../orders/receipts/receipt-view.js';
import { Receipts } from '../orders/receipts/receipts.service.js';

/** The owner's copies of an order's receipt and invoice, printable from the order page. */
@Controller('admin/orders/:number')
@AdminAccess(Role.Owner, Role.Staff)
export class OrderDocumentsController {
  constructor(private readonly receipts: Receipts) {}

  @Get('receipt')
  @Render('orders/receipt')
  async receipt(@Param('number') number: string) {
    return { ...receiptView(await this.receipts.forOwner(number), 'receipt', `/admin/orders/${number}`), layout: 'admin' };
  }

  @Get('invoice')
  @Render('orders/receipt')
  async invoice(@Param('number') number: string) {
    return { ...receiptView(await this.receipts.forOwner(number), 'invoice', `/admin/orders/${number}`), layout: 'admin' };
  }
}
