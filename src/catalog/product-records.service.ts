import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { containsPattern } from '../common/like.js';
import { clampedPage, pageCount, type Page } from '../common/pagination.js';
import { Category } from './entities/category.entity.js';
import { OptionValue, ProductOption } from './entities/option-value.entity.js';
import { ProductImage } from './entities/product-image.entity.js';
import { Product, type ProductStatus } from './entities/product.entity.js';
import { Variant } from './entities/variant.entity.js';
import { byPosition, childrenOf, subtreeIds } from './facets.js';
import { parseThumbnailWidths, thumbnailUrl } from './images/thumbnail-urls.js';

export const OWNER_SORTS = ['newest', 'name', 'price', 'stock'] as const;
export type OwnerSort = (typeof OWNER_SORTS)[number];

export interface OwnerListQuery {
  /** Part of a name, address or SKU. */
  search?: string;
  status?: ProductStatus;
  /** The category and every one below it. */
  categoryId?: number;
  sort: OwnerSort;
  page: number;
}

/** A product as a row of the owner's list. */
export interface OwnerProductRow {
  id: number;
  name: string;
  slug: string;
  status: ProductStatus;
  categoryName: string | null;
  /** The first picture's smallest thumbnail (or the picture itself), null without pictures. */
  pictureUrl: string | null;
  /** The lowest and highest variant price, 0 when no variant has one. */
  lowestPriceMinor: number;
  highestPriceMinor: number;
  stock: number;
  variantCount: number;
}

/** The product as the editor opens it: its variants in their order, and how many pictures it has. */
export interface ProductForEditor {
  product: Product;
  variants: Variant[];
  pictureCount: number;
}

/** A category in the editor's select: indented under its parent, in the shop's order. */
export interface CategoryChoice {
  id: number;
  name: string;
  depth: number;
}

export const OWNER_PRODUCTS_PER_PAGE = 25;

const ORDER_BY: Record<OwnerSort, [string, 'ASC' | 'DESC']> = {
  newest: ['p.createdAt', 'DESC'],
  name: ['p.name', 'ASC'],
  price: ['p.priceMinor', 'ASC'],
  // Fewest first: the list sorted by stock is a reorder list.
  stock: ['stock', 'ASC'],
};

/**
 * The owner's reads of the catalog, drafts and archived products included: the product list with its
 * search, filters and sorts, and what the product editor opens with. The storefront never asks these.
 */
@Injectable()
export class ProductRecords {
  constructor(
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectRepository(Variant) private readonly variants: Repository<Variant>,
    @InjectRepository(ProductImage) private readonly images: Repository<ProductImage>,
    @InjectRepository(Category) private readonly categories: Repository<Category>,
    @InjectRepository(OptionValue) private readonly options: Repository<OptionValue>,
  ) {}

  /** A page of the list: a count, the page's ids in order, then one query each for their variants, pictures and categories. */
  async ownerList(query: OwnerListQuery): Promise<Page<OwnerProductRow>> {
    const matching = this.products.createQueryBuilder('p');
    if (query.search) {
      const pattern = containsPattern(query.search.toLowerCase());
      matching.andWhere(
        `(LOWER(p.name) LIKE :pattern ESCAPE '!' OR p.slug LIKE :pattern ESCAPE '!'
          OR EXISTS (SELECT 1 FROM variant sv WHERE sv.productId = p.id AND LOWER(sv.sku) LIKE :pattern ESCAPE '!'))`,
        { pattern },
      );
    }
    if (query.status) matching.andWhere('p.status = :status', { status: query.status });
    if (query.categoryId !== undefined) {
      const all = await this.categories.find();
      matching.andWhere('p.categoryId IN (:...categoryIds)', { categoryIds: subtreeIds(all, query.categoryId) });
    }
    const total = await matching.getCount();
    const page = clampedPage(query.page, total, OWNER_PRODUCTS_PER_PAGE);
    const [column, order] = ORDER_BY[query.sort];
    const rows = await matching
      .select('p.id', 'id')
      .addSelect('(SELECT COALESCE(SUM(st.stock), 0) FROM variant st WHERE st.productId = p.id)', 'stock')
      .orderBy(column, order)
      .addOrderBy('p.id', order)
      .offset((page - 1) * OWNER_PRODUCTS_PER_PAGE)
      .limit(OWNER_PRODUCTS_PER_PAGE)
      .getRawMany<{ id: number | string }>();
    const items = await this.rowsOf(rows.map((row) => Number(row.id)));
    return { items, page, pages: pageCount(total, OWNER_PRODUCTS_PER_PAGE), total };
  }

  private async rowsOf(ids: number[]): Promise<OwnerProductRow[]> {
    if (ids.length === 0) return [];
    const [products, variants, pictures, categories] = await Promise.all([
      this.products.find({ select: { id: true, name: true, slug: true, status: true, categoryId: true }, where: { id: In(ids) } }),
      this.variants.find({ select: { productId: true, priceMinor: true, stock: true }, where: { productId: In(ids) } }),
      this.images.find({ where: { productId: In(ids) }, order: { position: 'ASC', id: 'ASC' } }),
      this.categories.find({ select: { id: true, name: true } }),
    ]);
    const byId = new Map(products.map((p) => [p.id, p]));
    return ids.flatMap((id) => {
      const product = byId.get(id);
      if (!product) return [];
      const own = variants.filter((v) => v.productId === id);
      const prices = own.map((v) => v.priceMinor).filter((price) => price > 0);
      const picture = pictures.find((image) => image.productId === id);
      const widths = picture ? parseThumbnailWidths(picture.thumbnailWidths) : [];
      return [
        {
          id,
          name: product.name,
          slug: product.slug,
          status: product.status,
          categoryName: categories.find((c) => c.id === product.categoryId)?.name ?? null,
          pictureUrl: picture ? (widths.length > 0 ? thumbnailUrl(picture.url, widths[0]) : picture.url) : null,
          lowestPriceMinor: prices.length > 0 ? Math.min(...prices) : 0,
          highestPriceMinor: prices.length > 0 ? Math.max(...prices) : 0,
          stock: own.reduce((sum, v) => sum + v.stock, 0),
          variantCount: own.length,
        },
      ];
    });
  }

  async productForEditor(id: number): Promise<ProductForEditor> {
    const product = await this.products.findOneBy({ id });
    if (!product) throw new NotFoundError('That product');
    const [variants, pictureCount] = await Promise.all([
      this.variants.find({ where: { productId: id }, order: { position: 'ASC', id: 'ASC' } }),
      this.images.countBy({ productId: id }),
    ]);
    return { product, variants, pictureCount };
  }

  /** The store's sizes and colours, each in the order shoppers see them. */
  async storeOptions(): Promise<{ sizes: OptionValue[]; colours: OptionValue[] }> {
    const values = await this.options.find({ order: { position: 'ASC', id: 'ASC' } });
    return { sizes: values.filter((v) => v.option === ProductOption.Size), colours: values.filter((v) => v.option === ProductOption.Colour) };
  }

  /** Every category, each under its parent (depth-first, in the shop's order), for a select. */
  async categoryChoices(): Promise<CategoryChoice[]> {
    const all = (await this.categories.find()).sort(byPosition);
    const choices: CategoryChoice[] = [];
    const visit = (parentId: number | null, depth: number) => {
      for (const category of childrenOf(all, parentId)) {
        if (choices.some((c) => c.id === category.id)) continue;
        choices.push({ id: category.id, name: category.name, depth });
        if (depth < 8) visit(category.id, depth + 1);
      }
    };
    visit(null, 0);
    // A category whose parent has gone still takes products: it is listed at the top level.
    for (const category of all) if (!choices.some((c) => c.id === category.id)) choices.push({ id: category.id, name: category.name, depth: 0 });
    return choices;
  }
}
