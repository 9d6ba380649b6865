import type { PricingRules, ShippingMethodRule, ShippingZone } from './pricing-rules.js';

/** A delivery method as checkout offers it for one address and order. */
export interface ShippingOption {
  code: string;
  name: string;
  /** What this order pays for it (0 when free). */
  priceMinor: number;
  /** Its price before any free-delivery rule, so the page can say "free" and what it saved. */
  fullPriceMinor: number;
}

/** A city as typed ("  lahore ", "LAHORE") compared as one: trimmed, single-spaced, lower case. */
export function cityKey(city: string): string {
  return city.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The index of the zone the city is in, or null for the rest of Pakistan. The first zone naming it wins. */
export function zoneOf(zones: ShippingZone[], city: string): number | null {
  const key = cityKey(city);
  if (key === '') return null;
  const index = zones.findIndex((zone) => zone.cities.some((c) => cityKey(c) === key));
  return index === -1 ? null : index;
}

/** The method's price in that zone (null: the rest of Pakistan), or null where it is not offered. */
export function priceIn(method: ShippingMethodRule, zone: number | null): number | null {
  const zonePrice = zone === null ? null : (method.zonePrices[zone] ?? null);
  return zonePrice ?? method.priceMinor;
}

/**
 * The methods that reach `city`, switched on, each at its price for this order: free when the items'
 * total after the discount reaches the method's threshold, or when a free-delivery coupon applies.
 */
export function shippingOptionsFor(rules: PricingRules, city: string, goodsMinor: number, freeByCoupon: boolean): ShippingOption[] {
  const zone = zoneOf(rules.zones, city);
  return rules.methods.flatMap((method) => {
    const price = method.enabled ? priceIn(method, zone) : null;
    if (price === null) return [];
    const free = freeByCoupon || (method.freeFromMinor !== null && goodsMinor >= method.freeFromMinor);
    return [{ code: method.code, name: method.name, priceMinor: free ? 0 : price, fullPriceMinor: price }];
  });
}

/** A delivery method as the help page describes it: its price in each zone it reaches and elsewhere. */
export interface DeliveryTerms {
  name: string;
  /** Where (a zone's name, "Elsewhere in Pakistan"; null when there are no zones) and at what price. */
  prices: { where: string | null; priceMinor: number }[];
  freeFromMinor: number | null;
}

/** Every method switched on, with where it goes and at what price, for the shipping help page. */
export function deliveryTerms(rules: PricingRules): DeliveryTerms[] {
  return rules.methods
    .filter((method) => method.enabled)
    .map((method) => ({
      name: method.name,
      prices: [
        ...rules.zones.flatMap((zone, i) => {
          const price = method.zonePrices[i];
          return price === null || price === undefined || price === method.priceMinor ? [] : [{ where: zone.name, priceMinor: price }];
        }),
        ...(method.priceMinor === null ? [] : [{ where: rules.zones.length > 0 ? 'Elsewhere in Pakistan' : null, priceMinor: method.priceMinor }]),
      ],
      freeFromMinor: method.freeFromMinor,
    }))
    .filter((terms) => terms.prices.length > 0);
}
