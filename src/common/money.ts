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
