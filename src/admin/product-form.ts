import { ProductStatus } from '../catalog/entities/product.entity.js';
import { cellKey, type ProductInput, type VariantInput } from '../catalog/product-input.js';
import { slugFrom } from '../catalog/product-slugs.js';
import { minorUnitsFrom } from '../common/money.js';

/** What the editor's form asks for: save, redraw the grid for the colours and sizes ticked, or add a colour or size to the store. */
export type EditorIntent = 'save' | 'grid' | 'add-colour' | 'add-size';

/** One cell of the grid as typed: text, as the form sent it, so a refused form shows exactly what was typed. */
export interface CellText {
  colour: string;
  size: string;
  sku: string;
  price: string;
  compareAtPrice: string;
  stock: string;
  /** The stock the page showed when it was opened (existing variants only): the save changes stock by the difference. */
  stockShown: string;
  lowStockThreshold: string;
}

/** The editor's form as posted. */
export interface ProductForm {
  intent: EditorIntent;
  /** The product's own fields as typed (name, slug, description, categoryId, status, seoTitle, seoDescription). */
  fields: Record<ProductTextField, string>;
  /** The colours and sizes ticked, in the order the form lists them (the store's). */
  colours: string[];
  sizes: string[];
  /** The grid's cells as posted, by cellKey. */
  cells: Map<string, CellText>;
  newColour: string;
  newColourSwatch: string;
  newSize: string;
}

export const PRODUCT_TEXT_FIELDS = ['name', 'slug', 'description', 'categoryId', 'status', 'seoTitle', 'seoDescription'] as const;
export type ProductTextField = (typeof PRODUCT_TEXT_FIELDS)[number];

const CELL_FIELDS = ['colour', 'size', 'sku', 'price', 'compareAtPrice', 'stock', 'stockShown', 'lowStockThreshold'] as const;
const INTENTS: EditorIntent[] = ['save', 'grid', 'add-colour', 'add-size'];
/** More cells than a shop's grid ever has: a body claiming more is cut, not looped over. */
const MAX_CELLS = 400;

/** Reads the editor's posted body; anything missing or odd becomes empty text, never an exception. */
export function readProductForm(body: unknown): ProductForm {
  const raw = isRecord(body) ? body : {};
  const fields = Object.fromEntries(PRODUCT_TEXT_FIELDS.map((name) => [name, text(raw[name])])) as Record<ProductTextField, string>;
  const cells = new Map<string, CellText>();
  for (const cell of listOf(raw.variants).slice(0, MAX_CELLS)) {
    if (!isRecord(cell)) continue;
    const typed = Object.fromEntries(CELL_FIELDS.map((name) => [name, text(cell[name])])) as unknown as CellText;
    cells.set(cellKey(optionsOf(typed)), typed);
  }
  return {
    intent: INTENTS.find((intent) => intent === raw.intent) ?? 'save',
    fields,
    colours: distinct(listOf(raw.colours).map(text)),
    sizes: distinct(listOf(raw.sizes).map(text)),
    cells,
    newColour: text(raw.newColour),
    newColourSwatch: text(raw.newColourSwatch),
    newSize: text(raw.newSize),
  };
}

/** The combinations the ticked colours and sizes make, in grid order; an option with nothing ticked is not a dimension. */
export function gridCombinations(colours: string[], sizes: string[]): { colour: string | null; size: string | null }[] {
  const colourList = colours.length > 0 ? colours : [null];
  const sizeList = sizes.length > 0 ? sizes : [null];
  return colourList.flatMap((colour) => sizeList.map((size) => ({ colour, size })));
}

/**
 * The product the form describes, for ProductEditor.saveProduct, or null when a combination ticked has
 * no cell yet (ticked since the grid was drawn): the grid must be shown again before it is saved.
 */
export function productInputOf(form: ProductForm): Omit<ProductInput, 'id'> | null {
  const variants: VariantInput[] = [];
  for (const combination of gridCombinations(form.colours, form.sizes)) {
    const cell = form.cells.get(cellKey(combination));
    if (!cell) return null;
    variants.push({
      ...combination,
      sku: cell.sku.trim().toUpperCase(),
      priceMinor: amount(cell.price),
      compareAtPriceMinor: amount(cell.compareAtPrice),
      stock: units(cell.stock),
      ...(cell.stockShown === '' ? {} : { stockShown: units(cell.stockShown) }),
      lowStockThreshold: units(cell.lowStockThreshold),
    });
  }
  const { fields } = form;
  const name = fields.name.trim();
  return {
    name,
    // Left empty, the address is made from the name.
    slug: fields.slug.trim().toLowerCase() || slugFrom(name),
    description: fields.description.trim(),
    categoryId: /^\d{1,9}$/.test(fields.categoryId) ? Number(fields.categoryId) : Number.NaN,
    status: (Object.values(ProductStatus) as string[]).includes(fields.status) ? (fields.status as ProductStatus) : ProductStatus.Draft,
    seoTitle: fields.seoTitle.trim() || null,
    seoDescription: fields.seoDescription.trim() || null,
    variants,
  };
}

/** The cell's colour and size as a variant has them: empty text is "none". */
export const optionsOf = (cell: Pick<CellText, 'colour' | 'size'>) => ({ colour: cell.colour || null, size: cell.size || null });

/** An amount typed in major units; empty is none, and what is no amount is NaN, for the editor to name the cell. */
function amount(typed: string): number | null {
  if (typed.trim() === '') return null;
  return minorUnitsFrom(typed) ?? Number.NaN;
}

/** A whole number of units; empty is 0, and what is no whole number is NaN. */
function units(typed: string): number {
  const trimmed = typed.trim();
  if (trimmed === '') return 0;
  return /^-?\d{1,9}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const distinct = (values: string[]) => [...new Set(values.filter(Boolean))];

/** A repeated field as a list: one value arrives as text, many as an array, and past qs's array limit (20) as an object keyed by index. */
function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value)) return Object.values(value);
  return value === undefined ? [] : [value];
}
