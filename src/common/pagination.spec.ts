import { addressWith, clampedPage } from './pagination.js';

describe('clampedPage', () => {
  it('keeps a page that exists and shows the last for one past it, page 1 when there is nothing', () => {
    expect(clampedPage(2, 60, 25)).toBe(2);
    expect(clampedPage(3, 60, 25)).toBe(3);
    expect(clampedPage(4, 60, 25)).toBe(3);
    expect(clampedPage(9_999, 50, 25)).toBe(2);
    expect(clampedPage(5, 0, 25)).toBe(1);
  });
});

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
