import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CatalogEditor } from '../../src/catalog/catalog-editor.service.js';
import { ProductPagesService } from '../../src/catalog/product-pages.service.js';
import { ProductImageThumbnails } from '../../src/catalog/images/thumbnails.js';
import { garmentPicture } from '../../src/database/seed/garment-picture.js';
import type { TestShop } from './test-shop.js';

let sequence = 0;

export interface ProductFixture {
  slug: string;
  name: string;
  categorySlug: string;
  variantIds: number[];
}

/**
 * aProduct(shop, { stock: 5 }): a published product in its own category, one variant per size × colour.
 * Its pictures get webp thumbnails only with `thumbnails: true` (resizing costs tens of milliseconds a picture).
 */
export async function aProduct(
  shop: TestShop,
  options: { stock?: number; priceMinor?: number; sizes?: string[]; colours?: string[]; name?: string; thumbnails?: boolean } = {},
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
      sizes.map((size) => ({ sku: `${slug}-${size}-${colour}`.toUpperCase(), size, colour, priceMinor: options.priceMinor ?? 250_000, stock: options.stock ?? 10 })),
    ),
    images: colours.map((colour) => ({ url: `/uploads/products/${slug}-${colour}.svg`, alt: `${name} in ${colour}`, colour })),
  });
  if (options.thumbnails) await shop.get(ProductImageThumbnails).generateForProducts([product.id]);
  const { variants } = await shop.get(ProductPagesService).productPage(product.slug);
  return { slug, name, categorySlug: category.slug, variantIds: variants.map((v) => v.id) };
}
