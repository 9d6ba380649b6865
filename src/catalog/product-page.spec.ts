import type { ProductImage } from './entities/product-image.entity.js';
import {
  breadcrumbsFor,
  chosenColour,
  discountPercent,
  galleryFor,
  inStoreOrder,
  pageVariant,
  priceDisplay,
  sizeChoices,
  stockDisplay,
  type VariantRow,
} from './product-page.js';

function row(size: string | null, colour: string | null, fields: Partial<VariantRow> = {}): VariantRow {
  return {
    id: 1,
    sku: `${size}-${colour}`,
    size,
    colour,
    priceMinor: 100_000,
    compareAtPriceMinor: null,
    stock: 10,
    lowStockThreshold: 3,
    sizePosition: null,
    colourPosition: null,
    swatch: null,
    ...fields,
  };
}

function image(id: number, colour: string | null): ProductImage {
  return { id, productId: 1, colour, url: `/uploads/${id}.svg`, alt: `picture ${id}`, position: id, thumbnailWidths: '' };
}

describe('the product page rules', () => {
  it("orders sizes by the store's order, and values the store has not ordered after them as the variants list them", () => {
    const rows = [
      row('XL', 'Rust'),
      row('Custom', 'Rust'),
      row('S', 'Rust', { sizePosition: 1 }),
      row('M', 'Rust', { sizePosition: 2 }),
      row('Another', 'Rust'),
    ];
    rows[0].sizePosition = 4;
    expect(inStoreOrder(rows, 'size')).toEqual(['S', 'M', 'XL', 'Custom', 'Another']);
    expect(inStoreOrder([row(null, null)], 'colour')).toEqual([]);
  });

  it('tells the stock in words, with the count only when few are left', () => {
    expect(pageVariant(row('M', 'Rust', { stock: 0 }))).toMatchObject({ availability: 'sold_out', stockLabel: 'Sold out', soldOut: true });
    expect(pageVariant(row('M', 'Rust', { stock: 3 }))).toMatchObject({ availability: 'low_stock', stockLabel: 'Only 3 left', soldOut: false });
    expect(pageVariant(row('M', 'Rust', { stock: 4 }))).toMatchObject({ availability: 'in_stock', stockLabel: 'In stock' });
    expect(pageVariant(row('M', 'Rust', { stock: 1, lowStockThreshold: 0 }))).toMatchObject({ availability: 'in_stock' });
  });

  it('counts a "was" price as a sale only when it is higher, and rounds the discount down', () => {
    expect(pageVariant(row('M', null, { priceMinor: 349_900, compareAtPriceMinor: 439_900 }))).toMatchObject({
      compareAtPriceMinor: 439_900,
      discountPercent: 20,
    });
    expect(pageVariant(row('M', null, { priceMinor: 349_900, compareAtPriceMinor: 349_900 }))).toMatchObject({
      compareAtPriceMinor: null,
      discountPercent: null,
    });
    expect(discountPercent(66_700, 100_000)).toBe(33);
  });

  it('opens on the colour asked for, else the first with stock, else the first', () => {
    const variants = [row('M', 'Olive', { stock: 0 }), row('M', 'Rust')].map(pageVariant);
    expect(chosenColour(['Olive', 'Rust'], variants, 'Olive')).toBe('Olive');
    expect(chosenColour(['Olive', 'Rust'], variants, 'Magenta')).toBe('Rust');
    expect(chosenColour(['Olive'], [pageVariant(row('M', 'Olive', { stock: 0 }))], undefined)).toBe('Olive');
    expect(chosenColour([], [], undefined)).toBeNull();
  });

  it("shows the colour's pictures, then general ones, and every picture when the colour has none of either", () => {
    const images = [image(0, 'Indigo'), image(1, null), image(2, 'Rust'), image(3, 'Rust')];
    expect(galleryFor(images, 'Rust').map((picture) => [picture.alt, picture.hidden])).toEqual([
      ['picture 2', false],
      ['picture 3', false],
      ['picture 1', false],
      ['picture 0', true],
    ]);
    const colourOnly = [image(0, 'Indigo'), image(1, 'Rust')];
    expect(galleryFor(colourOnly, 'Olive').every((picture) => !picture.hidden)).toBe(true);
  });

  it('disables the sizes the colour has sold out of or does not come in, and selects the first it may', () => {
    const variants = [row('S', 'Rust', { stock: 0 }), row('M', 'Rust', { stock: 2 }), row('S', 'Indigo')].map(pageVariant);
    expect(sizeChoices(['S', 'M', 'L'], variants, 'Rust', undefined)).toEqual([
      { value: 'S', soldOut: false, disabled: true, note: ' — sold out', selected: false },
      { value: 'M', soldOut: false, disabled: false, note: ' — only 2 left', selected: true },
      { value: 'L', soldOut: true, disabled: true, note: ' — not in Rust', selected: false },
    ]);
    expect(sizeChoices(['S', 'M'], variants, 'Rust', 'S').find((choice) => choice.selected)?.value).toBe('S');
  });

  it('prices one choice exactly, and several from the lowest when they differ', () => {
    const sale = pageVariant(row('M', null, { priceMinor: 349_900, compareAtPriceMinor: 439_900 }));
    const plain = pageVariant(row('L', null, { priceMinor: 399_900 }));
    expect(priceDisplay([sale])).toEqual({ from: false, minor: 349_900, compareAtMinor: 439_900, discountPercent: 20 });
    expect(priceDisplay([sale, plain])).toEqual({ from: true, minor: 349_900, compareAtMinor: null, discountPercent: null });
    expect(priceDisplay([sale, pageVariant(row('L', null, { priceMinor: 349_900 }))])).toMatchObject({ from: false, compareAtMinor: null });
    expect(stockDisplay([sale, plain])).toEqual({ availability: 'in_stock', label: 'In stock' });
  });

  it('walks the category tree up to Home, and stops at a loop rather than hanging', () => {
    const tree = [
      { id: 1, slug: 'women', name: 'Women', parentId: null },
      { id: 2, slug: 'women-lawn-kurtas', name: 'Lawn Kurtas', parentId: 1 },
      { id: 3, slug: 'a', name: 'A', parentId: 4 },
      { id: 4, slug: 'b', name: 'B', parentId: 3 },
    ];
    expect(breadcrumbsFor(tree, 2)).toEqual([
      { name: 'Home', url: '/' },
      { name: 'Women', url: '/categories/women' },
      { name: 'Lawn Kurtas', url: '/categories/women-lawn-kurtas' },
    ]);
    expect(breadcrumbsFor(tree, 3).map((crumb) => crumb.name)).toEqual(['Home', 'B', 'A']);
    expect(breadcrumbsFor(tree, 99)).toEqual([{ name: 'Home', url: '/' }]);
  });
});
