import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CartService } from '../../src/cart/cart.service.js';
import { CatalogEditor } from '../../src/catalog/catalog-editor.service.js';
import { ProductPagesService } from '../../src/catalog/product-pages.service.js';
import { ProductImageThumbnails } from '../../src/catalog/images/thumbnails.js';
import { garmentPicture } from '../../src/database/seed/garment-picture.js';
import type { TestShop } from './test-shop.js';

/** What a factory needs of a shop: its services and its folders. A whole shop (startShop) or its services alone (serviceModule). */
export type ShopServices = Pick<TestShop, 'config' | 'get'>;

let sequence = 0;

export interface ProductFixture {
  slug: string;
  name: string;
  categorySlug: string;
  variantIds: number[];
}

/**
 * aProduct(shop, { stock: 5 }): a published product in its own category, one variant per size × colour
 * (each with `stock` units, "Only N left" at `lowStockThreshold` units or fewer: 3 unless given).
 * Its pictures get webp thumbnails only with `thumbnails: true` (resizing costs tens of milliseconds a picture).
 */
export async function aProduct(
  shop: ShopServices,
  options: { stock?: number; lowStockThreshold?: number; priceMinor?: number; sizes?: string[]; colours?: string[]; name?: string; thumbnails?: boolean } = {},
): Promise<ProductFixture> {
  sequence += 1;
  const catalog = shop.get(CatalogEditor);
  const name = options.name ?? `Test Kurta ${sequence}`;
  const slug = `test-kurta-${sequence}-${Math.random().toString(36).slice(2, 6)}`;
  const category = await catalog.createCategory({ slug: `category-${slug}`, name: `Category ${sequence}`, position: sequence });
  const sizes = options.sizes ?? ['M'];
  const colours = options.colours ?? ['Indigo'];
  const pictures = path.join(shop.config.varDir, 'uploads', 'products');
  mkdirSync(pictures, { recursive: true });
  for (const colour of colours) writeFileSync(path.join(pictures, `${slug}-${colour}.svg`), garmentPicture('kurta', '#7a4b8c', `${name} in ${colour}`));
  const product = await catalog.createProduct({
    slug,
    name,
    description: 'A test product.',
    categoryId: category.id,
    variants: colours.flatMap((colour) =>
      sizes.map((size) => ({
        sku: `${slug}-${size}-${colour}`.toUpperCase(),
        size,
        colour,
        priceMinor: options.priceMinor ?? 250_000,
        stock: options.stock ?? 10,
        ...(options.lowStockThreshold === undefined ? {} : { lowStockThreshold: options.lowStockThreshold }),
      })),
    ),
    images: colours.map((colour) => ({ url: `/uploads/products/${slug}-${colour}.svg`, alt: `${name} in ${colour}`, colour })),
  });
  if (options.thumbnails) await shop.get(ProductImageThumbnails).generateForProducts([product.id]);
  const { variants } = await shop.get(ProductPagesService).productPage(product.slug);
  return { slug, name, categorySlug: category.slug, variantIds: variants.map((v) => v.id) };
}

/**
 * aCart(shop, [[kurta, 2], [dupatta, 1]]): a visitor's cart holding these quantities of each product's
 * M / Indigo variant (aProduct's one, unless a size and colour are given), filled through CartService
 * as Add to cart fills it.
 */
export async function aCart(shop: ShopServices, lines: [ProductFixture, number, { size?: string; colour?: string }?][]): Promise<number> {
  const carts = shop.get(CartService);
  let cartId: number | undefined;
  for (const [product, quantity, choice] of lines) {
    ({ cartId } = await carts.addItem(cartId, { productSlug: product.slug, size: choice?.size ?? 'M', colour: choice?.colour ?? 'Indigo', quantity }));
  }
  if (cartId === undefined) throw new Error('aCart needs at least one line');
  return cartId;
}
