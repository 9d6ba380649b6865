/** The orders CSV: one row per order, money in the order's currency's major units ("2499.00"). */
export const ORDER_CSV_COLUMNS = [
  'number',
  'placed_at',
  'status',
  'payment_method',
  'shipping_method',
  'customer_name',
  'email',
  'phone',
  'address',
  'city',
  'postal_code',
  'items',
  'currency',
  'subtotal',
  'shipping',
  'total',
] as const;

export type OrderCsvRow = Record<(typeof ORDER_CSV_COLUMNS)[number], string>;
