import type { EmailKindSpec } from '../email-kind-spec.js';

export interface LowStockDigestVariables {
  /** The store's day the digest is about, YYYY-MM-DD. */
  day: string;
  /** "2 running low", "1 broken size run": counted words, so no template has to make plurals. */
  lowStockSummary: string;
  brokenRunSummary: string;
  lowStock: { product: string; variant: string; sku: string; left: string }[];
  /** Rows beyond those listed, 0 when every one is. */
  moreLowStock: number;
  brokenRuns: { product: string; soldOutSizes: string; inStockSizes: string }[];
  moreBrokenRuns: number;
  inventoryUrl: string;
}

export const lowStockDigest: EmailKindSpec<LowStockDigestVariables> = {
  title: 'Low-stock digest',
  description: 'Sent to the owner each morning when some variants run low or a colour has a broken size run.',
  variables: {
    day: 'The day it is about, such as 2026-11-27',
    lowStockSummary: 'How many variants run low, in words: “2 running low”',
    brokenRunSummary: 'How many broken size runs, in words: “1 broken size run”',
    lowStock: {
      description: 'The variants running low, sold-out ones first',
      each: { product: 'The product’s name', variant: 'Its size and colour', sku: 'Its SKU', left: '“3 left” or “sold out”' },
    },
    moreLowStock: 'How many more run low than are listed (0 when all are)',
    brokenRuns: {
      description: 'Colours with some sizes sold out while others remain',
      each: { product: 'The product, with the colour: “Angrakha Kurta in Indigo”', soldOutSizes: 'The sizes sold out', inStockSizes: 'The sizes in stock' },
    },
    moreBrokenRuns: 'How many more broken size runs there are than are listed',
    inventoryUrl: 'The inventory page of the panel',
  },
  sample: {
    day: '2026-11-27',
    lowStockSummary: '2 running low',
    brokenRunSummary: '1 broken size run',
    lowStock: [
      { product: 'Angrakha Kurta', variant: 'S / Indigo', sku: 'ANGRAKHA-S-IND', left: 'sold out' },
      { product: 'Angrakha Kurta', variant: 'M / Indigo', sku: 'ANGRAKHA-M-IND', left: '2 left' },
    ],
    moreLowStock: 0,
    brokenRuns: [{ product: 'Angrakha Kurta in Indigo', soldOutSizes: 'S', inStockSizes: 'M, L' }],
    moreBrokenRuns: 0,
    inventoryUrl: 'https://shop.example/admin/inventory',
  },
};
