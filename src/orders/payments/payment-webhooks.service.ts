import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { systemActor } from '../../audit/actor.js';
import { SoldOutError } from '../../catalog/catalog.errors.js';
import { NotFoundError } from '../../common/errors.js';
import { isUniqueViolation } from '../../database/database-errors.js';
import { lockRow } from '../../database/dialect.js';
import { Transactions } from '../../database/transactions.js';
import { Coupons } from '../coupons/coupons.service.js';
import { Order, OrderStatus, type PaymentMethod } from '../entities/order.entity.js';
import { StatusChangeNotAllowedError } from '../orders.errors.js';
import { OrdersService } from '../orders.service.js';
import { PAYMENT_METHOD_LABELS } from '../payment-methods.js';
import { OrderPayment } from './entities/order-payment.entity.js';
import { PaymentEvent } from './entities/payment-event.entity.js';
import { PaymentStatus, statusAfter } from './payment-status.js';
import { HostedPayments } from './providers/hosted-payments.js';
import { type ProviderEvent, WebhookRejectedError } from './providers/payment-provider.js';

/** What became of a delivered webhook: applied, stored but changing nothing, or a repeat of one stored already. */
export interface WebhookReceipt {
  duplicate: boolean;
  outcome: string;
}

/**
 * Webhooks of the hosted-payment providers. A delivery counts only when its signature holds on the
 * exact bytes received; its event is stored once (payment_event's unique key), so ten copies arriving
 * together, a replay next week or an out-of-order event change the payment at most once, and only in a
 * direction statusAfter allows. The event row, the payment and the order move in one transaction.
 */
@Injectable()
export class PaymentWebhooks {
  private readonly logger = new Logger('PaymentWebhooks');

  constructor(
    private readonly transactions: Transactions,
    private readonly hosted: HostedPayments,
    private readonly orders: OrdersService,
    private readonly coupons: Coupons,
  ) {}

  async receive(method: PaymentMethod, rawBody: Buffer | undefined, headers: IncomingHttpHeaders, ip: string): Promise<WebhookReceipt> {
    const provider = this.hosted.get(method);
    if (!provider) throw new NotFoundError('That webhook');
    let event: ProviderEvent;
    try {
      if (!rawBody || rawBody.length === 0) throw new WebhookRejectedError('no body');
      event = provider.verifyWebhook(rawBody, headers);
    } catch (error) {
      if (error instanceof WebhookRejectedError) {
        this.logger.warn({ event: 'payment_webhook_rejected', provider: method, ip, reason: error.reason });
      }
      throw error;
    }
    const digest = createHash('sha256').update(rawBody).digest('hex');
    try {
      return await this.transactions.run(async (manager) => {
        await manager.insert(PaymentEvent, {
          provider: method,
          providerEventId: event.id,
          type: event.type.slice(0, 80),
          payloadDigest: digest,
          outcome: 'received',
          receivedAt: new Date(),
        });
        const { paymentId, outcome } = await this.apply(manager, method, event);
        await manager.update(
          PaymentEvent,
          { provider: method, providerEventId: event.id },
          { orderPaymentId: paymentId, outcome, applied: !outcome.startsWith('ignored') },
        );
        return { duplicate: false, outcome };
      });
    } catch (error) {
      // The same event delivered again, or ten times at once: whoever inserted it first applied it.
      if (isUniqueViolation(error)) return { duplicate: true, outcome: 'ignored: delivered before' };
      throw error;
    }
  }

  private async apply(manager: EntityManager, method: PaymentMethod, event: ProviderEvent): Promise<{ paymentId: number | null; outcome: string }> {
    const found = await manager.findOneBy(OrderPayment, event.orderNumber ? { orderNumber: event.orderNumber } : { providerReference: event.reference ?? '' });
    // Locked, so two different events for one payment (completed, then async-succeeded) take turns.
    const payment = found && found.provider === method ? await lockRow(manager, OrderPayment, found.id) : null;
    if (!payment) return { paymentId: null, outcome: event.outcome === 'ignored' ? `ignored: ${event.type}` : 'ignored: no such payment' };
    const next = statusAfter(payment.status, event.outcome);
    if (!next)
      return { paymentId: payment.id, outcome: event.outcome === 'ignored' ? `ignored: ${event.type}` : `ignored: ${event.outcome} while ${payment.status}` };
    if (next === PaymentStatus.Failed) {
      await manager.update(OrderPayment, { id: payment.id, status: payment.status }, { status: next });
      return { paymentId: payment.id, outcome: 'failed' };
    }
    if (!amountMatches(payment, event)) {
      this.logger.error({
        event: 'payment_amount_mismatch',
        order: payment.orderNumber,
        expected: payment.amountMinor,
        paid: event.amountMinor,
        currency: event.currency,
      });
      return { paymentId: payment.id, outcome: 'ignored: amount differs from the order' };
    }
    return { paymentId: payment.id, outcome: await this.paid(manager, payment, event) };
  }

  /**
   * The payment is in: it is recorded as paid, with a step in the order's history. An order cancelled
   * meanwhile (released for want of payment) is placed again and takes its units again; if they have
   * been sold meanwhile, the money is kept on record and the order flagged for the owner to refund. The
   * attempt runs in a savepoint, so a half-taken order rolls back alone and the payment is still recorded.
   * A revived order takes its coupon's use again too, while the coupon's limits allow; when they do not,
   * it stays paid (the shopper paid the discounted total) and is flagged for the owner to decide.
   */
  private async paid(manager: EntityManager, payment: OrderPayment, event: ProviderEvent): Promise<string> {
    const actor = systemActor(`${PAYMENT_METHOD_LABELS[payment.provider]} webhook`);
    const order = await manager.findOne(Order, { select: { id: true, status: true }, where: { number: payment.orderNumber } });
    const late = order?.status === OrderStatus.Cancelled;
    let flagged = false;
    if (late) {
      try {
        await manager.transaction((savepoint) =>
          this.orders.changeStatusWithin(savepoint, payment.orderNumber, OrderStatus.Placed, actor, {
            note: 'Paid after the order was released; its items were taken again',
          }),
        );
      } catch (error) {
        if (!(error instanceof SoldOutError) && !(error instanceof StatusChangeNotAllowedError)) throw error;
        flagged = true;
        this.logger.warn({ event: 'late_payment_needs_refund', order: payment.orderNumber, reason: error.message });
      }
    }
    const couponOverLimit = late && !flagged && !(await this.coupons.retake(manager, await this.orderOf(manager, payment.orderNumber)));
    if (couponOverLimit) this.logger.warn({ event: 'late_payment_coupon_over_limit', order: payment.orderNumber });
    await manager.update(
      OrderPayment,
      { id: payment.id, status: payment.status },
      { status: PaymentStatus.Paid, providerPaymentId: event.providerPaymentId ?? payment.providerPaymentId, needsRefund: flagged, couponOverLimit },
    );
    await this.orders.recordPaymentWithin(
      manager,
      payment.orderNumber,
      PaymentStatus.Paid,
      actor,
      flagged ? 'Paid after the order was released and its items sold: refund it' : `Paid (${event.type})`,
    );
    if (flagged) return 'paid: flagged for refund, the items are gone';
    if (couponOverLimit) return 'paid late: items taken again, coupon over its limit';
    return late ? 'paid late: items taken again' : 'paid';
  }

  private async orderOf(manager: EntityManager, number: string): Promise<Order> {
    return manager.findOneOrFail(Order, { select: { id: true, couponCode: true, userId: true, email: true, currency: true }, where: { number } });
  }
}

/** A "paid" event must be for the order's amount and currency (when it says them). */
function amountMatches(payment: OrderPayment, event: ProviderEvent): boolean {
  if (event.amountMinor !== undefined && event.amountMinor !== payment.amountMinor) return false;
  return event.currency === undefined || event.currency.toUpperCase() === payment.currency.toUpperCase();
}
