import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { InvalidProductSlugError, ProductMovedError, ProductSlugTakenError } from './catalog.errors.js';
import { ProductSlugRedirect } from './entities/product-slug-redirect.entity.js';
import { Product, ProductStatus } from './entities/product.entity.js';

/**
 * The rules of a product's address: which slugs are well-formed, which are free to take, and which
 * published product a requested slug leads to (its own, or one it used to have).
 */
@Injectable()
export class ProductSlugs {
  constructor(
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectRepository(ProductSlugRedirect) private readonly redirects: Repository<ProductSlugRedirect>,
  ) {}

  /**
   * A published product by its slug. An old slug of a published product, or its slug spelled in other
   * capitals, throws ProductMovedError with the current one: slugs are lower-case (isProductSlug), and
   * MariaDB's case-insensitive collation would otherwise answer /products/RESHAM-KURTA as a second copy
   * of the page (cached apart) where SQLite answers 404; both now send it to the one address.
   */
  async published(requested: string): Promise<Product> {
    const slug = requested.toLowerCase();
    const product = await this.products.findOneBy({ slug, status: ProductStatus.Published });
    // Compared with what was asked, not with `slug`: MariaDB's collation also matches a trailing space or an accent.
    if (product && product.slug !== requested) throw new ProductMovedError(product.slug);
    if (product) return product;
    // Only a miss pays for this lookup. Redirects point at the product, never at another slug, so a chain
    // of renames (a → b → c) sends a straight to c.
    const moved = await this.redirects
      .createQueryBuilder('r')
      .innerJoin(Product, 'p', 'p.id = r.productId')
      .select('p.slug', 'slug')
      .where('r.slug = :slug', { slug })
      .andWhere('p.status = :published', { published: ProductStatus.Published })
      .getRawOne<{ slug: string }>();
    if (moved && moved.slug !== requested) throw new ProductMovedError(moved.slug);
    throw new NotFoundError('That product');
  }

  /** The published product a slug leads to, following a rename: a form posted from a page opened before it meant this product. */
  async publishedFollowingMoves(requested: string): Promise<Product> {
    return this.published(requested).catch(async (error: unknown) => {
      if (error instanceof ProductMovedError) return this.published(error.currentSlug);
      throw error;
    });
  }
}

/** Lowercase letters (of any script), digits and single hyphens between them: no spaces, slashes or dots in an address. */
const PRODUCT_SLUG = /^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u;

/**
 * Also unchanged by lower-casing: a few numerals (Roman Ⅻ) are upper-case, and ProductSlugs.published
 * finds a product by its lower-cased address, so such a slug could never be reached.
 */
export function isProductSlug(slug: string): boolean {
  return PRODUCT_SLUG.test(slug) && slug === slug.toLowerCase() && slug.length <= 160;
}

/**
 * The one check of a slug a product is to have: well-formed (isProductSlug), and neither the current
 * slug nor an old one of any other product, so every link and redirect keeps leading where it leads.
 * Returns the redirect when the slug is one of `productId`'s own old ones, for the caller to drop.
 */
export async function claimSlug(manager: EntityManager, slug: string, productId: number | null): Promise<ProductSlugRedirect | null> {
  if (!isProductSlug(slug)) throw new InvalidProductSlugError(slug);
  const [owner, redirect] = await Promise.all([manager.findOneBy(Product, { slug }), manager.findOneBy(ProductSlugRedirect, { slug })]);
  if ((owner && owner.id !== productId) || (redirect && redirect.productId !== productId)) throw new ProductSlugTakenError(slug);
  return redirect;
}

/**
 * Moves a product's address from `oldSlug` to `newSlug`, which claimSlug has let it take (answering
 * `ownRedirect` when it was one of the product's own old slugs): the old slug answers 301 from now on,
 * and the new one is no longer a redirect, so no slug is ever both a page and a redirect.
 */
export async function moveSlug(
  manager: EntityManager,
  productId: number,
  move: { oldSlug: string; newSlug: string; ownRedirect: ProductSlugRedirect | null },
): Promise<void> {
  if (move.newSlug === move.oldSlug) return;
  if (move.ownRedirect) await manager.delete(ProductSlugRedirect, { id: move.ownRedirect.id });
  // Only a database written before createProduct called claimSlug can hold another product's redirect
  // under this product's slug; that redirect was already hidden behind this page.
  await manager.delete(ProductSlugRedirect, { slug: move.oldSlug });
  await manager.insert(ProductSlugRedirect, { slug: move.oldSlug, productId });
}

/** An address made from a product's name: "Lawn Kurta — Indigo" → "lawn-kurta-indigo"; empty when the name has no letter or digit. */
export function slugFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Lo}\p{N}]+/gu, '-')
    .slice(0, 160)
    .replace(/^-+|-+$/g, '');
}
