/**
 * The couriers an order can be shipped with, and where their customers track a parcel. `{number}` in a
 * template is replaced by the tracking number (URL-encoded); "other" has no tracking page, so its emails
 * and pages show the number alone.
 */
export interface Carrier {
  value: string;
  label: string;
  trackingUrl: string | null;
}

export const CARRIERS: readonly Carrier[] = [
  { value: 'tcs', label: 'TCS', trackingUrl: 'https://www.tcsexpress.com/track/{number}' },
  { value: 'leopards', label: 'Leopards Courier', trackingUrl: 'https://www.leopardscourier.com/tracking?cn={number}' },
  { value: 'mnp', label: 'M&P', trackingUrl: 'https://www.mulphilog.com/tracking?cn={number}' },
  { value: 'postex', label: 'PostEx', trackingUrl: 'https://postex.pk/tracking?cn={number}' },
  { value: 'trax', label: 'Trax', trackingUrl: 'https://trax.pk/tracking?tracking_number={number}' },
  { value: 'callcourier', label: 'Call Courier', trackingUrl: 'https://callcourier.com.pk/tracking/?tc={number}' },
  { value: 'other', label: 'Other', trackingUrl: null },
];

/** A tracking number as couriers print them: letters, digits, spaces and dashes. */
const TRACKING_NUMBER = /^[A-Za-z0-9][A-Za-z0-9 -]{2,58}[A-Za-z0-9]$/;

export function carrierOf(value: string | null | undefined): Carrier | undefined {
  return CARRIERS.find((carrier) => carrier.value === value);
}

/** The page where the parcel is tracked, or null for a courier without one. */
export function trackingLink(carrier: string | null, trackingNumber: string | null): string | null {
  const template = carrierOf(carrier)?.trackingUrl;
  if (!template || !trackingNumber) return null;
  return template.replace('{number}', encodeURIComponent(trackingNumber.replace(/\s+/g, '')));
}

/** What a shipment must say: a known courier and a tracking number; the message of each field that does not. */
export function shipmentErrors(carrier: unknown, trackingNumber: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (typeof carrier !== 'string' || !carrierOf(carrier)) errors.carrier = 'Choose the courier.';
  if (typeof trackingNumber !== 'string' || trackingNumber.trim() === '') errors.trackingNumber = 'Enter the tracking number.';
  else if (!TRACKING_NUMBER.test(trackingNumber.trim())) errors.trackingNumber = 'A tracking number has 4 to 60 letters, digits, spaces or dashes.';
  return errors;
}
