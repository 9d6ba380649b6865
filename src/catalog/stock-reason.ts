/** Why a variant's stock changed, as written in the inventory ledger (stock_movement.reason). */
export const StockReason = {
  Initial: 'initial stock',
  Sale: 'sale',
  OrderCancelled: 'order cancelled',
  /** The owner set the count by hand (the product editor's grid). */
  Correction: 'correction',
} as const;
