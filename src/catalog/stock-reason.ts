/** Why a variant's stock changed, as written in the inventory ledger (stock_movement.reason). */
export const StockReason = {
  Initial: 'initial stock',
  Sale: 'sale',
  OrderCancelled: 'order cancelled',
  Received: 'received',
  /** The owner set the count by hand (the product editor's grid, a stock count). */
  Correction: 'correction',
  Damaged: 'damaged',
  Returned: 'returned',
  /** A card payment did not come within the release window: the order was cancelled and its units freed. */
  PaymentExpired: 'payment not received',
  /** A risky cash-on-delivery order was not confirmed in time: it was cancelled and its units freed. */
  NotConfirmed: 'not confirmed',
  /** The owner refunded an order and put its units back. */
  Refunded: 'refunded',
  /** A customer asked to exchange a line: the replacement is held for them while their parcel travels back. */
  ExchangeReserved: 'exchange reserved',
  /** The exchange was rejected: the replacement held for it goes back on the shelf. */
  ExchangeReleased: 'exchange released',
  /** A customer's returned units arrived back at the shop. */
  ReturnReceived: 'return received',
  /** A cash-on-delivery parcel refused at the door or returned to sender: its units are back on the shelf. */
  Refused: 'refused at the door',
} as const;

export type AdjustmentReason = typeof StockReason.Received | typeof StockReason.Correction | typeof StockReason.Damaged | typeof StockReason.Returned;

/**
 * The reasons someone in the panel may give for changing stock by hand, and which way each moves it:
 * received and returned units arrive, damaged ones leave, a correction (a count that disagreed) goes
 * either way. The adjustment form offers them in this order.
 */
export const ADJUSTMENT_REASONS: readonly { reason: AdjustmentReason; label: string; direction: 'in' | 'out' | 'either' }[] = [
  { reason: StockReason.Received, label: 'Received (units arrived)', direction: 'in' },
  { reason: StockReason.Returned, label: 'Returned by a customer', direction: 'in' },
  { reason: StockReason.Damaged, label: 'Damaged (units leave)', direction: 'out' },
  { reason: StockReason.Correction, label: 'Correction (after a count)', direction: 'either' },
];

export function isAdjustmentReason(value: unknown): value is AdjustmentReason {
  return ADJUSTMENT_REASONS.some((option) => option.reason === value);
}
