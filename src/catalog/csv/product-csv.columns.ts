/**
 * The product CSV: one row per variant, the product's own fields repeated on each of its rows, so a
 * file exported and imported again changes nothing, and a spreadsheet can sort or filter by any column.
 * Prices are in the store currency's major units with two decimals ("2499.00").
 */
export const PRODUCT_CSV_COLUMNS = [
  'product_slug',
  'product_name',
  'category_slug',
  'status',
  'description',
  'seo_title',
  'seo_description',
  'colour',
  'size',
  'sku',
  'price',
  'compare_at_price',
  'stock',
  'low_stock_threshold',
] as const;

export type ProductCsvColumn = (typeof PRODUCT_CSV_COLUMNS)[number];

export type ProductCsvRow = Record<ProductCsvColumn, string>;
