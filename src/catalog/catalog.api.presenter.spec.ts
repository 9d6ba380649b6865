import { categoryListJson, productDetailJson, productListJson } from './catalog.api.presenter.js';

describe('catalog API presenter', () => {
  const source = {
    product: { slug: 'lawn-kurta', name: 'Lawn Kurta', description: 'Cotton lawn.', status: 'published', categoryId: 3 },
    category: { slug: 'kurtas', name: 'Kurtas', id: 3, position: 0 },
    images: [{ url: '/uploads/products/lawn-kurta.svg', alt: 'Lawn Kurta in Indigo', colour: 'Indigo', id: 9, productId: 1 }],
    sizes: [{ value: 'S', soldOut: false }],
    colours: [{ value: 'Indigo', soldOut: false }],
    variants: [
      { id: 1, sku: 'LK-S', size: 'S', colour: 'Indigo', label: 'S / Indigo', priceMinor: 349_900, stock: 4, soldOut: false },
      { id: 2, sku: 'LK-M', size: 'M', colour: 'Indigo', label: 'M / Indigo', priceMinor: 349_900, compareAtPriceMinor: 439_900, stock: 0, soldOut: true },
    ],
  };

  it('says whether a variant is in stock, never the count, and prices it in the given currency', () => {
    const sut = productDetailJson(source, 'PKR');
    expect(sut.variants).toEqual([
      { sku: 'LK-S', size: 'S', colour: 'Indigo', price: { amountMinor: 349_900, currency: 'PKR' }, compareAtPrice: null, inStock: true },
      {
        sku: 'LK-M',
        size: 'M',
        colour: 'Indigo',
        price: { amountMinor: 349_900, currency: 'PKR' },
        compareAtPrice: { amountMinor: 439_900, currency: 'PKR' },
        inStock: false,
      },
    ]);
    expect(JSON.stringify(sut)).not.toMatch(/"(stock|id|categoryId|productId|status)"/);
  });

  it('shows only the chosen fields of entities, never the entities themselves', () => {
    expect(productDetailJson(source, 'PKR')).toMatchObject({ category: { slug: 'kurtas', name: 'Kurtas' }, options: { sizes: ['S'], colours: ['Indigo'] } });
    const categories = [
      { slug: 'new in', name: 'New in', description: null, id: 1, parentId: null, position: 0 },
      { slug: 'new-kurtas', name: 'Kurtas', description: 'Fresh.', id: 2, parentId: 1, position: 0 },
    ];
    expect(categoryListJson(categories)).toEqual([
      { slug: 'new in', name: 'New in', description: null, parent: null, url: '/categories/new%20in' },
      { slug: 'new-kurtas', name: 'Kurtas', description: 'Fresh.', parent: 'new in', url: '/categories/new-kurtas' },
    ]);
  });

  it('lists cards with a link to the product page and no picture when there is none, and the facets with prices in major units', () => {
    const card = {
      id: 5,
      slug: 'plain-tee',
      name: 'Plain Tee',
      fromPriceMinor: 99_900,
      compareAtPriceMinor: 129_900,
      onSale: true,
      imageUrl: null,
      imageAlt: 'Plain Tee',
      imageWidths: '',
      soldOut: true,
    };
    const facets = {
      categories: [{ slug: 'basics', name: 'Basics', count: 1, selected: false, children: [] }],
      sizes: [{ value: 'M', count: 1, selected: true, swatch: null }],
      colours: [{ value: 'Ivory', count: 1, selected: false, swatch: '#efe7d6' }],
      prices: [
        { minPriceMinor: null, maxPriceMinor: 200_000, count: 1, selected: false },
        { minPriceMinor: 600_050, maxPriceMinor: null, count: 0, selected: false },
      ],
      inStock: { count: 0, selected: false },
    };
    expect(productListJson({ items: [card], page: 1, pages: 1, total: 1, sort: 'newest', facets }, 'EUR')).toEqual({
      items: [
        {
          slug: 'plain-tee',
          name: 'Plain Tee',
          url: '/products/plain-tee',
          fromPrice: { amountMinor: 99_900, currency: 'EUR' },
          compareAtPrice: { amountMinor: 129_900, currency: 'EUR' },
          image: null,
          soldOut: true,
        },
      ],
      page: 1,
      pages: 1,
      total: 1,
      sort: 'newest',
      facets: {
        categories: facets.categories,
        sizes: [{ value: 'M', count: 1, selected: true }],
        colours: [{ value: 'Ivory', swatch: '#efe7d6', count: 1, selected: false }],
        prices: [
          { minPrice: null, maxPrice: 2000, count: 1, selected: false },
          { minPrice: 6000.5, maxPrice: null, count: 0, selected: false },
        ],
        inStock: { count: 0, selected: false },
      },
    });
  });
});
