import { PaymentMethod } from './entities/order.entity.js';

/** How each way of paying reads to the owner and the customer. */
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  [PaymentMethod.CashOnDelivery]: 'Cash on delivery',
  [PaymentMethod.BankTransfer]: 'Bank transfer',
  [PaymentMethod.Stripe]: 'Card or wallet (Stripe)',
  [PaymentMethod.Safepay]: 'Safepay',
};

/** How each payment method reads in a sentence of an email. */
export const PAYMENT_METHOD_NAMES: Record<PaymentMethod, string> = {
  [PaymentMethod.CashOnDelivery]: 'cash on delivery',
  [PaymentMethod.BankTransfer]: 'bank transfer',
  [PaymentMethod.Stripe]: 'card, paid online',
  [PaymentMethod.Safepay]: 'Safepay, paid online',
};

/** The line under each choice at checkout. */
export const PAYMENT_METHOD_HINTS: Record<PaymentMethod, string> = {
  [PaymentMethod.CashOnDelivery]: 'Pay the courier in cash when your order arrives.',
  [PaymentMethod.BankTransfer]: 'Transfer the total to our bank account; we send your order once it arrives.',
  [PaymentMethod.Stripe]: 'Pay by card, Apple Pay or Google Pay on Stripe’s secure page.',
  [PaymentMethod.Safepay]: 'Pay by card or bank account on Safepay’s secure page.',
};
