import { OrderStatus, PaymentMethod } from './entities/order.entity.js';

/**
 * The order state machine: which status may follow which. Only OrdersService.changeStatus moves an order.
 * A prepaid order goes from placed to paid when its payment arrives (a card's webhook, the owner's
 * "received" for a bank transfer). One move leaves cancelled: an order cancelled because its card payment
 * did not come in time is paid after all when that payment arrives late, taking its units again.
 */
export const NEXT_STATUSES: Record<OrderStatus, OrderStatus[]> = {
  [OrderStatus.Placed]: [OrderStatus.Confirmed, OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Cancelled],
  [OrderStatus.Confirmed]: [OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Cancelled],
  [OrderStatus.Paid]: [OrderStatus.Shipped, OrderStatus.Refunded],
  [OrderStatus.Shipped]: [OrderStatus.Delivered],
  [OrderStatus.Delivered]: [OrderStatus.Refunded],
  [OrderStatus.Cancelled]: [OrderStatus.Paid],
  [OrderStatus.Refunded]: [],
  // Cash-on-delivery risk (after-risk): a risky order waits for the customer's confirmation (→ placed) or the owner's (→ confirmed).
  [OrderStatus.AwaitingConfirmation]: [OrderStatus.Placed, OrderStatus.Confirmed, OrderStatus.Cancelled],
  // Its moves are the delivery life's; the member is here so the risk count compiles.
  [OrderStatus.Refused]: [],
};

/** Orders paid before they are sent: their payment record, not a button, makes them paid or refunded. */
const PREPAID: readonly PaymentMethod[] = [PaymentMethod.BankTransfer, PaymentMethod.Stripe, PaymentMethod.Safepay];

/**
 * The moves the order's page offers as buttons. A cancelled order is never revived by hand (only a late
 * payment does that), and a prepaid order's payment and refunds are made in its payment section, where
 * the payment record moves with the order.
 */
export function movesByHand(status: OrderStatus, paymentMethod: PaymentMethod): OrderStatus[] {
  if (status === OrderStatus.Cancelled) return [];
  // "Placed" is the customer's own confirmation by the emailed link; the owner confirms or cancels.
  if (status === OrderStatus.AwaitingConfirmation) return [OrderStatus.Confirmed, OrderStatus.Cancelled];
  const moves = NEXT_STATUSES[status];
  return PREPAID.includes(paymentMethod) ? moves.filter((to) => to !== OrderStatus.Paid && to !== OrderStatus.Refunded) : moves;
}

export const STATUS_LABELS: Record<OrderStatus, string> = {
  [OrderStatus.Placed]: 'Placed',
  [OrderStatus.Confirmed]: 'Confirmed',
  [OrderStatus.Paid]: 'Paid',
  [OrderStatus.Shipped]: 'Shipped',
  [OrderStatus.Delivered]: 'Delivered',
  [OrderStatus.Cancelled]: 'Cancelled',
  [OrderStatus.Refunded]: 'Refunded',
  [OrderStatus.AwaitingConfirmation]: 'Awaiting confirmation',
  [OrderStatus.Refused]: 'Refused',
};

/** Statuses after which the goods have left: cancelling then would not put units back on the shelf. */
export const RESTOCK_ON_CANCEL = new Set([OrderStatus.Placed, OrderStatus.Confirmed, OrderStatus.AwaitingConfirmation]);

/**
 * The orders whose totals count as revenue on the dashboard (sales, orders, average order value, top
 * products): every order still on its way or delivered. Cancelled orders never happened and refunded
 * ones gave the money back, so neither counts.
 */
export const REVENUE_STATUSES: readonly OrderStatus[] = [
  OrderStatus.Placed,
  OrderStatus.Confirmed,
  OrderStatus.Paid,
  OrderStatus.Shipped,
  OrderStatus.Delivered,
];
