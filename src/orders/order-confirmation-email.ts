import type { CartLineView } from '../cart/cart.service.js';
import { formatMoney } from '../common/money.js';
import { percentOf } from '../common/percent.js';
import type { BankAccount } from '../settings/settings.service.js';
import type { Order } from './entities/order.entity.js';
import { PAYMENT_METHOD_NAMES } from './payment-methods.js';
import type { PriceSummary } from './pricing/price-summary.js';

/**
 * The confirmation email's values: the order as placed, every amount formatted in its currency ('' for
 * an amount it does not have), and where to send the money when it is paid by bank transfer.
 */
export function confirmationEmail(order: Order, summary: PriceSummary<CartLineView>, bankAccount: BankAccount | null, trackUrl: string) {
  const money = (minor: number) => formatMoney(minor, order.currency);
  const unlessZero = (minor: number) => (minor > 0 ? money(minor) : '');
  return {
    kind: 'order_confirmation' as const,
    to: order.email,
    variables: {
      customerName: order.fullName,
      orderNumber: order.number,
      lines: summary.lines.map(({ line, lineTotalMinor }) => ({
        quantity: line.quantity,
        product: line.productName,
        variant: line.label,
        total: money(lineTotalMinor),
      })),
      subtotal: money(order.subtotalMinor),
      discount: unlessZero(order.discountMinor),
      couponCode: order.couponCode ?? '',
      shipping: money(order.shippingMinor),
      shippingMethod: order.shippingMethod,
      codFee: unlessZero(order.codFeeMinor),
      tax: unlessZero(order.taxMinor),
      taxRate: percentOf(order.taxRateBasisPoints),
      taxIncluded: order.taxInclusive,
      total: money(order.totalMinor),
      paymentMethod: PAYMENT_METHOD_NAMES[order.paymentMethod],
      payByBankTransfer: bankAccount !== null,
      bankTransfer: bankAccount ?? { accountTitle: '', bankName: '', accountNumber: '', instructions: '' },
      delivery: { name: order.fullName, address: order.address, city: order.city, postalCode: order.postalCode, phone: order.phone },
      trackUrl,
    },
  };
}
