import { parse } from 'csv-parse/sync';
import { restoredCell } from '../../common/csv-cells.js';
import { ProductStatus } from '../entities/product.entity.js';
import type { ProductFieldError, ProductInput, VariantInput } from '../product-input.js';
import { PRODUCT_CSV_COLUMNS, type ProductCsvColumn, type ProductCsvRow } from './product-csv.columns.js';

/** What is wrong with a cell of the file, as a spreadsheet names it: row 2 is the first under the header. */
export interface CsvRowError {
  row: number;
  column: ProductCsvColumn | null;
  message: string;
}

/** One product of the file: its fields and variants as ProductEditor takes them, with the rows they came from. */
export interface ImportedProduct {
  categorySlug: string;
  /** The product's ProductInput, but for its id and category id (known once the database is asked). */
  input: Omit<ProductInput, 'id' | 'categoryId'>;
  /** The file's row of the product's first line, and of each variant in input.variants. */
  firstRow: number;
  variantRows: number[];
}

/** The most rows a file may have: ten thousand variants with room to spare. */
export const MAX_IMPORT_ROWS = 20_000;

const PRODUCT_COLUMNS = ['product_name', 'category_slug', 'status', 'description', 'seo_title', 'seo_description'] as const;
const DECIMAL = /^\d{1,8}(?:\.\d{1,2})?$/;
const WHOLE = /^\d{1,9}$/;

/**
 * Reads a product CSV (PRODUCT_CSV_COLUMNS, as the export writes it) into products, or says what is
 * wrong with each row: a missing or extra column, a number that is no number, a product whose rows
 * disagree. Rules the database knows (a SKU of another product, an unknown category) come later.
 */
export function readProductCsv(text: string): { products: ImportedProduct[]; errors: CsvRowError[]; rowCount: number } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (error) {
    return { products: [], errors: [{ row: 1, column: null, message: `The file is not a CSV file we can read: ${(error as Error).message}` }], rowCount: 0 };
  }
  const [header = [], ...lines] = records;
  const missing = PRODUCT_CSV_COLUMNS.filter((column) => !header.includes(column));
  const extra = header.filter((column) => !(PRODUCT_CSV_COLUMNS as readonly string[]).includes(column));
  if (missing.length > 0 || extra.length > 0) {
    const problems = [missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `unknown ${extra.join(', ')}` : ''].filter(Boolean);
    return {
      products: [],
      errors: [{ row: 1, column: null, message: `The header must name the export's columns: ${problems.join('; ')}.` }],
      rowCount: lines.length,
    };
  }
  if (lines.length > MAX_IMPORT_ROWS) {
    return {
      products: [],
      errors: [
        {
          row: 1,
          column: null,
          message: `A file may hold up to ${MAX_IMPORT_ROWS.toLocaleString('en')} rows; this one has ${lines.length.toLocaleString('en')}.`,
        },
      ],
      rowCount: lines.length,
    };
  }

  const errors: CsvRowError[] = [];
  const products = new Map<string, ImportedProduct & { cells: ProductCsvRow }>();
  // Products are tried a batch at a time, so a SKU two products of the file share is caught here, across batches.
  const skuRows = new Map<string, number>();
  lines.forEach((cells, index) => {
    const row = index + 2;
    if (cells.length !== header.length) {
      errors.push({ row, column: null, message: `This row has ${cells.length} cells; the header has ${header.length}.` });
      return;
    }
    const record = Object.fromEntries(header.map((column, i) => [column, restoredCell(cells[i])])) as ProductCsvRow;
    const slug = record.product_slug.trim();
    if (!slug) {
      errors.push({ row, column: 'product_slug', message: 'Every row needs the product’s address (product_slug).' });
      return;
    }
    const variant = variantOf(record, row, errors);
    const skuRow = skuRows.get(variant.sku);
    if (variant.sku && skuRow !== undefined) errors.push({ row, column: 'sku', message: `The SKU ${variant.sku} is also on row ${skuRow}.` });
    else skuRows.set(variant.sku, row);
    const product = products.get(slug);
    if (!product) {
      const status = record.status.trim() as ProductStatus;
      if (!Object.values(ProductStatus).includes(status)) errors.push({ row, column: 'status', message: 'The status is draft, published or archived.' });
      if (!record.category_slug.trim()) errors.push({ row, column: 'category_slug', message: 'Every product needs its category’s address (category_slug).' });
      products.set(slug, {
        categorySlug: record.category_slug.trim(),
        input: {
          slug,
          name: record.product_name.trim(),
          description: record.description,
          status,
          seoTitle: record.seo_title.trim() || null,
          seoDescription: record.seo_description.trim() || null,
          variants: [variant],
        },
        firstRow: row,
        variantRows: [row],
        cells: record,
      });
      return;
    }
    // A product's own fields are repeated on each of its rows: they must say the same everywhere.
    for (const column of PRODUCT_COLUMNS) {
      if (record[column].trim() !== product.cells[column].trim()) {
        errors.push({
          row,
          column,
          message: `This differs from the product’s first row (row ${product.firstRow}): a product’s ${column} is the same on all its rows.`,
        });
      }
    }
    product.input.variants.push(variant);
    product.variantRows.push(row);
  });
  return {
    products: [...products.values()].map(({ categorySlug, input, firstRow, variantRows }) => ({ categorySlug, input, firstRow, variantRows })),
    errors,
    rowCount: lines.length,
  };
}

function variantOf(record: ProductCsvRow, row: number, errors: CsvRowError[]): VariantInput {
  const amount = (column: 'price' | 'compare_at_price', optional: boolean): number | null => {
    const text = record[column].trim().replace(/,/g, '');
    if (text === '') {
      if (!optional) errors.push({ row, column, message: 'Enter a price such as 2499.00.' });
      return optional ? null : Number.NaN;
    }
    if (!DECIMAL.test(text)) {
      errors.push({ row, column, message: 'Enter a price such as 2499.00 (no currency sign, not negative).' });
      return Number.NaN;
    }
    const [units, cents = ''] = text.split('.');
    return Number(units) * 100 + Number(cents.padEnd(2, '0'));
  };
  const whole = (column: 'stock' | 'low_stock_threshold'): number => {
    const text = record[column].trim();
    if (!WHOLE.test(text)) {
      errors.push({ row, column, message: 'Enter a whole number of units, 0 or more.' });
      return Number.NaN;
    }
    return Number(text);
  };
  return {
    colour: record.colour.trim() || null,
    size: record.size.trim() || null,
    sku: record.sku.trim().toUpperCase(),
    priceMinor: amount('price', false),
    compareAtPriceMinor: amount('compare_at_price', true),
    stock: whole('stock'),
    lowStockThreshold: whole('low_stock_threshold'),
  };
}

/** The column of the file a ProductEditor field comes from. */
const COLUMN_OF: Record<ProductFieldError['field'], ProductCsvColumn | null> = {
  name: 'product_name',
  slug: 'product_slug',
  description: 'description',
  categoryId: 'category_slug',
  status: 'status',
  seoTitle: 'seo_title',
  seoDescription: 'seo_description',
  sku: 'sku',
  priceMinor: 'price',
  compareAtPriceMinor: 'compare_at_price',
  stock: 'stock',
  lowStockThreshold: 'low_stock_threshold',
  colour: 'colour',
  size: 'size',
  variants: null,
};

/** ProductEditor's errors of a product, placed at the file's rows and columns. */
export function rowErrorsOf(product: ImportedProduct, errors: ProductFieldError[]): CsvRowError[] {
  return errors.map((error) => ({
    row: error.variant === undefined ? product.firstRow : product.variantRows[error.variant],
    column: COLUMN_OF[error.field],
    message: error.message,
  }));
}
