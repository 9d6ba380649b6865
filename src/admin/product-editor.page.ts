import { Injectable } from '@nestjs/common';
import type { OptionValue } from '../catalog/entities/option-value.entity.js';
import { ProductStatus } from '../catalog/entities/product.entity.js';
import type { Variant } from '../catalog/entities/variant.entity.js';
import { safeSwatch } from '../catalog/facets.js';
import { cellKey, type ProductFieldError, suggestedSku } from '../catalog/product-input.js';
import { variantLabel } from '../catalog/product-page.js';
import { ProductRecords } from '../catalog/product-records.service.js';
import { slugFrom } from '../catalog/product-slugs.js';
import { amountForInput } from '../common/money.js';
import { type CellText, gridCombinations, type ProductForm, type ProductTextField } from './product-form.js';

export const STATUS_LABELS: Record<ProductStatus, string> = {
  [ProductStatus.Draft]: 'Draft',
  [ProductStatus.Published]: 'Published',
  [ProductStatus.Archived]: 'Archived',
};

/** The grid's columns a cell's error can sit in, by the editor's field names. */
const CELL_COLUMN: Record<string, keyof CellErrors> = {
  sku: 'sku',
  colour: 'sku',
  size: 'sku',
  priceMinor: 'price',
  compareAtPriceMinor: 'compareAtPrice',
  stock: 'stock',
  lowStockThreshold: 'lowStockThreshold',
};

type CellErrors = Partial<Record<'sku' | 'price' | 'compareAtPrice' | 'stock' | 'lowStockThreshold', string>>;

/** A cell as the grid shows it: what to type into, what the owner typed, and what is wrong with it. */
export interface GridCell extends CellText {
  index: number;
  label: string;
  isNew: boolean;
  errors: CellErrors;
  invalid: boolean;
}

/** How the editor opens: empty, on a product, or again with what was posted (and what was wrong with it). */
export interface EditorState {
  productId?: number;
  form?: ProductForm;
  /** Errors of the save of `form`, whose variants were the form's grid in order. */
  errors?: ProductFieldError[];
  /** A word above the grid: why it was drawn again instead of saved. */
  notice?: string;
}

/**
 * The product editor's page, from what the catalog knows and what the owner typed. The grid is the
 * ticked colours × sizes: each cell shows what was posted for it, else the variant it already is, else
 * a new cell with a suggested SKU and the first priced cell's prices to start from.
 */
@Injectable()
export class ProductEditorPages {
  constructor(private readonly records: ProductRecords) {}

  async editor(state: EditorState) {
    const [stored, options, categories] = await Promise.all([
      state.productId === undefined ? null : this.records.productForEditor(state.productId),
      this.records.storeOptions(),
      this.records.categoryChoices(),
    ]);
    const product = stored?.product;
    const existing = new Map((stored?.variants ?? []).map((v) => [cellKey(v), v]));
    const used = (option: 'colour' | 'size') => [...new Set((stored?.variants ?? []).map((v) => v[option]).filter((v): v is string => Boolean(v)))];
    const form = state.form;
    const colours = form ? form.colours : inOrder(used('colour'), options.colours);
    const sizes = form ? form.sizes : inOrder(used('size'), options.sizes);

    const fields: Record<ProductTextField, string> = form?.fields ?? {
      name: product?.name ?? '',
      slug: product?.slug ?? '',
      description: product?.description ?? '',
      categoryId: product ? String(product.categoryId) : '',
      status: product?.status ?? ProductStatus.Draft,
      seoTitle: product?.seoTitle ?? '',
      seoDescription: product?.seoDescription ?? '',
    };
    const slug = fields.slug || slugFrom(fields.name);
    // Cells with nothing posted and no variant yet start from the grid's first priced cell (see startFrom).
    const fresh = new Set<GridCell>();
    const cells = gridCombinations(colours, sizes).map((combination, index): GridCell => {
      const key = cellKey(combination);
      const variant = existing.get(key);
      const typed = form?.cells.get(key) ?? (variant ? cellOf(variant) : null);
      const errors = cellErrors(state.errors ?? [], index);
      const cell: GridCell = {
        ...(typed ?? { colour: combination.colour ?? '', size: combination.size ?? '', sku: suggestedSku(slug, combination), ...startingValues }),
        index,
        label: variantLabel(combination),
        isNew: !variant,
        errors,
        invalid: Object.keys(errors).length > 0,
      };
      if (!typed) fresh.add(cell);
      return cell;
    });
    const model = cells.find((cell) => !fresh.has(cell) && cell.price);
    for (const cell of fresh) startFrom(cell, model);

    const groups = (colours.length > 0 ? colours : ['']).map((colour) => ({
      colour,
      swatch: safeSwatch(options.colours.find((o) => o.value === colour)?.swatch ?? null),
      cells: cells.filter((cell) => cell.colour === colour),
    }));
    return {
      title: product ? `Edit ${product.name}` : 'New product',
      layout: 'admin',
      scripts: ['/js/product-grid.js'],
      productId: product?.id ?? null,
      action: product ? `/admin/products/${product.id}` : '/admin/products',
      shopUrl: product?.status === ProductStatus.Published ? `/products/${product.slug}` : null,
      pictures: product ? { count: stored?.pictureCount ?? 0, url: `/admin/products/${product.id}/pictures` } : null,
      categories: categories.map((c) => ({ id: String(c.id), label: `${'— '.repeat(c.depth)}${c.name}` })),
      statuses: Object.values(ProductStatus).map((value) => ({ value, label: STATUS_LABELS[value] })),
      colourChoices: choices('colour', options.colours, used('colour'), colours),
      sizeChoices: choices('size', options.sizes, used('size'), sizes),
      grid: { groups, hasColours: colours.length > 0, hasSizes: sizes.length > 0, count: cells.length },
      variantErrors: (state.errors ?? []).filter((e) => e.field === 'variants').map((e) => e.message),
      notice: state.notice ?? null,
      values: { ...fields, newColour: form?.newColour ?? '', newColourSwatch: form?.newColourSwatch || '#888888', newSize: form?.newSize ?? '' },
    };
  }
}

const startingValues = { price: '', compareAtPrice: '', stock: '0', stockShown: '', lowStockThreshold: '3' };

/** A new cell starts from the prices and threshold of the grid's first priced cell, which most sizes and colours share. */
function startFrom(cell: GridCell, model: GridCell | undefined): void {
  if (!model) return;
  cell.price = model.price;
  cell.compareAtPrice = model.compareAtPrice;
  cell.lowStockThreshold = model.lowStockThreshold;
}

function cellOf(variant: Variant): CellText {
  return {
    colour: variant.colour ?? '',
    size: variant.size ?? '',
    sku: variant.sku,
    price: variant.priceMinor > 0 ? amountForInput(variant.priceMinor) : '',
    compareAtPrice: variant.compareAtPriceMinor === null ? '' : amountForInput(variant.compareAtPriceMinor),
    stock: String(variant.stock),
    stockShown: String(variant.stock),
    lowStockThreshold: String(variant.lowStockThreshold),
  };
}

function cellErrors(errors: ProductFieldError[], index: number): CellErrors {
  const found: CellErrors = {};
  for (const error of errors) {
    const column = error.variant === index ? CELL_COLUMN[error.field] : undefined;
    if (column) found[column] ??= error.message;
  }
  return found;
}

/** The values a product uses, in the store's order (values the store does not list go last). */
function inOrder(values: string[], store: OptionValue[]): string[] {
  const position = (value: string) => {
    const index = store.findIndex((o) => o.value === value);
    return index === -1 ? store.length : index;
  };
  return [...values].sort((a, b) => position(a) - position(b));
}

/** The store's values, plus any the product uses that the store does not list (it must not lose them by saving), each ticked or not. */
function choices(option: 'colour' | 'size', store: OptionValue[], used: string[], ticked: string[]) {
  const values = [...store.map((o) => o.value), ...used.filter((value) => !store.some((o) => o.value === value))];
  for (const value of ticked) if (!values.includes(value)) values.push(value);
  return values.map((value, i) => ({
    value,
    id: `${option}-${i}`,
    swatch: safeSwatch(store.find((o) => o.value === value)?.swatch ?? null),
    checked: ticked.includes(value),
  }));
}
