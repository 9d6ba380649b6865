import { decimalAmount, formatMoney as format, minorUnitsFrom } from './money.js';

// Intl separates the symbol with a no-break space, so the price never wraps between symbol and amount.
const formatMoney = (minor: number, currency: string) => format(minor, currency).replace(/\u00a0/g, ' ');

describe('formatMoney', () => {
  it('formats minor units for people, without decimals when whole', () => {
    expect(formatMoney(349_900, 'PKR')).toBe('Rs 3,499');
    expect(formatMoney(5, 'PKR')).toBe('Rs 0.05');
    expect(formatMoney(0, 'PKR')).toBe('Rs 0');
  });

  it('uses the store currency', () => {
    expect(formatMoney(1999, 'USD')).toBe('US$19.99');
  });
});

describe('decimalAmount', () => {
  it('writes minor units as a decimal string with two places', () => {
    expect(decimalAmount(249_950)).toBe('2499.50');
    expect(decimalAmount(5)).toBe('0.05');
    expect(decimalAmount(0)).toBe('0.00');
    expect(decimalAmount(-1_005)).toBe('-10.05');
  });
});

describe('minorUnitsFrom', () => {
  it('reads what an owner types as a price into minor units', () => {
    expect(minorUnitsFrom('2,499.00')).toBe(249_900);
    expect(minorUnitsFrom(' 2499 ')).toBe(249_900);
    expect(minorUnitsFrom('2499.5')).toBe(249_950);
    expect(minorUnitsFrom('0.05')).toBe(5);
    expect(minorUnitsFrom('Rs 2,499')).toBe(249_900);
    expect(minorUnitsFrom('1,00,000')).toBe(10_000_000);
    expect(minorUnitsFrom('decimalAmount')).toBeUndefined();
  });

  it('keeps a minus, so a form can refuse a negative price by name', () => {
    expect(minorUnitsFrom('-10')).toBe(-1_000);
    expect(minorUnitsFrom('-Rs 10.05')).toBe(-1_005);
  });

  it('is nothing for text that is no amount', () => {
    for (const text of ['', 'abc', '12.345', '1,2', '12,34,5.00', '1e5', '0x10', '12.', '9'.repeat(13), '--5']) expect(minorUnitsFrom(text)).toBeUndefined();
  });

  it('reads back what decimalAmount writes', () => {
    for (const minor of [0, 5, 249_950, 1_000_000]) expect(minorUnitsFrom(decimalAmount(minor))).toBe(minor);
  });
});
