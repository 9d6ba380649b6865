import { OrderStatus } from './entities/order.entity.js';

/** The order state machine: which status may follow which. Only OrdersService.changeStatus moves an order. */
export const NEXT_STATUSES: Record<OrderStatus, OrderStatus[]> = {
  [OrderStatus.Placed]: [OrderStatus.Confirmed, OrderStatus.Shipped, OrderStatus.Cancelled],
  [OrderStatus.Confirmed]: [OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Cancelled],
  [OrderStatus.Paid]: [OrderStatus.Shipped, OrderStatus.Refunded],
  [OrderStatus.Shipped]: [OrderStatus.Delivered],
  [OrderStatus.Delivered]: [OrderStatus.Refunded],
  [OrderStatus.Cancelled]: [],
  [OrderStatus.Refunded]: [],
};

export const STATUS_LABELS: Record<OrderStatus, string> = {
  [OrderStatus.Placed]: 'Placed',
  [OrderStatus.Confirmed]: 'Confirmed',
  [OrderStatus.Paid]: 'Paid',
  [OrderStatus.Shipped]: 'Shipped',
  [OrderStatus.Delivered]: 'Delivered',
  [OrderStatus.Cancelled]: 'Cancelled',
  [OrderStatus.Refunded]: 'Refunded',
};

/** Statuses after which the goods have left: cancelling then would not put units back on the shelf. */
export const RESTOCK_ON_CANCEL = new Set([OrderStatus.Placed, OrderStatus.Confirmed]);

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
