import { readListingQuery } from './list-products.query.js';

describe('readListingQuery', () => {
  it('reads every listing parameter, prices from major to minor units', () => {
    const sut = readListingQuery({
      q: '  lawn kurta ',
      category: 'women',
      size: ['M', 'L', 'M', ''],
      colour: 'Red',
      minPrice: '2500',
      maxPrice: '4999.5',
      inStock: '1',
      sort: 'price_asc',
      page: '3',
      utm_source: 'mail',
    });
    expect(sut).toEqual({
      query: {
        page: 3,
        search: 'lawn kurta',
        categorySlug: 'women',
        sizes: ['M', 'L'],
        colours: ['Red'],
        minPriceMinor: 250_000,
        maxPriceMinor: 499_950,
        inStock: true,
        sort: 'price_asc',
      },
      problems: [],
    });
  });

  it('treats blank form fields as not given', () => {
    expect(readListingQuery({ q: ' ', minPrice: '', maxPrice: '', sort: '', inStock: '', category: '' })).toEqual({ query: { page: 1 }, problems: [] });
  });

  it('leaves out what it cannot use and names it, one sentence per parameter', () => {
    const sut = readListingQuery({ sort: 'cheapest', minPrice: '1e9', maxPrice: '-1', inStock: 'yes', size: ['M', { a: 1 }], q: ['a', 'b'] });
    expect(sut.query).toEqual({ page: 1, search: 'a', sizes: ['M'] });
    expect(sut.problems).toEqual([
      'q must be given once, as text.',
      'size must be one or more values of at most 40 printable characters each, at most 30 of them.',
      'minPrice must be an amount from 0 to 21474836 in the store currency, such as 2500.',
      'maxPrice must be an amount from 0 to 21474836 in the store currency, such as 2500.',
      'inStock must be 1 or 0.',
      'sort must be one of relevance, newest, price_asc, price_desc, popular.',
    ]);
  });

  it('swaps prices given the wrong way round, and allows relevance only with a search', () => {
    const swapped = readListingQuery({ minPrice: '5000', maxPrice: '1000', sort: 'relevance' });
    expect(swapped.query).toEqual({ page: 1, minPriceMinor: 100_000, maxPriceMinor: 500_000 });
    expect(swapped.problems).toEqual(['minPrice must not be more than maxPrice.', 'sort=relevance needs a search (q).']);
    expect(readListingQuery({ q: 'silk', sort: 'relevance' }).query.sort).toBe('relevance');
  });

  it('keeps control characters out of sizes, colours and categories', () => {
    const sut = readListingQuery({ colour: ['Red', 'R\u202eed', 'Bl\u0000ue'], category: 'wo\u0000men', q: 'silk\u0000 kurta' });
    expect(sut.query).toEqual({ page: 1, colours: ['Red'], search: 'silk  kurta' });
    expect(sut.problems).toHaveLength(2);
  });
});
