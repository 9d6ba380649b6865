import { ProductStatus } from './entities/product.entity.js';
import { fieldErrorsOf, MAX_VARIANTS, type ProductInput, publishingProblems, suggestedSku } from './product-input.js';

const product = (overrides: Partial<ProductInput> = {}): ProductInput => ({
  name: 'Lawn Kurta',
  slug: 'lawn-kurta',
  description: '',
  categoryId: 1,
  status: ProductStatus.Draft,
  seoTitle: null,
  seoDescription: null,
  variants: [{ colour: 'Indigo', size: 'M', sku: 'LK-INDIGO-M', priceMinor: 249_900, compareAtPriceMinor: null, stock: 3, lowStockThreshold: 2 }],
  ...overrides,
});

describe('fieldErrorsOf', () => {
  it('finds nothing wrong with a well-formed product', () => {
    expect(fieldErrorsOf(product())).toEqual([]);
  });

  it("refuses more colour and size combinations than the editor's form can carry", () => {
    const cell = (i: number) => ({ colour: `C${i}`, size: 'M', sku: `SKU-${i}`, priceMinor: 100, compareAtPriceMinor: null, stock: 0, lowStockThreshold: 0 });
    expect(fieldErrorsOf(product({ variants: Array.from({ length: MAX_VARIANTS }, (_, i) => cell(i)) }))).toEqual([]);
    expect(fieldErrorsOf(product({ variants: Array.from({ length: MAX_VARIANTS + 1 }, (_, i) => cell(i)) }))).toEqual([
      { field: 'variants', message: `A product holds at most ${MAX_VARIANTS} colour and size combinations; this one has ${MAX_VARIANTS + 1}.` },
    ]);
  });

  it('names the product fields to fix', () => {
    const errors = fieldErrorsOf(product({ name: '', slug: 'Lawn Kurta', categoryId: Number.NaN, status: 'sold' as ProductStatus, seoTitle: 'x'.repeat(161) }));
    expect(errors.map((e) => e.field)).toEqual(['name', 'slug', 'categoryId', 'status', 'seoTitle']);
  });

  it('names each bad cell of the grid: SKU form, fractions of a unit, a threshold below zero, a row twice', () => {
    const cell = product().variants[0];
    const errors = fieldErrorsOf(
      product({
        variants: [
          { ...cell, sku: 'lk m' },
          { ...cell, size: 'L', sku: 'LK-L', stock: 1.5, lowStockThreshold: -1 },
          { ...cell, size: 'XL', sku: 'LK-XL', stock: 2, stockShown: Number.NaN },
          { ...cell, sku: 'LK-M2' },
        ],
      }),
    );
    expect(errors).toEqual([
      { field: 'sku', variant: 0, message: expect.stringContaining('capital letters') },
      { field: 'stock', variant: 1, message: 'Enter a whole number of units.' },
      { field: 'lowStockThreshold', variant: 1, message: 'A low-stock threshold cannot be negative.' },
      { field: 'stock', variant: 2, message: expect.stringContaining('out of date') },
      { field: 'variants', variant: 3, message: 'M / Indigo is in the grid twice.' },
    ]);
  });

  it('lets a draft wait for its prices, and takes a compare-at price equal to the price', () => {
    const cell = product().variants[0];
    expect(fieldErrorsOf(product({ variants: [{ ...cell, priceMinor: null, compareAtPriceMinor: 100 }] }))).toEqual([]);
    expect(fieldErrorsOf(product({ variants: [{ ...cell, compareAtPriceMinor: cell.priceMinor }] }))).toEqual([]);
  });
});

describe('publishingProblems', () => {
  it('asks for something to sell, a price on every variant and a picture', () => {
    expect(publishingProblems([], 0)).toEqual(['at least one colour and size to sell', 'at least one picture']);
    expect(publishingProblems([{ colour: 'Rust', size: 'S', priceMinor: 0 }], 1)).toEqual(['a price on every variant (S / Rust has none)']);
    expect(publishingProblems([{ colour: 'Rust', size: 'S', priceMinor: 100 }], 1)).toEqual([]);
  });
});

describe('suggestedSku', () => {
  it('writes the address, colour and size in capitals, as a SKU may be', () => {
    expect(suggestedSku('lawn-kurta', { colour: 'Pista Green', size: 'M' })).toBe('LAWN-KURTA-PISTA-GREEN-M');
    expect(suggestedSku('dupatta', { colour: null, size: null })).toBe('DUPATTA');
    expect(suggestedSku('café-shirt', { colour: 'Rosé', size: '4/5 Y' })).toBe('CAFE-SHIRT-ROSE-4-5-Y');
    expect(suggestedSku('کرتا', { colour: 'Red', size: 'S' })).toBe('ITEM-RED-S');
    const long = suggestedSku('a'.repeat(160), { colour: 'Indigo', size: 'XL' });
    expect(long).toHaveLength(64);
    expect(long.endsWith('-INDIGO-XL')).toBe(true);
  });
});
