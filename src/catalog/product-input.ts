import { ProductStatus } from './entities/product.entity.js';
import { variantLabel } from './product-page.js';
import { isProductSlug } from './product-slugs.js';

/**
 * A product with its variants as the owner writes it: the editor's form, and later a CSV import, both
 * build one of these and hand it to ProductEditor.saveProduct. Numbers are already numbers; what a
 * person typed that is no number arrives as NaN, so its cell is named with the rest of the errors.
 */
export interface ProductInput {
  /** The product to change; absent to create one. */
  id?: number;
  name: string;
  slug: string;
  description: string;
  categoryId: number;
  status: ProductStatus;
  seoTitle: string | null;
  seoDescription: string | null;
  /** Every variant the product is to have, one per colour × size: those missing are removed. */
  variants: VariantInput[];
}

export interface VariantInput {
  colour: string | null;
  size: string | null;
  sku: string;
  /** Null: no price yet, which a draft may wait for (it is stored as 0). */
  priceMinor: number | null;
  compareAtPriceMinor: number | null;
  /** Units on hand wanted. */
  stock: number;
  /**
   * The stock the owner saw when the form was opened. The save changes stock by `stock - stockShown`,
   * so units sold while the form was open stay sold. Absent (an import): `stock` is set as it stands.
   */
  stockShown?: number;
  lowStockThreshold: number;
}

/** What `variants[variant].field` (or the product's own `field`, without `variant`) must fix. */
export interface ProductFieldError {
  field: ProductField | VariantField | 'variants';
  /** The index in ProductInput.variants of the cell at fault. */
  variant?: number;
  message: string;
}

export type ProductField = 'name' | 'slug' | 'description' | 'categoryId' | 'status' | 'seoTitle' | 'seoDescription';
export type VariantField = 'sku' | 'priceMinor' | 'compareAtPriceMinor' | 'stock' | 'lowStockThreshold' | 'colour' | 'size';

/** A column of `int` holds a little over two billion: no price or count comes near it honestly. */
export const MAX_AMOUNT_MINOR = 2_000_000_000;
export const MAX_UNITS = 1_000_000;
/** Colours × sizes a product may have: a grid the editor's form (eight fields a cell) can carry. */
export const MAX_VARIANTS = 400;
const MAX_DESCRIPTION = 10_000;
const SKU = /^[A-Z0-9](?:[A-Z0-9._/-]{0,62}[A-Z0-9])?$/;

/** A variant's key in the grid: its colour and size (either may be absent). */
export const cellKey = (variant: { colour: string | null; size: string | null }): string => JSON.stringify([variant.colour ?? '', variant.size ?? '']);

/**
 * The rules a product and its variants must meet on their own, before the database is asked anything:
 * every field that is wrong, each with the cell it is in. The database's rules (a SKU or slug of another
 * product, a variant that has been sold, pictures to publish with) are ProductEditor's.
 */
export function fieldErrorsOf(input: ProductInput): ProductFieldError[] {
  const errors: ProductFieldError[] = [];
  const fail = (field: ProductFieldError['field'], message: string, variant?: number) =>
    errors.push({ field, message, ...(variant === undefined ? {} : { variant }) });

  if (input.name.length === 0 || input.name.length > 160) fail('name', 'A product name needs 1 to 160 characters.');
  if (!isProductSlug(input.slug)) fail('slug', 'An address may use lowercase letters, digits and single hyphens, up to 160 characters.');
  if (input.description.length > MAX_DESCRIPTION) fail('description', `A description holds up to ${MAX_DESCRIPTION.toLocaleString('en')} characters.`);
  if (!Number.isInteger(input.categoryId) || input.categoryId < 1) fail('categoryId', 'Please choose a category.');
  if (!Object.values(ProductStatus).includes(input.status)) fail('status', 'Please choose draft, published or archived.');
  if ((input.seoTitle ?? '').length > 160) fail('seoTitle', 'An SEO title holds up to 160 characters.');
  if ((input.seoDescription ?? '').length > 320) fail('seoDescription', 'An SEO description holds up to 320 characters.');

  if (input.variants.length > MAX_VARIANTS)
    fail('variants', `A product holds at most ${MAX_VARIANTS} colour and size combinations; this one has ${input.variants.length}.`);
  const skus = new Map<string, number>();
  const cells = new Set<string>();
  input.variants.forEach((variant, i) => {
    const label = variantLabel(variant);
    if ((variant.colour ?? '').length > 40) fail('colour', 'A colour name holds up to 40 characters.', i);
    if ((variant.size ?? '').length > 40) fail('size', 'A size holds up to 40 characters.', i);
    const key = cellKey(variant);
    if (cells.has(key)) fail('variants', `${label} is in the grid twice.`, i);
    cells.add(key);

    if (!SKU.test(variant.sku)) fail('sku', 'A SKU is 1 to 64 capital letters, digits and . _ / - (no spaces).', i);
    else if (skus.has(variant.sku)) fail('sku', `The SKU ${variant.sku} is also on ${variantLabel(input.variants[skus.get(variant.sku) as number])}.`, i);
    else skus.set(variant.sku, i);

    const price = variant.priceMinor;
    if (price !== null) {
      if (Number.isNaN(price)) fail('priceMinor', 'Enter a price such as 2,499.00.', i);
      else if (price < 0) fail('priceMinor', 'A price cannot be negative.', i);
      else if (price > MAX_AMOUNT_MINOR) fail('priceMinor', 'That price is too high.', i);
    }
    const was = variant.compareAtPriceMinor;
    if (was !== null) {
      if (Number.isNaN(was)) fail('compareAtPriceMinor', 'Enter a price such as 2,999.00, or leave it empty.', i);
      else if (was < 0) fail('compareAtPriceMinor', 'A compare-at price cannot be negative.', i);
      else if (was > MAX_AMOUNT_MINOR) fail('compareAtPriceMinor', 'That price is too high.', i);
      else if (price !== null && price >= 0 && was < price) fail('compareAtPriceMinor', 'The compare-at price (the “was” price) cannot be below the price.', i);
    }
    units(variant.stock, 'stock', 'Stock', i);
    if (variant.stockShown !== undefined && !(Number.isInteger(variant.stockShown) && variant.stockShown >= 0)) {
      fail('stock', 'This row came from a page that is out of date. Please open the product again.', i);
    }
    units(variant.lowStockThreshold, 'lowStockThreshold', 'A low-stock threshold', i);
  });
  return errors;

  function units(value: number, field: VariantField, what: string, i: number) {
    if (!Number.isInteger(value)) fail(field, 'Enter a whole number of units.', i);
    else if (value < 0) fail(field, `${what} cannot be negative.`, i);
    else if (value > MAX_UNITS) fail(field, 'That is more units than the shop can count.', i);
  }
}

/**
 * What a product still lacks to be published: a variant to sell, a price on every variant, a picture.
 * Empty when it may be published.
 */
export function publishingProblems(variants: Pick<VariantInput, 'colour' | 'size' | 'priceMinor'>[], pictureCount: number): string[] {
  const problems: string[] = [];
  if (variants.length === 0) problems.push('at least one colour and size to sell');
  const unpriced = variants.filter((v) => !v.priceMinor).map(variantLabel);
  if (unpriced.length > 0) problems.push(`a price on every variant (${unpriced.join(', ')} ${unpriced.length === 1 ? 'has' : 'have'} none)`);
  if (pictureCount === 0) problems.push('at least one picture');
  return problems;
}

/** A SKU to start a new cell with, from the product's address and the cell's colour and size: "LAWN-KURTA-INDIGO-M". */
export function suggestedSku(slug: string, variant: { colour: string | null; size: string | null }): string {
  const part = (text: string | null) =>
    (text ?? '')
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const tail = [part(variant.colour), part(variant.size)].filter(Boolean).join('-');
  const head = (part(slug) || 'ITEM').slice(0, 63 - tail.length).replace(/-+$/, '');
  return [head, tail].filter(Boolean).join('-').slice(0, 64);
}

/** The units a cell adds (negative: takes): what the owner typed less what the form showed, or less what is on hand for an import. */
export function stockChange(cell: Pick<VariantInput, 'stock' | 'stockShown'>, onHand: number): number {
  return cell.stock - (cell.stockShown ?? onHand);
}
