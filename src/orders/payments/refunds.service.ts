import { Injectable, Logger } from '@nestjs/common';
import { type EntityManager, Raw } from 'typeorm';
import type { Actor } from '../../audit/actor.js';
import { AuditTrail } from '../../audit/audit-trail.service.js';
import { InventoryService } from '../../catalog/inventory.service.js';
import { StockReason } from '../../catalog/stock-reason.js';
import { NotFoundError } from '../../common/errors.js';
import { formatMoney } from '../../common/money.js';
import { Transactions } from '../../database/transactions.js';
import { OrderLine } from '../entities/order-line.entity.js';
import { Order, OrderStatus } from '../entities/order.entity.js';
import { NEXT_STATUSES } from '../order-status.js';
import { OrdersService } from '../orders.service.js';
import { OrderPayment } from './entities/order-payment.entity.js';
import { PaymentRefund } from './entities/payment-refund.entity.js';
import { RefundRefusedError } from './payments.errors.js';
import { PaymentStatus, REFUNDABLE_STATUSES } from './payment-status.js';
import { HostedPayments } from './providers/hosted-payments.js';
import { PaymentProviderUnavailableError } from './providers/payment-provider.js';

/** A refund as the owner asks for it. */
export interface RefundRequest {
  amountMinor: number;
  /** Put the order's units back on the shelf (a partial refund does only when asked). */
  restock: boolean;
  reason: string | null;
}

/** Orders whose goods are still in the shop: a full refund of one puts its units back unasked. */
const NOT_SENT = [OrderStatus.Placed, OrderStatus.Confirmed];

/**
 * Refunds from the owner's panel, full or partial, through the provider that took the money (cash and
 * bank transfers are recorded as given back by hand). The amount is reserved on the payment first with a
 * conditional update, so two refunds at once can never add up to more than was paid; the provider is then
 * asked (outside any transaction: it is a network call), and the refund recorded with who and how much,
 * the units put back when asked (or for a full refund of an order not yet sent), the order moved to
 * refunded when fully refunded, and an audit row, in one transaction. A provider that fails frees the
 * reservation again and changes nothing.
 */
@Injectable()
export class Refunds {
  private readonly logger = new Logger('Refunds');

  constructor(
    private readonly transactions: Transactions,
    private readonly hosted: HostedPayments,
    private readonly orders: OrdersService,
    private readonly inventory: InventoryService,
    private readonly audit: AuditTrail,
  ) {}

  async refund(orderNumber: string, request: RefundRequest, actor: Actor): Promise<PaymentRefund> {
    const payment = await this.transactions.repository(OrderPayment).findOneBy({ orderNumber });
    if (!payment) throw new NotFoundError('That payment');
    if (!REFUNDABLE_STATUSES.includes(payment.status)) throw new RefundRefusedError('form', 'Only a paid order can be refunded.');
    const left = payment.amountMinor - payment.refundedMinor;
    if (!Number.isInteger(request.amountMinor) || request.amountMinor <= 0 || request.amountMinor > left) {
      throw new RefundRefusedError(
        'amount',
        `Enter an amount from ${formatMoney(1, payment.currency)} up to ${formatMoney(left, payment.currency)}, what is left to refund.`,
      );
    }
    const reserved = await this.transactions
      .repository(OrderPayment)
      .update(
        { id: payment.id, refundedMinor: Raw((column) => `${column} + :amount <= amountMinor`, { amount: request.amountMinor }) },
        { refundedMinor: () => `refundedMinor + ${request.amountMinor}` },
      );
    if (reserved.affected !== 1) throw new RefundRefusedError('amount', 'Another refund of this order was made meanwhile: check what is left and try again.');
    let refundId: string | null;
    try {
      refundId = await this.askProvider(payment, request.amountMinor);
    } catch (error) {
      await this.transactions.repository(OrderPayment).update({ id: payment.id }, { refundedMinor: () => `refundedMinor - ${request.amountMinor}` });
      if (!(error instanceof PaymentProviderUnavailableError)) throw error;
      this.logger.warn({ event: 'refund_failed', order: orderNumber, reason: error.reason });
      throw new RefundRefusedError('form', `${error.provider} did not make the refund (${error.reason}). Nothing was refunded; please try again.`);
    }
    return this.transactions.run((manager) => this.record(manager, payment, request, refundId, actor));
  }

  /** The refunds of a payment, oldest first, for its order's page. */
  refundsOf(orderPaymentId: number): Promise<PaymentRefund[]> {
    return this.transactions.repository(PaymentRefund).find({ where: { orderPaymentId }, order: { id: 'ASC' } });
  }

  private async askProvider(payment: OrderPayment, amountMinor: number): Promise<string | null> {
    const provider = this.hosted.get(payment.provider);
    if (!this.hosted.isHosted(payment.provider)) return null;
    if (!provider) throw new PaymentProviderUnavailableError(payment.provider, 'its keys are no longer set');
    const { refundId } = await provider.refund({
      reference: payment.providerReference ?? '',
      providerPaymentId: payment.providerPaymentId,
      amountMinor,
      currency: payment.currency,
      // The amount refunded before this one names the refund: a retried request is the same refund.
      refundKey: `refund-${payment.orderNumber}-${payment.refundedMinor}-${amountMinor}`,
    });
    return refundId;
  }

  private async record(manager: EntityManager, payment: OrderPayment, request: RefundRequest, refundId: string | null, actor: Actor): Promise<PaymentRefund> {
    const after = await manager.findOneByOrFail(OrderPayment, { id: payment.id });
    const full = after.refundedMinor >= after.amountMinor;
    const order = await manager.findOneByOrFail(Order, { number: payment.orderNumber });
    // A cancelled order's units are back already (a late payment whose items were sold meanwhile).
    const restock = order.status !== OrderStatus.Cancelled && (request.restock || (full && NOT_SENT.includes(order.status)));
    if (restock) {
      const lines = await manager.find(OrderLine, { where: { orderId: order.id } });
      await this.inventory.returnFromOrder(manager, lines, order.number, StockReason.Refunded);
    }
    await manager.update(
      OrderPayment,
      { id: payment.id },
      { status: full ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded, needsRefund: full ? false : after.needsRefund },
    );
    const inserted = await manager.insert(PaymentRefund, {
      orderPaymentId: payment.id,
      amountMinor: request.amountMinor,
      providerRefundId: refundId,
      restocked: restock,
      byUserId: actor.userId,
      byEmail: actor.email,
      reason: request.reason,
    });
    if (full && NEXT_STATUSES[order.status].includes(OrderStatus.Refunded)) {
      await this.orders.changeStatusWithin(manager, order.number, OrderStatus.Refunded, actor, { note: request.reason ?? 'Refunded in full' });
    }
    await this.audit.record(manager, actor, {
      action: 'payment.refunded',
      subject: { type: 'order', id: order.number },
      before: { refundedMinor: payment.refundedMinor, status: payment.status },
      after: { refundedMinor: after.refundedMinor, amountMinor: request.amountMinor, restocked: restock, providerRefundId: refundId },
    });
    return manager.findOneByOrFail(PaymentRefund, { id: Number(inserted.identifiers[0].id) });
  }
}
