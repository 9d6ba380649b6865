/**
 * The orders CSV: one row per order, money in the order's currency's major units ("2499.00"), every
 * amount the order was priced with (total = subtotal - discount + shipping + cod_fee, plus tax when
 * prices exclude it), where its payment stands (blank for an order placed before payments were
 * recorded), and the courier and tracking number it shipped with (blank until it ships).
 */
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
  'discount',
  'coupon_code',
  'shipping',
  'cod_fee',
  'tax',
  'tax_included',
  'total',
  'payment_status',
  'refunded',
  'carrier',
  'tracking_number',
] as const;

export type OrderCsvRow = Record<(typeof ORDER_CSV_COLUMNS)[number], string>;
