/**
 * What the owner sets for pricing an order: delivery zones and methods, tax, and the cash-on-delivery
 * terms. Kept in store_setting (PricingSettings) and read once per checkout page or order.
 */

/** A named list of cities ("Lahore": Lahore, Lahore Cantt). A city in no zone is in the rest of Pakistan. */
export interface ShippingZone {
  name: string;
  cities: string[];
}

/**
 * One way to deliver. It is offered in a zone at that zone's price (zonePrices, aligned with the zones'
 * order), else at priceMinor, the rest of Pakistan's price; where both are null it is not offered. So
 * a flat rate is a priceMinor alone, a per-city rate a price per zone, and a local courier a zone price
 * with priceMinor null.
 */
export interface ShippingMethodRule {
  code: string;
  name: string;
  enabled: boolean;
  priceMinor: number | null;
  zonePrices: (number | null)[];
  /** Free when the items' total after the discount reaches this; null: never free. */
  freeFromMinor: number | null;
}

export interface TaxRule {
  /** 1,700 = 17%. */
  rateBasisPoints: number;
  /** Whether shop prices already include the tax (the tax is then the part of the price it makes up). */
  inclusive: boolean;
}

export interface CashOnDeliveryRule {
  feeMinor: number;
  /** Orders above this total (before the fee) cannot be paid in cash; null: no limit. */
  maxOrderMinor: number | null;
}

export interface PricingRules {
  zones: ShippingZone[];
  methods: ShippingMethodRule[];
  tax: TaxRule;
  cashOnDelivery: CashOnDeliveryRule;
}

/** A shop that never saved its pricing: the two delivery methods the shop always had, no tax, no COD fee. */
export const DEFAULT_PRICING_RULES: PricingRules = {
  zones: [],
  methods: [
    { code: 'standard', name: 'Standard delivery (3–5 days)', enabled: true, priceMinor: 25_000, zonePrices: [], freeFromMinor: 500_000 },
    { code: 'express', name: 'Express delivery (1–2 days)', enabled: true, priceMinor: 60_000, zonePrices: [], freeFromMinor: null },
  ],
  tax: { rateBasisPoints: 0, inclusive: false },
  cashOnDelivery: { feeMinor: 0, maxOrderMinor: null },
};
