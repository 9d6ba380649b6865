import type { OrderStatusChange } from './entities/order-status-change.entity.js';
import { OrderStatus, PaymentMethod } from './entities/order.entity.js';
import { STATUS_LABELS } from './order-status.js';
import { PaymentStatus } from './payments/payment-status.js';

/** One step of an order's timeline, as the owner's page and the customer's pages show it. */
export interface TimelineEntry {
  label: string;
  createdAt: Date;
  note: string | null;
  /** Who made it (a staff email, "Stripe webhook", "Customer"); the customer's pages leave it out. */
  changedBy: string | null;
  status: OrderStatus;
}

const PAYMENT_STEP_LABELS: Partial<Record<PaymentStatus, string>> = {
  [PaymentStatus.Paid]: 'Payment received',
  [PaymentStatus.Refunded]: 'Refunded',
};

/** The order's history, oldest first: each move of the order, and of its payment, labelled. */
export function timelineOf(changes: OrderStatusChange[], method: PaymentMethod): TimelineEntry[] {
  return changes.map((change) => {
    const paymentOnly = change.payment !== null && change.fromStatus === change.toStatus;
    const cash = method === PaymentMethod.CashOnDelivery && change.payment === PaymentStatus.Paid;
    let label = STATUS_LABELS[change.toStatus];
    if (paymentOnly) label = cash ? 'Cash collected' : (PAYMENT_STEP_LABELS[change.payment as PaymentStatus] ?? 'Payment updated');
    else if (cash) label = `${label}, cash collected`;
    return { label, createdAt: change.createdAt, note: change.note, changedBy: change.changedBy, status: change.toStatus };
  });
}
