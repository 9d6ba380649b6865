import type { BankAccount } from '../../settings/settings.service.js';
import { PaymentMethod } from '../entities/order.entity.js';
import { PAYMENT_METHOD_LABELS } from '../payment-methods.js';
import type { OrderPayment } from './entities/order-payment.entity.js';
import { PAYMENT_STATUS_LABELS, PaymentStatus } from './payment-status.js';

/**
 * Where a hosted payment stands for the shopper's payment page: paid (go to the confirmation), waiting
 * for the provider's word, open but without a page (the provider could not be reached, or the shopper
 * left it), failed, or released.
 */
export type ShopperPaymentState = 'paid' | 'waiting' | 'unavailable' | 'left' | 'failed' | 'released';

/** An order's payment as the shopper's pages tell it (confirmation, payment page). */
export interface ShopperPayment {
  method: PaymentMethod;
  label: string;
  statusLabel: string;
  paid: boolean;
  payOnDelivery: boolean;
  bankTransfer: BankAccount | null;
  /** A hosted payment not made yet: the confirmation offers to finish it. */
  awaitingOnline: boolean;
  releaseAt: Date | null;
  /** Paid after the order was released and its items sold: the shop owes the money back. */
  refundDue: boolean;
}

export function shopperPayment(payment: OrderPayment | null, method: PaymentMethod, bankAccount: BankAccount | null): ShopperPayment {
  const status = payment?.status ?? PaymentStatus.Pending;
  const online = method === PaymentMethod.Stripe || method === PaymentMethod.Safepay;
  return {
    method,
    label: PAYMENT_METHOD_LABELS[method],
    statusLabel: PAYMENT_STATUS_LABELS[status],
    paid: status === PaymentStatus.Paid,
    payOnDelivery: method === PaymentMethod.CashOnDelivery,
    bankTransfer: method === PaymentMethod.BankTransfer && status === PaymentStatus.Pending ? bankAccount : null,
    awaitingOnline: online && (status === PaymentStatus.Pending || status === PaymentStatus.Failed),
    releaseAt: payment?.holdStockUntil ?? null,
    refundDue: payment?.needsRefund ?? false,
  };
}

/** The payment page's state; `left` when the shopper came back through the provider's cancel link. */
export function shopperPaymentState(payment: OrderPayment, left: boolean): ShopperPaymentState {
  switch (payment.status) {
    case PaymentStatus.Pending:
      if (!payment.checkoutUrl) return 'unavailable';
      return left ? 'left' : 'waiting';
    case PaymentStatus.Failed:
      return 'failed';
    case PaymentStatus.Expired:
      return 'released';
    default:
      return 'paid';
  }
}

/** An order's payment as the owner's order page shows it, with what may be done next. */
export interface OwnerPayment {
  label: string;
  statusLabel: string;
  status: PaymentStatus;
  amountMinor: number;
  refundedMinor: number;
  refundableMinor: number;
  reference: string | null;
  needsRefund: boolean;
  couponOverLimit: boolean;
  canRefund: boolean;
  canMarkReceived: boolean;
  refunds: { amountMinor: number; byEmail: string; createdAt: Date; restocked: boolean; reason: string | null }[];
}

export function ownerPayment(payment: OrderPayment, refunds: OwnerPayment['refunds']): OwnerPayment {
  const refundableMinor = payment.amountMinor - payment.refundedMinor;
  return {
    label: PAYMENT_METHOD_LABELS[payment.provider],
    statusLabel: PAYMENT_STATUS_LABELS[payment.status],
    status: payment.status,
    amountMinor: payment.amountMinor,
    refundedMinor: payment.refundedMinor,
    refundableMinor,
    reference: payment.providerReference,
    needsRefund: payment.needsRefund,
    couponOverLimit: payment.couponOverLimit,
    canRefund: (payment.status === PaymentStatus.Paid || payment.status === PaymentStatus.PartiallyRefunded) && refundableMinor > 0,
    canMarkReceived: payment.provider === PaymentMethod.BankTransfer && payment.status === PaymentStatus.Pending,
    refunds: refunds.map(({ amountMinor, byEmail, createdAt, restocked, reason }) => ({ amountMinor, byEmail, createdAt, restocked, reason })),
  };
}
