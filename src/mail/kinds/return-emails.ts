import type { EmailKindSpec, VariablesOf } from '../email-kind-spec.js';

/** A line of a return as its emails print it. */
export interface ReturnLineVariables {
  quantity: number;
  product: string;
  variant: string;
  reason: string;
  /** "Refund" or "Exchange for L / Indigo". */
  outcome: string;
}

/** What every email about a return may use. */
export interface ReturnEmailVariables {
  customerName: string;
  orderNumber: string;
  returnNumber: string;
  lines: ReturnLineVariables[];
  /** The owner's note to the customer ('' for none). */
  ownerNote: string;
  /** The return's page: the customer's (signed link) or the owner's in the panel. */
  returnUrl: string;
}

const variables: VariablesOf<ReturnEmailVariables> = {
  customerName: 'The customer’s name',
  orderNumber: 'The order the items came from, such as AK-7Q2M9XKD',
  returnNumber: 'The return’s number, such as RT-4HX8PQ2M',
  lines: {
    description: 'The lines sent back',
    each: {
      quantity: 'How many units',
      product: 'The product’s name',
      variant: 'The size and colour sent back',
      reason: 'Why, as the customer chose it',
      outcome: '“Refund” or “Exchange for L / Indigo”',
    },
  },
  ownerNote: 'The shop’s note to the customer (empty when none)',
  returnUrl: 'The return’s page',
};

const sample: ReturnEmailVariables = {
  customerName: 'Ayesha Khan',
  orderNumber: 'AK-7Q2M9XKD',
  returnNumber: 'RT-4HX8PQ2M',
  lines: [{ quantity: 1, product: 'Angrakha Kurta', variant: 'M / Indigo', reason: 'Too small', outcome: 'Exchange for L / Indigo' }],
  ownerNote: '',
  returnUrl: 'https://shop.example/orders/AK-7Q2M9XKD/return',
};

export const returnRequested: EmailKindSpec<ReturnEmailVariables> = {
  title: 'Return requested (to you)',
  description: 'Sent to the owner when a customer asks to return or exchange items.',
  variables,
  sample: { ...sample, returnUrl: 'https://shop.example/admin/returns/RT-4HX8PQ2M' },
};

export const returnApproved: EmailKindSpec<ReturnEmailVariables> = {
  title: 'Return approved',
  description: 'Sent to the customer when you approve a return with only refunds.',
  variables,
  sample: { ...sample, lines: [{ ...sample.lines[0], outcome: 'Refund' }] },
};

export const exchangeApproved: EmailKindSpec<ReturnEmailVariables> = {
  title: 'Exchange approved',
  description: 'Sent to the customer when you approve a return with an exchange: their replacement is held for them.',
  variables,
  sample,
};

export const returnRejected: EmailKindSpec<ReturnEmailVariables> = {
  title: 'Return rejected',
  description: 'Sent to the customer when you reject a return, with your note.',
  variables,
  sample: { ...sample, ownerNote: 'The kurta was worn and washed.' },
};
