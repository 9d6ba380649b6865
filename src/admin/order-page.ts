import { Injectable } from '@nestjs/common';
import { CARRIERS } from '../orders/carriers.js';
import { OrdersService } from '../orders/orders.service.js';
import { type OwnerPayment, ownerPayment } from '../orders/payments/payment-views.js';
import { PaymentsService } from '../orders/payments/payments.service.js';
import { Refunds } from '../orders/payments/refunds.service.js';

/** The owner's page of one order: the order, its next moves and its payment with its refunds. */
@Injectable()
export class AdminOrderPage {
  constructor(
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    private readonly refunds: Refunds,
  ) {}

  async build(number: string) {
    const detail = await this.orders.adminDetail(number);
    const record = await this.payments.findPayment(detail.order.number);
    const payment: OwnerPayment | null = record ? ownerPayment(record, await this.refunds.refundsOf(record.id)) : null;
    return { title: `Order ${number}`, layout: 'admin', ...detail, payment, carriers: CARRIERS, scripts: ['/js/print.js'] };
  }
}
