/** Where an order's payment stands. Only the payment services move it, each move a conditional update. */
export enum PaymentStatus {
  /** Waiting: for the hosted page's webhook, the owner's "received" (bank transfer) or the courier (cash on delivery). */
  Pending = 'pending',
  Paid = 'paid',
  /** The provider said the payment failed; the shopper may try again until the order's stock is released. */
  Failed = 'failed',
  /** No payment came in time: the order was cancelled and its stock released. */
  Expired = 'expired',
  Refunded = 'refunded',
  PartiallyRefunded = 'partially_refunded',
}

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  [PaymentStatus.Pending]: 'Awaiting payment',
  [PaymentStatus.Paid]: 'Paid',
  [PaymentStatus.Failed]: 'Payment failed',
  [PaymentStatus.Expired]: 'Not paid in time',
  [PaymentStatus.Refunded]: 'Refunded',
  [PaymentStatus.PartiallyRefunded]: 'Partly refunded',
};

/** What a provider's event says happened to a payment. */
export type PaymentOutcome = 'paid' | 'failed' | 'ignored';

/**
 * What an event does to a payment in `status`, whatever order events arrive in: "paid" counts once,
 * from pending, failed (a second try succeeded) or expired (a late payment, which takes the stock back
 * or is flagged for a refund); "failed" counts only while the payment is still open. Anything else
 * (a failure after the payment, a repeat of "paid") changes nothing.
 */
export function statusAfter(status: PaymentStatus, outcome: PaymentOutcome): PaymentStatus | null {
  if (outcome === 'paid') return [PaymentStatus.Pending, PaymentStatus.Failed, PaymentStatus.Expired].includes(status) ? PaymentStatus.Paid : null;
  if (outcome === 'failed') return status === PaymentStatus.Pending ? PaymentStatus.Failed : null;
  return null;
}

/** Payments that still hold their order's stock until they are paid or released. */
export const OPEN_STATUSES: readonly PaymentStatus[] = [PaymentStatus.Pending, PaymentStatus.Failed];

/** Payments with money the shop holds, so a refund may be made. */
export const REFUNDABLE_STATUSES: readonly PaymentStatus[] = [PaymentStatus.Paid, PaymentStatus.PartiallyRefunded];
