import type { ProductStatus } from './entities/product.entity.js';

/** A product as a card in a listing. */
export interface ProductCard {
  id: number;
  slug: string;
  name: string;
  fromPriceMinor: number;
  /** The "was" price of the card's (lowest) price when that variant is on sale, else null. */
  compareAtPriceMinor: number | null;
  onSale: boolean;
  imageUrl: string | null;
  imageAlt: string;
  /** The picture's thumbnail widths (product_image.thumbnailWidths), '' when it has none. */
  imageWidths: string;
  soldOut: boolean;
}

/** A variant as the cart and checkout need it, with the product it belongs to. */
export interface VariantSummary {
  variantId: number;
  productId: number;
  productSlug: string;
  productName: string;
  /** The product's category: a coupon for categories discounts the lines in them. */
  categoryId: number;
  sku: string;
  label: string;
  priceMinor: number;
  stock: number;
  imageUrl: string | null;
  /** Whether the product is in the shop: a draft or archived product's variants stay in carts but cannot be bought. */
  available: boolean;
}

export interface NewProduct {
  slug: string;
  name: string;
  description: string;
  categoryId: number;
  status?: ProductStatus;
  seoTitle?: string | null;
  seoDescription?: string | null;
  createdAt?: Date;
  variants: {
    sku: string;
    size: string | null;
    colour: string | null;
    priceMinor: number;
    compareAtPriceMinor?: number | null;
    stock: number;
    lowStockThreshold?: number;
  }[];
  images: { url: string; alt: string; colour: string | null }[];
}

/** What the sitemap lists: every category and every published product, with when it last changed. */
export interface SitemapEntries {
  categories: { slug: string }[];
  products: { slug: string; lastModified: Date }[];
}
