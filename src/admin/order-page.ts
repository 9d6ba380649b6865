import { Injectable } from '@nestjs/common';
import { CodRisk } from '../orders/cod-risk/cod-risk.service.js';
import { CARRIERS } from '../orders/carriers.js';
import { OrdersService } from '../orders/orders.service.js';
import { type OwnerPayment, ownerPayment } from '../orders/payments/payment-views.js';
import { PaymentsService } from '../orders/payments/payments.service.js';
import { Refunds } from '../orders/payments/refunds.service.js';
import { Receipts } from '../orders/receipts/receipts.service.js';
import { Returns } from '../orders/returns/returns.service.js';

/** The owner's page of one order: the order, its next moves, its payment with its refunds, and its cash-on-delivery risk. */
@Injectable()
export class AdminOrderPage {
  constructor(
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    private readonly refunds: Refunds,
    private readonly codRisk: CodRisk,
    private readonly receipts: Receipts,
    private readonly returns: Returns,
  ) {}

  async build(number: string) {
    const detail = await this.orders.adminDetail(number);
    const record = await this.payments.findPayment(detail.order.number);
    const payment: OwnerPayment | null = record ? ownerPayment(record, await this.refunds.refundsOf(record.id)) : null;
    const riskCount = (await this.codRisk.countsOf([detail.order])).get(detail.order.id) ?? 0;
    const [invoices, returns] = await Promise.all([this.receipts.invoiceNumbers([detail.order.id]), this.returns.forOrder(detail.order.id)]);
    const invoiceNumber = invoices.get(detail.order.id) ?? null;
    return { title: `Order ${number}`, layout: 'admin', ...detail, payment, riskCount, invoiceNumber, returns, carriers: CARRIERS, scripts: ['/js/print.js'] };
  }
}
