/** Why a variant's stock changed, as written in the inventory ledger (stock_movement.reason). */
export const StockReason = {
  Initial: 'initial stock',
  Sale: 'sale',
  OrderCancelled: 'order cancelled',
} as const;
