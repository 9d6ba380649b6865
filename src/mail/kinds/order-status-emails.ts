import type { EmailKindSpec } from '../email-kind-spec.js';

/** What every email about an order's progress says: to whom, which order, and its tracking page. */
interface OrderNewsVariables {
  customerName: string;
  orderNumber: string;
  /** The order's tracking page, signed so that it opens without typing anything. */
  orderUrl: string;
}

const newsVariables = {
  customerName: 'The name given at checkout',
  orderNumber: 'The order number, such as AK-7KQ2M9XD',
  orderUrl: 'The order’s tracking page (opens without typing anything)',
} as const;

const sampleNews: OrderNewsVariables = {
  customerName: 'Ayesha Khan',
  orderNumber: 'AK-7KQ2M9XD',
  orderUrl: 'https://shop.example/orders/track/AK-7KQ2M9XD?t=sample',
};

export interface OrderShippedVariables extends OrderNewsVariables {
  carrier: string;
  trackingNumber: string;
  /** The courier's tracking page for the parcel; empty for a courier without one. */
  trackingUrl: string;
  /** What the courier collects at the door (cash on delivery); empty for a prepaid order. */
  amountDue: string;
}

export const orderShipped: EmailKindSpec<OrderShippedVariables> = {
  title: 'Order shipped',
  description: 'Sent to the customer when the order is marked shipped, with the courier and tracking number.',
  variables: {
    ...newsVariables,
    carrier: 'The courier, such as “TCS”',
    trackingNumber: 'The courier’s tracking number',
    trackingUrl: 'The courier’s tracking page for the parcel (empty for a courier without one)',
    amountDue: 'The cash to pay at the door (empty when the order is paid already)',
  },
  sample: { ...sampleNews, carrier: 'TCS', trackingNumber: '7781 2290 14', trackingUrl: 'https://www.tcsexpress.com/track/7781229014', amountDue: 'Rs 9,987' },
};

export type OrderDeliveredVariables = OrderNewsVariables;

export const orderDelivered: EmailKindSpec<OrderDeliveredVariables> = {
  title: 'Order delivered',
  description: 'Sent to the customer when the order is marked delivered.',
  variables: newsVariables,
  sample: sampleNews,
};

export interface OrderCancelledVariables extends OrderNewsVariables {
  /** Why, as the shop wrote it (empty when no reason was given). */
  reason: string;
  /** True when the order had been paid: the email says the money comes back. */
  wasPaid: boolean;
}

export const orderCancelled: EmailKindSpec<OrderCancelledVariables> = {
  title: 'Order cancelled',
  description: 'Sent to the customer when the order is cancelled, by the shop or by the customer.',
  variables: {
    ...newsVariables,
    reason: 'Why it was cancelled (empty when no reason was given)',
    wasPaid: 'Whether the order had been paid, so the money will be refunded (use with {{#if wasPaid}})',
  },
  sample: { ...sampleNews, reason: 'Cancelled at your request', wasPaid: false },
};

export interface OrderRefundedVariables extends OrderNewsVariables {
  amount: string;
  paymentMethod: string;
}

export const orderRefunded: EmailKindSpec<OrderRefundedVariables> = {
  title: 'Order refunded',
  description: 'Sent to the customer when the order is refunded in full.',
  variables: {
    ...newsVariables,
    amount: 'The amount refunded',
    paymentMethod: 'How it was paid, and so how the money comes back, such as “bank transfer”',
  },
  sample: { ...sampleNews, amount: 'Rs 9,987', paymentMethod: 'bank transfer' },
};

export interface OrderCancelledByCustomerVariables {
  orderNumber: string;
  customerName: string;
  email: string;
  phone: string;
  total: string;
  /** The order's page in the panel. */
  adminUrl: string;
}

export const orderCancelledByCustomer: EmailKindSpec<OrderCancelledByCustomerVariables> = {
  title: 'Order cancelled by the customer (to the owner)',
  description: 'Sent to the owners when a customer cancels their own order before it ships.',
  variables: {
    orderNumber: 'The order number',
    customerName: 'The name given at checkout',
    email: 'The customer’s email',
    phone: 'The customer’s phone number',
    total: 'The order’s total',
    adminUrl: 'The order’s page in the panel',
  },
  sample: {
    orderNumber: 'AK-7KQ2M9XD',
    customerName: 'Ayesha Khan',
    email: 'ayesha@example.com',
    phone: '0300 1234567',
    total: 'Rs 9,987',
    adminUrl: 'https://shop.example/admin/orders/AK-7KQ2M9XD',
  },
};
