import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatMoney } from '../common/money.js';
import { type Order, PaymentMethod } from './entities/order.entity.js';
import { PAYMENT_METHOD_LABELS } from './payment-methods.js';
import type { PriceSummary } from './pricing/price-summary.js';

/** A way of paying as the checkout page offers it. */
export interface PaymentChoice {
  value: string;
  label: string;
  hint: string;
}

/**
 * What a way of paying tells checkout. The seam where payment providers join: a provider's module
 * registers its handler (CheckoutPayments.register, in onModuleInit) and adds its value to
 * PaymentMethod; checkout then offers it where `offers` says so, calls `orderPlaced` inside the
 * order's own transaction (to write its payment record with the order: both or neither), and sends
 * the shopper where `nextStep` says once the order is committed (a hosted payment page, say).
 */
export interface PaymentHandler {
  method: PaymentMethod;
  /** Offered for this order? (a provider without keys, or an order above a limit, is not). */
  offers(summary: PriceSummary): boolean | Promise<boolean>;
  /** The sentence under the choice on the checkout page. */
  hint(summary: PriceSummary, currency: string): string;
  /** In placeOrder's transaction, after the order and its lines are stored. */
  orderPlaced?(manager: EntityManager, order: Order): Promise<void>;
  /** Where the shopper goes once the order is committed; the confirmation page when absent. */
  nextStep?(order: Order): Promise<string>;
}

/** Cash on delivery: offered up to the owner's maximum order value; its fee is priced by the summary. */
export const cashOnDelivery: PaymentHandler = {
  method: PaymentMethod.CashOnDelivery,
  offers: (summary) => summary.cashOnDeliveryAllowed,
  hint: (summary, currency) =>
    summary.cashOnDeliveryFeeMinor > 0
      ? `Pay the courier in cash when your order arrives (a fee of ${formatMoney(summary.cashOnDeliveryFeeMinor, currency)} applies).`
      : 'Pay the courier in cash when your order arrives.',
};

/** The ways of paying checkout knows, and what happens after an order is placed with each. */
@Injectable()
export class CheckoutPayments {
  private readonly handlers = new Map<string, PaymentHandler>([[cashOnDelivery.method, cashOnDelivery]]);

  register(handler: PaymentHandler): void {
    this.handlers.set(handler.method, handler);
  }

  /** The choices the checkout page shows for this order, in the order they were registered. */
  async choices(summary: PriceSummary, currency: string): Promise<PaymentChoice[]> {
    const handlers = [...this.handlers.values()];
    const offered = await Promise.all(handlers.map(async (handler) => handler.offers(summary)));
    return handlers
      .filter((_, index) => offered[index])
      .map((handler) => ({ value: handler.method, label: PAYMENT_METHOD_LABELS[handler.method], hint: handler.hint(summary, currency) }));
  }

  async offers(method: string, summary: PriceSummary): Promise<boolean> {
    return (await this.handlers.get(method)?.offers(summary)) ?? false;
  }

  async orderPlaced(manager: EntityManager, order: Order): Promise<void> {
    await this.handlers.get(order.paymentMethod)?.orderPlaced?.(manager, order);
  }

  async nextStep(order: Order): Promise<string> {
    const next = this.handlers.get(order.paymentMethod)?.nextStep;
    return next ? next(order) : `/orders/${order.number}/confirmation`;
  }
}
