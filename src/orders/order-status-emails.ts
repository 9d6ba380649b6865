import { formatMoney } from '../common/money.js';
import type { OutgoingEmail } from '../mail/mail.service.js';
import { carrierOf, trackingLink } from './carriers.js';
import { type Order, OrderStatus, PaymentMethod } from './entities/order.entity.js';
import { PAYMENT_METHOD_NAMES } from './payment-methods.js';

/** What a status email needs besides the order: its signed tracking page, the move's note, and the payment's state. */
export interface StatusEmailContext {
  orderUrl: string;
  note: string | null;
  /** The payment had arrived (a cancelled order's money comes back). */
  paid: boolean;
  refundedMinor: number;
}

/**
 * The email the customer gets when their order moves to `to`, or null for a move that sends none (a
 * confirmation by the owner, a parcel refused at the door, a late payment reviving an order).
 */
export function statusEmail(order: Order, to: OrderStatus, context: StatusEmailContext): OutgoingEmail | null {
  const news = { customerName: order.fullName, orderNumber: order.number, orderUrl: context.orderUrl };
  switch (to) {
    case OrderStatus.Shipped:
      return {
        kind: 'order_shipped',
        to: order.email,
        variables: {
          ...news,
          carrier: carrierOf(order.carrier)?.label ?? order.carrier ?? '',
          trackingNumber: order.trackingNumber ?? '',
          trackingUrl: trackingLink(order.carrier, order.trackingNumber) ?? '',
          amountDue: order.paymentMethod === PaymentMethod.CashOnDelivery ? formatMoney(order.totalMinor, order.currency) : '',
        },
      };
    case OrderStatus.Delivered:
      return { kind: 'order_delivered', to: order.email, variables: news };
    case OrderStatus.Cancelled:
      return { kind: 'order_cancelled', to: order.email, variables: { ...news, reason: context.note ?? '', wasPaid: context.paid } };
    case OrderStatus.Refunded:
      return {
        kind: 'order_refunded',
        to: order.email,
        variables: { ...news, amount: formatMoney(context.refundedMinor, order.currency), paymentMethod: PAYMENT_METHOD_NAMES[order.paymentMethod] },
      };
    default:
      return null;
  }
}

/** The owners' notice that a customer cancelled their order before it shipped. */
export function ownerCancellationEmail(order: Order, to: string, publicUrl: string): OutgoingEmail<'order_cancelled_by_customer'> {
  return {
    kind: 'order_cancelled_by_customer',
    to,
    variables: {
      orderNumber: order.number,
      customerName: order.fullName,
      email: order.email,
      phone: order.phone,
      total: formatMoney(order.totalMinor, order.currency),
      adminUrl: `${publicUrl}/admin/orders/${encodeURIComponent(order.number)}`,
    },
  };
}
