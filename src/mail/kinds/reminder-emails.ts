import type { EmailKindSpec } from '../email-kind-spec.js';

export interface CodConfirmationVariables {
  customerName: string;
  orderNumber: string;
  total: string;
  /** The page that asks the customer to confirm with one click (no sign-in needed). */
  confirmUrl: string;
  /** How long the order waits, in words: “48 hours”. */
  waitFor: string;
}

export interface CartReminderVariables {
  /** The shopper's name when signed in; empty for a guest. */
  name: string;
  lines: { quantity: number; product: string; variant: string }[];
  cartUrl: string;
  /** The page that stops these reminders for this address, without signing in. */
  unsubscribeUrl: string;
}

export interface BackInStockVariables {
  product: string;
  variant: string;
  productUrl: string;
}

export const codConfirmation: EmailKindSpec<CodConfirmationVariables> = {
  title: 'Please confirm your order',
  description:
    'Sent instead of the confirmation when a cash-on-delivery order waits for the customer’s word (its phone or email had orders refused or cancelled).',
  variables: {
    customerName: 'The name given at checkout',
    orderNumber: 'The order number, such as AK-7KQ2M9XD',
    total: 'What the customer pays on delivery',
    confirmUrl: 'The page where the customer confirms the order with one click',
    waitFor: 'How long the order waits before it is cancelled, such as “48 hours”',
  },
  sample: {
    customerName: 'Ayesha Khan',
    orderNumber: 'AK-7KQ2M9XD',
    total: 'Rs 5,400',
    confirmUrl: 'https://shop.example/orders/AK-7KQ2M9XD/confirm/k3Xo2P_sample-link-token',
    waitFor: '48 hours',
  },
};

export const cartReminder: EmailKindSpec<CartReminderVariables> = {
  title: 'Your cart is waiting',
  description: 'Sent once for a cart left untouched a day (CART_REMINDER_HOURS) by a signed-in shopper or a guest who gave an email at checkout.',
  variables: {
    name: 'The shopper’s name (empty for a guest)',
    lines: {
      description: 'What is in the cart',
      each: { quantity: 'How many', product: 'The product’s name', variant: 'Its size and colour' },
    },
    cartUrl: 'The cart page',
    unsubscribeUrl: 'The page that stops these reminders for this address',
  },
  sample: {
    name: 'Hina Qureshi',
    lines: [{ quantity: 1, product: 'Angrakha Kurta', variant: 'M / Indigo' }],
    cartUrl: 'https://shop.example/cart',
    unsubscribeUrl: 'https://shop.example/reminders/unsubscribe/aGluYUBleGFtcGxlLnRlc3Q.sample-signature',
  },
};

export const backInStock: EmailKindSpec<BackInStockVariables> = {
  title: 'Back in stock',
  description: 'Sent once to each address that asked, when a sold-out size comes back in stock.',
  variables: {
    product: 'The product’s name',
    variant: 'The size and colour that is back',
    productUrl: 'The product’s page',
  },
  sample: { product: 'Angrakha Kurta', variant: 'M / Indigo', productUrl: 'https://shop.example/products/angrakha-kurta' },
};
