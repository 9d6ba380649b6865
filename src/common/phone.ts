/**
 * Phone numbers are stored as people typed them ("0300 1234567", "+92 300-1234567"); the address form
 * lets through only digits, spaces, hyphens and a leading +. A search compares digits alone, and
 * without the trunk 0 or the country code 92, so every way of writing one Pakistani number finds it.
 */
const MIN_SEARCH_DIGITS = 5;

/** The digits of a number as it is searched for: "0300 1234567" and "+92 300 1234567" both → "3001234567". */
export function phoneSearchDigits(text: string): string | undefined {
  if (!/^[\d\s()+.-]+$/.test(text)) return undefined;
  const digits = nationalDigits(text);
  return digits.length >= MIN_SEARCH_DIGITS ? digits : undefined;
}

/**
 * The key one Pakistani number is stored under, however it was typed ("+92 300-1234567", "0092 300 1234567",
 * "0300 1234567" → "3001234567"), for counting a number's refused and cancelled orders on an index;
 * null when it has no digits.
 */
export function phoneKeyOf(phone: string): string | null {
  const digits = nationalDigits(phone).slice(0, 20);
  return digits === '' ? null : digits;
}

function nationalDigits(text: string): string {
  return text.replace(/\D/g, '').replace(/^(?:0092|92(?=3\d{9}$)|0)/, '');
}

/** SQL for the stored number's digits alone (the characters the form allows besides digits, taken out); the same on every driver. */
export function phoneDigitsSql(column: string): string {
  return `REPLACE(REPLACE(REPLACE(${column}, ' ', ''), '-', ''), '+', '')`;
}
