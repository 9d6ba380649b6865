import { PaymentMethod } from './entities/order.entity.js';

/** How each way of paying reads to the owner and the customer. */
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  [PaymentMethod.CashOnDelivery]: 'Cash on delivery',
};
