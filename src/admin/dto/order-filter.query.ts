import { QueryFilters } from '../../common/query-filters.js';
import { OrderStatus, PaymentMethod } from '../../orders/entities/order.entity.js';
import type { OrderFilter } from '../../orders/order-search.js';

const MAX_SEARCH_LENGTH = 100;

/** The order list's filters as its GET form sends them: status, payment, from, to, q. */
export function readOrderFilter(query: unknown, zone: string): { filter: OrderFilter; form: QueryFilters } {
  const form = new QueryFilters(query);
  // Read in the form's order, so the pagination links name the filters as the form itself sends them.
  const filter: OrderFilter = {
    search: form.text('q', MAX_SEARCH_LENGTH),
    status: form.choice('status', Object.values(OrderStatus), 'Please choose a status from the list.'),
    paymentMethod: form.choice('payment', Object.values(PaymentMethod), 'Please choose a payment method from the list.'),
    placed: form.dayRange('from', 'to', zone),
  };
  return { filter, form };
}
