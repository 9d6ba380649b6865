import { decimalAmount, formatMoney as format } from './money.js';

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
