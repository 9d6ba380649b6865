import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { containsPattern } from '../common/like.js';
import { pageCount, type Page } from '../common/pagination.js';
import type { ProductCard } from './catalog.types.js';
import { Category } from './entities/category.entity.js';
import { ProductImage } from './entities/product-image.entity.js';
import { Product, ProductStatus } from './entities/product.entity.js';
import { Variant } from './entities/variant.entity.js';

export const PRODUCTS_PER_PAGE = 24;

export interface ListingQuery {
  page: number;
  categorySlug?: string;
  search?: string;
}

/** The storefront's lists of products: listings, category pages, search and new arrivals, as cards. */
@Injectable()
export class ProductListingService {
  constructor(
    @InjectRepository(Category) private readonly categories: Repository<Category>,
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectRepository(Variant) private readonly variants: Repository<Variant>,
    @InjectRepository(ProductImage) private readonly images: Repository<ProductImage>,
  ) {}

  listCategories(): Promise<Category[]> {
    return this.categories.find({ order: { position: 'ASC', name: 'ASC' } });
  }

  async categoryBySlug(slug: string): Promise<Category> {
    const category = await this.categories.findOneBy({ slug });
    if (!category) throw new NotFoundError('That category');
    return category;
  }

  /**
   * One page of published products, newest first. The page of ids is chosen first (filtered, sorted,
   * limited), then cards are built from those ids with one query per table: the number of queries
   * does not grow with the page size.
   */
  async listProducts(query: ListingQuery): Promise<Page<ProductCard>> {
    const category = query.categorySlug ? await this.categoryBySlug(query.categorySlug) : undefined;
    return this.listPublished(query, category);
  }

  /** A category page: the category and its products, looking the category up once. */
  async listCategory(slug: string, page: number): Promise<{ category: Category; result: Page<ProductCard> }> {
    const category = await this.categoryBySlug(slug);
    return { category, result: await this.listPublished({ page }, category) };
  }

  private async listPublished(query: ListingQuery, category: Category | undefined): Promise<Page<ProductCard>> {
    const filtered = this.products.createQueryBuilder('p').where('p.status = :published', { published: ProductStatus.Published });
    if (category) filtered.andWhere('p.categoryId = :categoryId', { categoryId: category.id });
    if (query.search) {
      filtered.andWhere("LOWER(p.name) LIKE :search ESCAPE '!'", { search: containsPattern(query.search.toLowerCase()) });
    }
    const total = await filtered.getCount();
    const pages = pageCount(total, PRODUCTS_PER_PAGE);
    const page = Math.min(query.page, pages);
    const rows = await filtered
      .select('p.id', 'id')
      .orderBy('p.createdAt', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .offset((page - 1) * PRODUCTS_PER_PAGE)
      .limit(PRODUCTS_PER_PAGE)
      .getRawMany<{ id: number }>();
    return { items: await this.cards(rows.map((row) => Number(row.id))), page, pages, total };
  }

  async newArrivals(count: number): Promise<ProductCard[]> {
    const rows = await this.products.find({
      select: { id: true },
      where: { status: ProductStatus.Published },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: count,
    });
    return this.cards(rows.map((row) => row.id));
  }

  /** Cards for these products, in the order given. */
  async cards(ids: number[]): Promise<ProductCard[]> {
    if (ids.length === 0) return [];
    const [products, prices, images] = await Promise.all([
      this.products.findBy({ id: In(ids) }),
      this.variants
        .createQueryBuilder('v')
        .select('v.productId', 'productId')
        .addSelect('MIN(v.priceMinor)', 'fromPriceMinor')
        .addSelect('SUM(v.stock)', 'stock')
        .where('v.productId IN (:...ids)', { ids })
        .groupBy('v.productId')
        .getRawMany<{ productId: number; fromPriceMinor: number | string; stock: number | string }>(),
      this.images.find({ where: { productId: In(ids), position: 0 } }),
    ]);
    const byId = new Map(products.map((p) => [p.id, p]));
    const priceOf = new Map(prices.map((row) => [Number(row.productId), row]));
    const imageOf = new Map(images.map((image) => [image.productId, image]));
    return ids.flatMap((id) => {
      const product = byId.get(id);
      if (!product) return [];
      const price = priceOf.get(id);
      const image = imageOf.get(id);
      return [
        {
          id,
          slug: product.slug,
          name: product.name,
          fromPriceMinor: Number(price?.fromPriceMinor ?? 0),
          imageUrl: image?.url ?? null,
          imageAlt: image?.alt ?? product.name,
          soldOut: Number(price?.stock ?? 0) <= 0,
        },
      ];
    });
  }
}
