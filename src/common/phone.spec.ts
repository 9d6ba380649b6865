import { phoneKeyOf, phoneSearchDigits } from './phone.js';

describe('phoneSearchDigits', () => {
  it('finds one number however it was written', () => {
    for (const written of ['0300 1234567', '03001234567', '0300-1234567', '+92 300 1234567', '+923001234567', '0092 300 1234567', '(0300) 123 4567']) {
      expect({ written, digits: phoneSearchDigits(written) }).toEqual({ written, digits: '3001234567' });
    }
  });

  it('searches part of a number as its digits', () => {
    expect(phoneSearchDigits('123 4567')).toBe('1234567');
    expect(phoneSearchDigits('92345')).toBe('92345');
  });

  it('is no phone search for text, an email or too few digits', () => {
    for (const text of ['ayesha@example.test', 'AK-2345ABCD', 'Lahore', '0300', '12-3', ''])
      expect({ text, digits: phoneSearchDigits(text) }).toEqual({ text, digits: undefined });
  });
});

describe('phoneKeyOf', () => {
  it('keys one Pakistani number alike however it was typed, for the cash-on-delivery risk count', () => {
    for (const written of ['0300 1234567', '03001234567', '0300-123-4567', '+92 300 1234567', '+92-300-1234567', '0092 300 1234567', '923001234567'])
      expect({ written, key: phoneKeyOf(written) }).toEqual({ written, key: '3001234567' });
  });

  it('keeps other numbers as their digits, and has no key without any', () => {
    expect(phoneKeyOf('042 3571 2345')).toBe('4235712345');
    expect(phoneKeyOf('+44 20 7946 0958')).toBe('442079460958');
    expect(phoneKeyOf(' - ')).toBeNull();
  });
});
