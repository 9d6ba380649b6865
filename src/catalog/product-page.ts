import type { ProductCard } from './catalog.types.js';
import type { Category } from './entities/category.entity.js';
import type { ProductImage } from './entities/product-image.entity.js';
import type { Product } from './entities/product.entity.js';
import { ancestorsOf, safeSwatch } from './facets.js';
import { categoryPath, productPath } from './catalog-paths.js';

/**
 * The product page's rules that need no database: the store's order of sizes and colours, which colour
 * is shown, which pictures go with it, what the price and stock lines say. ProductPagesService loads the rows
 * and hands them here, so the same rules are unit-tested without a shop (product-page.spec.ts).
 */

/** A variant as loaded for the product page: its row plus its size's and colour's place in the store's order. */
export interface VariantRow {
  id: number;
  sku: string;
  size: string | null;
  colour: string | null;
  priceMinor: number;
  compareAtPriceMinor: number | null;
  stock: number;
  lowStockThreshold: number;
  sizePosition: number | null;
  colourPosition: number | null;
  swatch: string | null;
}

export type Availability = 'in_stock' | 'low_stock' | 'sold_out';

export interface ProductPageVariant {
  id: number;
  sku: string;
  size: string | null;
  colour: string | null;
  label: string;
  priceMinor: number;
  /** The "was" price, only when it is higher than the price (a sale). */
  compareAtPriceMinor: number | null;
  discountPercent: number | null;
  soldOut: boolean;
  availability: Availability;
  /** "In stock", "Only 2 left" or "Sold out": how many units are on hand is told only when few are. */
  stockLabel: string;
}

export interface SizeChoice {
  value: string;
  /** No unit of this size in any colour. */
  soldOut: boolean;
  /** For the colour on show: sold out, or not made in it. */
  disabled: boolean;
  /** " — sold out", " — only 2 left", " — not in Rust" or "". */
  note: string;
  selected: boolean;
}

export interface ColourChoice {
  value: string;
  soldOut: boolean;
  selected: boolean;
  /** A #rrggbb colour for the swatch, or null when the store has none for it. */
  swatch: string | null;
  /** The page showing this colour's pictures, for shoppers without JavaScript. */
  url: string;
}

export interface GalleryPicture {
  url: string;
  alt: string;
  colour: string | null;
  thumbnailWidths: string;
  /** Another colour's picture: in the page (so the script can show it without a reload) but hidden. */
  hidden: boolean;
}

/** What the price line says: one price (with its sale) or "From" the lowest when the choices differ. */
export interface PriceDisplay {
  from: boolean;
  minor: number;
  compareAtMinor: number | null;
  discountPercent: number | null;
}

export interface Breadcrumb {
  name: string;
  url: string;
}

/** Everything views/catalog/product.hbs shows. */
export interface ProductPage {
  product: Product;
  category: Category | null;
  breadcrumbs: Breadcrumb[];
  sizes: SizeChoice[];
  colours: ColourChoice[];
  colour: string | null;
  variants: ProductPageVariant[];
  /** Every picture, in position order (the API and search engines list them all). */
  images: ProductImage[];
  /** The pictures in the order the page shows them for the chosen colour. */
  gallery: GalleryPicture[];
  price: PriceDisplay;
  stock: { availability: Availability; label: string };
  priceMinor: number;
  priceVaries: boolean;
  soldOut: boolean;
  related: ProductCard[];
}

/** What the product page is built from, whatever the shopper chooses (ProductPagesService.productFacts). */
export interface ProductFacts {
  product: Product;
  category: Category | null;
  breadcrumbs: Breadcrumb[];
  rows: VariantRow[];
  images: ProductImage[];
  /** The related products' ids, most related first; their cards are read apart (ProductPagesService.relatedCards). */
  relatedIds: number[];
}

/** The product as the JSON API shows it (ProductPagesService.productDetail): the page without its extras. */
export interface ProductDetail {
  product: Product;
  category: Category | null;
  images: ProductImage[];
  sizes: { value: string }[];
  colours: { value: string }[];
  variants: ProductPageVariant[];
}

/** What a shopper has chosen, from ?colour= or a re-rendered form; anything not among the product's options is ignored. */
export interface ProductChoice {
  colour?: string;
  size?: string;
}

export const RELATED_PRODUCTS = 4;

export function variantLabel(variant: { size: string | null; colour: string | null }): string {
  return [variant.size, variant.colour].filter(Boolean).join(' / ') || 'One size';
}

/** The values variants use, in the store's order (option_value.position), then in the variants' own order. */
export function inStoreOrder(rows: VariantRow[], option: 'size' | 'colour'): string[] {
  const positions = new Map<string, number>();
  for (const row of rows) {
    const value = row[option];
    if (value && !positions.has(value)) positions.set(value, (option === 'size' ? row.sizePosition : row.colourPosition) ?? Number.MAX_SAFE_INTEGER);
  }
  // Array.prototype.sort is stable: values the store has not ordered keep the variants' order.
  return [...positions.keys()].sort((a, b) => (positions.get(a) ?? 0) - (positions.get(b) ?? 0));
}

/**
 * What the shop tells about a variant's stock: "Sold out", "Only N left" at or below its low-stock
 * threshold, else "In stock". The one rule for the pages and for when cached pages go stale.
 */
export function stockState(stock: number, lowStockThreshold: number): { availability: Availability; label: string } {
  if (stock <= 0) return { availability: 'sold_out', label: 'Sold out' };
  if (stock <= lowStockThreshold) return { availability: 'low_stock', label: `Only ${stock} left` };
  return { availability: 'in_stock', label: 'In stock' };
}

export function pageVariant(row: VariantRow): ProductPageVariant {
  const onSale = row.compareAtPriceMinor !== null && row.compareAtPriceMinor > row.priceMinor;
  const { availability, label } = stockState(row.stock, row.lowStockThreshold);
  return {
    id: row.id,
    sku: row.sku,
    size: row.size,
    colour: row.colour,
    label: variantLabel(row),
    priceMinor: row.priceMinor,
    compareAtPriceMinor: onSale ? row.compareAtPriceMinor : null,
    discountPercent: onSale ? discountPercent(row.priceMinor, row.compareAtPriceMinor ?? 0) : null,
    soldOut: availability === 'sold_out',
    availability,
    stockLabel: label,
  };
}

/** Rounded down, so the badge never promises more off than the prices show. */
export function discountPercent(priceMinor: number, compareAtMinor: number): number {
  return Math.floor(((compareAtMinor - priceMinor) * 100) / compareAtMinor);
}

/** The colour the page opens on: the one asked for if the product has it, else the first (in the store's order) with stock. */
export function chosenColour(colours: string[], variants: ProductPageVariant[], requested: string | undefined): string | null {
  if (requested && colours.includes(requested)) return requested;
  return colours.find((colour) => variants.some((v) => v.colour === colour && !v.soldOut)) ?? colours[0] ?? null;
}

/**
 * The chosen colour's pictures first, then the pictures that show no particular colour; other colours'
 * pictures stay in the page, hidden, for the script to bring forward. A colour with no pictures of its
 * own and no general ones shows every picture rather than none.
 */
export function galleryFor(images: ProductImage[], colour: string | null): GalleryPicture[] {
  const rank = (image: ProductImage) => (colour !== null && image.colour === colour ? 0 : image.colour === null ? 1 : 2);
  const ordered = [...images].sort((a, b) => rank(a) - rank(b) || a.position - b.position || a.id - b.id);
  const showAll = ordered.every((image) => rank(image) === 2);
  return ordered.map((image) => ({
    url: image.url,
    alt: image.alt,
    colour: image.colour,
    thumbnailWidths: image.thumbnailWidths,
    hidden: !showAll && rank(image) === 2,
  }));
}

/** The Size select for the colour on show: every size, the ones that cannot be bought in it disabled. */
export function sizeChoices(sizes: string[], variants: ProductPageVariant[], colour: string | null, requested: string | undefined): SizeChoice[] {
  const choices = sizes.map((size) => {
    const variant = variants.find((v) => v.size === size && (colour === null || v.colour === colour));
    const note = !variant
      ? ` — not in ${colour ?? 'stock'}`
      : variant.availability === 'sold_out'
        ? ' — sold out'
        : variant.availability === 'low_stock'
          ? ` — ${variant.stockLabel.toLowerCase()}`
          : '';
    return {
      value: size,
      soldOut: variants.every((v) => v.size !== size || v.soldOut),
      disabled: !variant || variant.soldOut,
      note,
      selected: false,
    };
  });
  // What the browser would select anyway (the first size it may), unless the shopper asked for one.
  const selected = choices.find((choice) => choice.value === requested) ?? choices.find((choice) => !choice.disabled);
  if (selected) selected.selected = true;
  return choices;
}

export function colourChoices(
  colours: string[],
  rows: VariantRow[],
  variants: ProductPageVariant[],
  chosen: string | null,
  productUrl: string,
): ColourChoice[] {
  return colours.map((colour) => {
    const swatch = rows.find((row) => row.colour === colour)?.swatch ?? null;
    return {
      value: colour,
      soldOut: variants.every((v) => v.colour !== colour || v.soldOut),
      selected: colour === chosen,
      swatch: safeSwatch(swatch),
      url: `${productUrl}?${new URLSearchParams({ colour }).toString()}`,
    };
  });
}

/**
 * The price line: the chosen variant's price when a size has been chosen (or there is only one to
 * choose), otherwise the colour's price, "From" its lowest when its sizes cost different amounts.
 */
export function priceDisplay(candidates: ProductPageVariant[]): PriceDisplay {
  const prices = candidates.map((v) => v.priceMinor);
  const minor = prices.length > 0 ? Math.min(...prices) : 0;
  if (new Set(prices).size > 1) return { from: true, minor, compareAtMinor: null, discountPercent: null };
  const compareAts = new Set(candidates.map((v) => v.compareAtPriceMinor));
  const [compareAtMinor] = compareAts;
  if (compareAts.size !== 1 || !compareAtMinor) return { from: false, minor, compareAtMinor: null, discountPercent: null };
  return { from: false, minor, compareAtMinor, discountPercent: discountPercent(minor, compareAtMinor) };
}

export function stockDisplay(candidates: ProductPageVariant[]): { availability: Availability; label: string } {
  if (candidates.length === 1) return { availability: candidates[0].availability, label: candidates[0].stockLabel };
  return candidates.some((v) => !v.soldOut) ? { availability: 'in_stock', label: 'In stock' } : { availability: 'sold_out', label: 'Sold out' };
}

/** Home › parent › … › category, from the whole (small) category list loaded once; see ancestorsOf for a loop in the tree. */
export function breadcrumbsFor(categories: Pick<Category, 'id' | 'slug' | 'name' | 'parentId'>[], categoryId: number): Breadcrumb[] {
  const category = categories.find((c) => c.id === categoryId);
  const trail = category ? [...ancestorsOf(categories, category), category] : [];
  return [{ name: 'Home', url: '/' }, ...trail.map((c) => ({ name: c.name, url: categoryPath(c.slug) }))];
}

/** Product ids in order without repeats, at most `count`. */
export function firstDistinct(ids: number[], count: number): number[] {
  return [...new Set(ids)].slice(0, count);
}

/**
 * The page for what the shopper chose, from the product's facts. No database: a cached product answers
 * any ?colour= or size without loading again, and a made-up colour costs no cache entry of its own.
 */
export function productPageFor(facts: ProductFacts, related: ProductCard[], choice: ProductChoice = {}): ProductPage {
  const { product, rows, images } = facts;
  const variants = rows.map(pageVariant);
  const colourValues = inStoreOrder(rows, 'colour');
  const colour = chosenColour(colourValues, variants, choice.colour);
  const sizes = sizeChoices(inStoreOrder(rows, 'size'), variants, colour, choice.size);
  const ofColour = variants.filter((v) => colour === null || v.colour === colour);
  const size = sizes.find((s) => s.selected && s.value === choice.size)?.value;
  // A size the shopper chose (or the only one there is) prices the page; otherwise the colour does.
  const chosen = ofColour.filter((v) => size === undefined || v.size === size);
  const prices = variants.map((v) => v.priceMinor);
  return {
    product,
    category: facts.category,
    breadcrumbs: facts.breadcrumbs,
    sizes,
    colours: colourChoices(colourValues, rows, variants, colour, productPath(product.slug)),
    colour,
    variants,
    images,
    gallery: galleryFor(images, colour),
    price: priceDisplay(chosen.length > 0 ? chosen : variants),
    stock: stockDisplay(chosen.length > 0 ? chosen : variants),
    priceMinor: prices.length > 0 ? Math.min(...prices) : 0,
    priceVaries: new Set(prices).size > 1,
    soldOut: variants.every((v) => v.soldOut),
    related,
  };
}

/** The product as the JSON API shows it, from the same facts as its page (one cache entry serves both). */
export function productDetailFor(facts: ProductFacts): ProductDetail {
  const { rows } = facts;
  return {
    product: facts.product,
    category: facts.category,
    images: facts.images,
    sizes: inStoreOrder(rows, 'size').map((value) => ({ value })),
    colours: inStoreOrder(rows, 'colour').map((value) => ({ value })),
    variants: rows.map(pageVariant),
  };
}
