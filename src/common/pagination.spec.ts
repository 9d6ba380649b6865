import { addressWith } from './pagination.js';

describe('addressWith', () => {
  /** What URLSearchParams makes of the same parameters: the text addressWith must match exactly. */
  const reference = (base: string, params: Record<string, string | string[] | undefined>) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) for (const one of [value ?? []].flat()) if (one) query.append(name, one);
    return query.size ? `${base}?${query.toString()}` : base;
  };

  it('writes the non-empty parameters in order, repeating a list, exactly as URLSearchParams does', () => {
    const samples = [
      { q: 'silk dupatta', size: ['M', 'L'], colour: undefined, sort: 'price_asc' },
      { q: "Rose's (new) kurta! ~50% off*", category: 'women-lawn-kurtas', page: '2' },
      { q: 'ڪرتا lawn/چادر & more=yes?#', minPrice: '2499.50', inStock: '1' },
      { q: '', size: [], colour: ['', 'Indigo'], 'odd name': 'a+b' },
      { q: 'lone \ud800 surrogate', emoji: '👗', tab: 'a\tb\nc' },
      {},
    ];
    for (const params of samples) expect(addressWith('/products', params)).toBe(reference('/products', params));
  });

  it('tries every character of the first plane the same way as URLSearchParams', () => {
    const all = Array.from({ length: 0xffff }, (_, code) => String.fromCharCode(code)).join('');
    for (let start = 0; start < all.length; start += 512) {
      const params = { q: all.slice(start, start + 512) };
      expect(addressWith('/products', params)).toBe(reference('/products', params));
    }
  });
});
