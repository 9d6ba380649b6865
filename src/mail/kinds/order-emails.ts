import type { EmailKindSpec } from '../email-kind-spec.js';

/** An order line as the emails print it: amounts already formatted in the order's currency. */
export interface OrderLineVariables {
  quantity: number;
  product: string;
  variant: string;
  total: string;
}

/** Where an order goes, as the customer typed it at checkout. */
export interface DeliveryVariables {
  name: string;
  address: string;
  city: string;
  postalCode: string;
  phone: string;
}

/** The shop's bank account, printed for a customer paying by bank transfer. */
export interface BankTransferVariables {
  accountTitle: string;
  bankName: string;
  accountNumber: string;
  instructions: string;
}

export interface OrderConfirmationVariables {
  customerName: string;
  orderNumber: string;
  lines: OrderLineVariables[];
  subtotal: string;
  discount: string;
  couponCode: string;
  shipping: string;
  shippingMethod: string;
  codFee: string;
  tax: string;
  taxRate: string;
  taxIncluded: boolean;
  total: string;
  paymentMethod: string;
  /** True when the customer pays by bank transfer: the email then shows where to send the money. */
  payByBankTransfer: boolean;
  bankTransfer: BankTransferVariables;
  delivery: DeliveryVariables;
  /** The order's tracking page, signed so it opens without typing anything. */
  trackUrl: string;
}

const sampleDelivery: DeliveryVariables = {
  name: 'Ayesha Khan',
  address: '12 Mall Road, Gulberg',
  city: 'Lahore',
  postalCode: '54000',
  phone: '0300 1234567',
};

export const orderConfirmation: EmailKindSpec<OrderConfirmationVariables> = {
  title: 'Order confirmation',
  description: 'Sent to the customer as soon as an order is placed.',
  variables: {
    customerName: 'The name given at checkout',
    orderNumber: 'The order number, such as AK-7KQ2M9XD',
    lines: {
      description: 'The items ordered',
      each: {
        quantity: 'How many',
        product: 'The product’s name',
        variant: 'Its size and colour, such as “M / Indigo”',
        total: 'The price of the line (quantity × unit price)',
      },
    },
    subtotal: 'The items’ total, before the discount and delivery',
    discount: 'The coupon’s discount on the items (empty without one)',
    couponCode: 'The coupon code used (empty without one)',
    shipping: 'The delivery charge (Rs 0 when free)',
    shippingMethod: 'The delivery option chosen',
    codFee: 'The cash-on-delivery fee (empty when there is none)',
    tax: 'The tax on the items (empty when the shop charges none)',
    taxRate: 'The tax rate, such as “17%”',
    taxIncluded: 'Whether the prices include the tax (then the total does not add it)',
    total: 'What the customer pays',
    paymentMethod: 'How the customer pays, such as “cash on delivery”',
    payByBankTransfer: 'Whether the customer pays by bank transfer (use with {{#if payByBankTransfer}})',
    bankTransfer: {
      description: 'Where to send a bank transfer (empty for other ways of paying)',
      fields: {
        accountTitle: 'The account’s title',
        bankName: 'The bank',
        accountNumber: 'The IBAN or account number',
        instructions: 'The owner’s extra instructions, such as where to send the receipt',
      },
    },
    delivery: {
      description: 'The delivery address',
      fields: { name: 'The recipient', address: 'The street address', city: 'The city', postalCode: 'The postal code', phone: 'The phone number' },
    },
    trackUrl: 'The order’s tracking page, where the customer follows it (opens without typing anything)',
  },
  sample: {
    customerName: 'Ayesha Khan',
    orderNumber: 'AK-7KQ2M9XD',
    lines: [
      { quantity: 2, product: 'Basant Block-Print Kurta', variant: 'M / Indigo', total: 'Rs 8,598' },
      { quantity: 1, product: 'Ravi Silk Dupatta', variant: 'One size / Rose', total: 'Rs 2,499' },
    ],
    subtotal: 'Rs 11,097',
    discount: 'Rs 1,110',
    couponCode: 'EID10',
    shipping: 'Rs 0',
    shippingMethod: 'Standard delivery (3–5 days)',
    // Paid by bank transfer, so the preview shows its block; there is no cash-on-delivery fee then.
    codFee: '',
    tax: 'Rs 1,451',
    taxRate: '17%',
    taxIncluded: true,
    total: 'Rs 9,987',
    paymentMethod: 'bank transfer',
    payByBankTransfer: true,
    bankTransfer: {
      accountTitle: 'Anarkali Clothing (Pvt) Ltd',
      bankName: 'Meezan Bank',
      accountNumber: 'PK36MEZN0001234567890123',
      instructions: 'Please send the receipt to orders@anarkali.pk.',
    },
    delivery: sampleDelivery,
    trackUrl: 'https://shop.example/orders/track/AK-7KQ2M9XD?t=sample',
  },
};
