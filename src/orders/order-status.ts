import { OrderStatus, PaymentMethod } from './entities/order.entity.js';

/**
 * The order state machine: where the goods are, for every way of paying. Only
 * OrdersService.changeStatus moves an order. Payment is a dimension of its own (order_payment.status):
 * a prepaid order is paid before it ships (changeStatus refuses to ship it unpaid), and cash on delivery
 * is paid when delivered and the cash collected.
 *
 *   placed → confirmed → shipped → delivered → refunded
 *                          ↘ refused (at the door, or returned to sender)
 *   placed / confirmed → cancelled (a paid one keeps its status; its payment shows the refund)
 *
 * Refunded is reached only through a refund (Refunds), which records the amount. One move leaves
 * cancelled besides: an order cancelled because its card payment did not come in time goes back to
 * placed when that payment arrives late, taking its units again.
 */
export const NEXT_STATUSES: Record<OrderStatus, OrderStatus[]> = {
  [OrderStatus.Placed]: [OrderStatus.Confirmed, OrderStatus.Shipped, OrderStatus.Cancelled, OrderStatus.Refunded],
  [OrderStatus.Confirmed]: [OrderStatus.Shipped, OrderStatus.Cancelled, OrderStatus.Refunded],
  [OrderStatus.Shipped]: [OrderStatus.Delivered, OrderStatus.Refused],
  [OrderStatus.Delivered]: [OrderStatus.Refunded],
  [OrderStatus.Refused]: [OrderStatus.Refunded],
  [OrderStatus.Cancelled]: [OrderStatus.Placed],
  [OrderStatus.Refunded]: [],
  // Cash-on-delivery risk (after-risk): a risky order waits for the customer's confirmation (→ placed) or the owner's (→ confirmed).
  [OrderStatus.AwaitingConfirmation]: [OrderStatus.Placed, OrderStatus.Confirmed, OrderStatus.Cancelled],
};

/** Orders paid before they are sent: their payment must have arrived before they ship. */
export const PREPAID: readonly PaymentMethod[] = [PaymentMethod.BankTransfer, PaymentMethod.Stripe, PaymentMethod.Safepay];

/**
 * The moves the order's page offers as buttons. A cancelled order is never revived by hand (only a late
 * payment does that), and refunds are made in the payment section, where the amount is recorded.
 */
export function movesByHand(status: OrderStatus): OrderStatus[] {
  if (status === OrderStatus.Cancelled) return [];
  // "Placed" is the customer's own confirmation by the emailed link; the owner confirms or cancels.
  if (status === OrderStatus.AwaitingConfirmation) return [OrderStatus.Confirmed, OrderStatus.Cancelled];
  return NEXT_STATUSES[status].filter((to) => to !== OrderStatus.Refunded);
}

export const STATUS_LABELS: Record<OrderStatus, string> = {
  [OrderStatus.Placed]: 'Placed',
  [OrderStatus.Confirmed]: 'Confirmed',
  [OrderStatus.Shipped]: 'Shipped',
  [OrderStatus.Delivered]: 'Delivered',
  [OrderStatus.Refused]: 'Refused / returned to sender',
  [OrderStatus.Cancelled]: 'Cancelled',
  [OrderStatus.Refunded]: 'Refunded',
  [OrderStatus.AwaitingConfirmation]: 'Awaiting confirmation',
};

/** The button of each move on the owner's order page. */
export const MOVE_LABELS: Record<OrderStatus, string> = {
  [OrderStatus.Placed]: 'Mark as placed',
  [OrderStatus.Confirmed]: 'Confirm',
  [OrderStatus.Shipped]: 'Ship',
  [OrderStatus.Delivered]: 'Mark as delivered',
  [OrderStatus.Refused]: 'Refused / returned to sender',
  [OrderStatus.Cancelled]: 'Cancel order',
  [OrderStatus.Refunded]: 'Mark as refunded',
  [OrderStatus.AwaitingConfirmation]: 'Back to awaiting confirmation',
};

/** Statuses before the goods leave: an order may be cancelled (by the owner or its customer) and its units go back on the shelf. */
export const RESTOCK_ON_CANCEL = new Set([OrderStatus.Placed, OrderStatus.Confirmed, OrderStatus.AwaitingConfirmation]);

/**
 * The orders whose totals count as revenue on the dashboard (sales, orders, average order value, top
 * products): every order still on its way or delivered, paid or not yet. Cancelled and refused orders
 * never happened and refunded ones gave the money back, so none of them counts.
 */
export const REVENUE_STATUSES: readonly OrderStatus[] = [OrderStatus.Placed, OrderStatus.Confirmed, OrderStatus.Shipped, OrderStatus.Delivered];
