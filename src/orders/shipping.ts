/** How an order can travel. Later read from store settings; prices in minor units. */
export interface ShippingMethod {
  code: string;
  name: string;
  priceMinor: number;
  /** Free when the subtotal reaches this. */
  freeFromMinor?: number;
}

export const SHIPPING_METHODS: ShippingMethod[] = [
  { code: 'standard', name: 'Standard delivery (3–5 days)', priceMinor: 25_000, freeFromMinor: 500_000 },
  { code: 'express', name: 'Express delivery (1–2 days)', priceMinor: 60_000 },
];

export function shippingPrice(method: ShippingMethod, subtotalMinor: number): number {
  return method.freeFromMinor !== undefined && subtotalMinor >= method.freeFromMinor ? 0 : method.priceMinor;
}
