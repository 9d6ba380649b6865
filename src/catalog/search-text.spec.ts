import { searchTextOf, searchWords } from './search-text.js';

describe('search text', () => {
  it('writes hyphenated words both split and joined, so "tshirt" and "t shirt" both match', () => {
    expect(searchTextOf(['Cotton T-Shirt', 'Basics'])).toBe('cotton t shirt basics tshirt');
  });

  it('drops accents and punctuation and lowercases', () => {
    expect(searchTextOf(['Café Crème, “Lawn”!'])).toBe('cafe creme lawn');
  });

  it('splits a query into distinct normalised words', () => {
    expect(searchWords('  Lawn   KURTA lawn; ')).toEqual(['lawn', 'kurta']);
    expect(searchWords('%_*"+-')).toEqual([]);
  });
});
