import { booleanModeQuery, fts5Query, searchTerms } from './search-terms.js';

describe('search terms', () => {
  it('asks for a T-Shirt by its joined form however it is typed', () => {
    expect(searchTerms('tshirt')).toEqual(['tshirt']);
    expect(searchTerms('T-Shirt')).toEqual(['shirt', 'tshirt']);
    expect(searchTerms('T shirt')).toEqual(['shirt']);
  });

  it('cuts plurals to a stem that still finds both forms as a prefix', () => {
    expect(searchTerms('Kurtas dresses jeans tees')).toEqual(['kurta', 'dress', 'jean', 'tee']);
    expect(searchTerms('dress glass bus')).toEqual(['dress', 'glass', 'bus']);
  });

  it('drops words neither index can look up: short ones and InnoDB stopwords', () => {
    expect(searchTerms('a kurta for the men in XL')).toEqual(['kurta', 'men']);
    expect(searchTerms("' OR 1=1 --")).toEqual([]);
    expect(searchTerms('%_*"+-')).toEqual([]);
  });

  it('lets no operator of either database through', () => {
    const terms = searchTerms('kurta* +silk -lawn "NEAR" OR (AND) col:umn ~x @2 <>');
    for (const term of terms) expect(term).toMatch(/^[\p{L}\p{N}]+$/u);
    expect(booleanModeQuery(terms)).toBe('+kurta* +silk* +lawn* +near* +and* +col* +umn*');
    expect(fts5Query(terms)).toBe('"kurta"* "silk"* "lawn"* "near"* "and"* "col"* "umn"*');
  });
});
