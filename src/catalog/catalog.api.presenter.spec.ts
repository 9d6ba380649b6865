import { categoryJson, productDetailJson, productListJson } from './catalog.api.presenter.js';

describe('catalog API presenter', () => {
  const source = {
    product: { slug: 'lawn-kurta', name: 'Lawn Kurta', description: 'Cotton lawn.', status: 'published', categoryId: 3 },
    category: { slug: 'kurtas', name: 'Kurtas', id: 3, position: 0 },
    images: [{ url: '/uploads/products/lawn-kurta.svg', alt: 'Lawn Kurta in Indigo', colour: 'Indigo', id: 9, productId: 1 }],
    sizes: [{ value: 'S', soldOut: false }],
    colours: [{ value: 'Indigo', soldOut: false }],
    variants: [
      { id: 1, sku: 'LK-S', size: 'S', colour: 'Indigo', label: 'S / Indigo', priceMinor: 349_900, stock: 4, soldOut: false },
      { id: 2, sku: 'LK-M', size: 'M', colour: 'Indigo', label: 'M / Indigo', priceMinor: 349_900, stock: 0, soldOut: true },
    ],
  };

  it('says whether a variant is in stock, never the count, and prices it in the given currency', () => {
    const sut = productDetailJson(source, 'PKR');
    expect(sut.variants).toEqual([
      { sku: 'LK-S', size: 'S', colour: 'Indigo', price: { amountMinor: 349_900, currency: 'PKR' }, inStock: true },
      { sku: 'LK-M', size: 'M', colour: 'Indigo', price: { amountMinor: 349_900, currency: 'PKR' }, inStock: false },
    ]);
    expect(JSON.stringify(sut)).not.toMatch(/"(stock|id|categoryId|productId|status)"/);
  });

  it('shows only the chosen fields of entities, never the entities themselves', () => {
    expect(productDetailJson(source, 'PKR')).toMatchObject({ category: { slug: 'kurtas', name: 'Kurtas' }, options: { sizes: ['S'], colours: ['Indigo'] } });
    expect(categoryJson({ slug: 'new in', name: 'New in', description: null, id: 1, parentId: null, position: 0 } as never)).toEqual({
      slug: 'new in',
      name: 'New in',
      description: null,
      url: '/categories/new%20in',
    });
  });

  it('lists cards with a link to the product page and no picture when there is none', () => {
    const card = { id: 5, slug: 'plain-tee', name: 'Plain Tee', fromPriceMinor: 99_900, imageUrl: null, imageAlt: 'Plain Tee', soldOut: true };
    expect(productListJson({ items: [card], page: 1, pages: 1, total: 1 }, 'EUR')).toEqual({
      items: [{ slug: 'plain-tee', name: 'Plain Tee', url: '/products/plain-tee', fromPrice: { amountMinor: 99_900, currency: 'EUR' }, image: null, soldOut: true }],
      page: 1,
      pages: 1,
      total: 1,
    });
  });
});
