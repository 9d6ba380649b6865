const formatters = new Map<string, Intl.NumberFormat>();

/** Formats integer minor units for people: 249900 PKR → "Rs 2,499". The one place money becomes text. */
export function formatMoney(minor: number, currency: string): string {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-PK', { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 2 });
    formatters.set(currency, formatter);
  }
  return formatter.format(minor / 100);
}

/** Integer minor units as a plain decimal for machines (schema.org prices, feeds): 249950 → "2499.50". */
export function decimalAmount(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const units = Math.abs(Math.trunc(minor));
  // Integer arithmetic, so no binary fraction ever shows up as 2499.4999….
  return `${sign}${Math.floor(units / 100)}.${String(units % 100).padStart(2, '0')}`;
}
