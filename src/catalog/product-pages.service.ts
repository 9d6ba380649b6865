import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, Repository } from 'typeorm';
import type { ProductCard, SitemapEntries } from './catalog.types.js';
import { Category } from './entities/category.entity.js';
import { CoPurchase } from './entities/co-purchase.entity.js';
import { OptionValue, ProductOption } from './entities/option-value.entity.js';
import { ProductImage } from './entities/product-image.entity.js';
import { Product, ProductStatus } from './entities/product.entity.js';
import { Variant } from './entities/variant.entity.js';
import { ProductListingService } from './product-listing.service.js';
import {
  breadcrumbsFor,
  firstDistinct,
  type ProductChoice,
  type ProductDetail,
  productDetailFor,
  type ProductFacts,
  type ProductPage,
  productPageFor,
  RELATED_PRODUCTS,
  type VariantRow,
} from './product-page.js';
import { ProductSlugs } from './product-slugs.js';

/** The storefront's reads of one product (its page, its JSON) and of the whole catalog for the sitemap. */
@Injectable()
export class ProductPagesService {
  constructor(
    @InjectRepository(Category) private readonly categories: Repository<Category>,
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectRepository(Variant) private readonly variants: Repository<Variant>,
    @InjectRepository(ProductImage) private readonly images: Repository<ProductImage>,
    @InjectRepository(CoPurchase) private readonly coPurchases: Repository<CoPurchase>,
    private readonly slugs: ProductSlugs,
    private readonly listings: ProductListingService,
  ) {}

  /** Everything the product page shows, for the colour asked for (or the first in stock): see productFacts. */
  async productPage(slug: string, choice: ProductChoice = {}): Promise<ProductPage> {
    const facts = await this.productFacts(slug);
    return productPageFor(facts, await this.relatedCards(facts), choice);
  }

  /**
   * What the product page is built from, whatever the shopper chooses. A fixed number of queries
   * whatever the catalog holds: the product; then its categories, variants (with the store's order of
   * their options), pictures and newest neighbours together; "bought together" only when the category
   * has too few neighbours (the related products, whose cards relatedCards reads). NotFoundError for an
   * unknown or unpublished product, ProductMovedError for a slug the product used to have (or its own in
   * other capitals).
   */
  async productFacts(slug: string): Promise<ProductFacts> {
    const product = await this.slugs.published(slug);
    const [categories, rows, images, neighbours] = await Promise.all([
      this.categories.find({ order: { id: 'ASC' } }),
      this.variantRows(product.id),
      this.imagesOf(product.id),
      this.newestInCategory(product),
    ]);
    const together = neighbours.length < RELATED_PRODUCTS ? await this.boughtTogether(product.id, neighbours) : [];
    return {
      product,
      category: categories.find((c) => c.id === product.categoryId) ?? null,
      breadcrumbs: breadcrumbsFor(categories, product.categoryId),
      rows,
      images,
      relatedIds: firstDistinct([...neighbours, ...together], RELATED_PRODUCTS),
    };
  }

  /** The cards of the product's related products ("You may also like"), in the order productFacts chose them. */
  relatedCards(facts: ProductFacts): Promise<ProductCard[]> {
    return this.listings.cards(facts.relatedIds);
  }

  /** The product as the JSON API shows it: what productPage knows without the page's extras. */
  async productDetail(slug: string): Promise<ProductDetail> {
    return productDetailFor(await this.productFacts(slug));
  }

  /**
   * Every category and published product for the sitemap, newest products first: one query per table,
   * each bounded so the sitemap stays one file (and one response) however large the catalog grows.
   */
  async sitemapEntries(maxUrls: number): Promise<SitemapEntries> {
    const categories = await this.categories.find({ select: { id: true, slug: true }, order: { position: 'ASC', id: 'ASC' }, take: maxUrls });
    const room = maxUrls - categories.length;
    const products =
      room > 0
        ? await this.products.find({
            select: { id: true, slug: true, createdAt: true, updatedAt: true },
            where: { status: ProductStatus.Published },
            order: { createdAt: 'DESC', id: 'DESC' },
            take: room,
          })
        : [];
    return {
      categories: categories.map((category) => ({ slug: category.slug })),
      products: products.map((product) => ({ slug: product.slug, lastModified: product.updatedAt ?? product.createdAt })),
    };
  }

  /** A product's variants in their order, with their size's and colour's place in the store's order and the colour's swatch: one query. */
  private async variantRows(productId: number): Promise<VariantRow[]> {
    const rows = await this.variants
      .createQueryBuilder('v')
      .leftJoin(OptionValue, 'os', 'os.option = :sizeOption AND os.value = v.size', { sizeOption: ProductOption.Size })
      .leftJoin(OptionValue, 'oc', 'oc.option = :colourOption AND oc.value = v.colour', { colourOption: ProductOption.Colour })
      .select([
        'v.id AS id',
        'v.sku AS sku',
        'v.size AS size',
        'v.colour AS colour',
        'v.priceMinor AS priceMinor',
        'v.compareAtPriceMinor AS compareAtPriceMinor',
      ])
      .addSelect([
        'v.stock AS stock',
        'v.lowStockThreshold AS lowStockThreshold',
        'os.position AS sizePosition',
        'oc.position AS colourPosition',
        'oc.swatch AS swatch',
      ])
      .where('v.productId = :productId', { productId })
      .orderBy('v.position', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .getRawMany<Record<string, unknown>>();
    const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));
    return rows.map((row) => ({
      id: Number(row.id),
      sku: String(row.sku),
      size: (row.size as string | null) ?? null,
      colour: (row.colour as string | null) ?? null,
      priceMinor: Number(row.priceMinor),
      compareAtPriceMinor: numberOrNull(row.compareAtPriceMinor),
      stock: Number(row.stock),
      lowStockThreshold: Number(row.lowStockThreshold),
      sizePosition: numberOrNull(row.sizePosition),
      colourPosition: numberOrNull(row.colourPosition),
      swatch: (row.swatch as string | null) ?? null,
    }));
  }

  private imagesOf(productId: number): Promise<ProductImage[]> {
    return this.images.find({ where: { productId }, order: { position: 'ASC', id: 'ASC' } });
  }

  /** The newest other published products of the same category (on the category/status/createdAt index). */
  private async newestInCategory(product: Product): Promise<number[]> {
    const rows = await this.products.find({
      select: { id: true },
      where: { categoryId: product.categoryId, status: ProductStatus.Published, id: Not(product.id) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: RELATED_PRODUCTS,
    });
    return rows.map((row) => row.id);
  }

  /** Published products bought in the most orders with this one (SalesRecord keeps the counts), the most often first. */
  private async boughtTogether(productId: number, exclude: number[]): Promise<number[]> {
    const rows = await this.coPurchases
      .createQueryBuilder('pair')
      .innerJoin(Product, 'p', 'p.id = pair.otherProductId')
      .select('pair.otherProductId', 'productId')
      .where('pair.productId = :productId AND pair.orderCount > 0', { productId })
      .andWhere('pair.otherProductId NOT IN (:...exclude)', { exclude: [productId, ...exclude] })
      .andWhere('p.status = :published', { published: ProductStatus.Published })
      .orderBy('pair.orderCount', 'DESC')
      .addOrderBy('pair.otherProductId', 'DESC')
      .limit(RELATED_PRODUCTS)
      .getRawMany<{ productId: number | string }>();
    return rows.map((row) => Number(row.productId));
  }
}
