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

/**
 * An amount a person typed in major units ("2,499.50", "2499", "Rs 2,499", "1,00,000") as integer minor
 * units, or undefined when it is no amount (letters, three decimals, more than a column holds). A
 * leading minus is kept, so a form can say that a price cannot be negative rather than "not a number".
 */
export function minorUnitsFrom(text: string): number | undefined {
  const match = /^(-)?\s*(?:[A-Za-z]{1,3}\$?|\$)?\s*(\d{1,3}(?:,\d{2,3})*|\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, minus, whole, fraction = ''] = match;
  const digits = whole.replace(/,/g, '');
  if (digits.length > 12) return undefined;
  const minor = Number(digits) * 100 + Number(fraction.padEnd(2, '0'));
  return minus ? -minor : minor;
}
