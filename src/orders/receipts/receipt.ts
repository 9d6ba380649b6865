import type { OrderLine } from '../entities/order-line.entity.js';
import type { Order } from '../entities/order.entity.js';
import { PAYMENT_METHOD_LABELS } from '../payment-methods.js';

/** An order as it was placed, kept whole in order_receipt: everything the receipt and the invoice print. */
export interface Receipt {
  orderNumber: string;
  /** ISO 8601. */
  placedAt: string;
  shopName: string;
  currency: string;
  customer: { fullName: string; email: string; phone: string };
  shipTo: { fullName: string; address: string; city: string; postalCode: string; phone: string };
  paymentMethod: string;
  shippingMethod: string;
  lines: {
    productName: string;
    variantLabel: string;
    sku: string;
    quantity: number;
    unitPriceMinor: number;
    lineTotalMinor: number;
    discountMinor: number;
    taxMinor: number;
  }[];
  subtotalMinor: number;
  discountMinor: number;
  couponCode: string | null;
  shippingMinor: number;
  codFeeMinor: number;
  taxMinor: number;
  taxRateBasisPoints: number;
  taxInclusive: boolean;
  totalMinor: number;
}

type LineValues = Pick<OrderLine, 'productName' | 'variantLabel' | 'sku' | 'quantity' | 'unitPriceMinor' | 'lineTotalMinor' | 'discountMinor' | 'taxMinor'>;

/** The receipt of an order and its lines, as they are at this moment. */
export function receiptOf(order: Omit<Order, 'id' | 'status' | 'userId' | 'checkoutKey'>, lines: LineValues[], shopName: string): Receipt {
  return {
    orderNumber: order.number,
    placedAt: order.placedAt.toISOString(),
    shopName,
    currency: order.currency,
    customer: { fullName: order.fullName, email: order.email, phone: order.phone },
    shipTo: { fullName: order.fullName, address: order.address, city: order.city, postalCode: order.postalCode, phone: order.phone },
    paymentMethod: PAYMENT_METHOD_LABELS[order.paymentMethod] ?? order.paymentMethod,
    shippingMethod: order.shippingMethod,
    lines: lines.map((line) => ({
      productName: line.productName,
      variantLabel: line.variantLabel,
      sku: line.sku,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      lineTotalMinor: line.lineTotalMinor,
      discountMinor: line.discountMinor,
      taxMinor: line.taxMinor,
    })),
    subtotalMinor: order.subtotalMinor,
    discountMinor: order.discountMinor,
    couponCode: order.couponCode,
    shippingMinor: order.shippingMinor,
    codFeeMinor: order.codFeeMinor,
    taxMinor: order.taxMinor,
    taxRateBasisPoints: order.taxRateBasisPoints,
    taxInclusive: order.taxInclusive,
    totalMinor: order.totalMinor,
  };
}
