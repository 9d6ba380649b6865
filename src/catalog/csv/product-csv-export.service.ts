import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, MoreThan, Repository } from 'typeorm';
import { decimalAmount } from '../../common/money.js';
import { Category } from '../entities/category.entity.js';
import { Product } from '../entities/product.entity.js';
import { Variant } from '../entities/variant.entity.js';
import type { ProductCsvRow } from './product-csv.columns.js';

/** Products read per step: a batch of rows in memory at a time, however large the catalog. */
const PRODUCTS_PER_BATCH = 200;

/** The catalog as CSV rows (PRODUCT_CSV_COLUMNS), every product of every status, oldest first. */
@Injectable()
export class ProductCsvExport {
  constructor(
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectRepository(Variant) private readonly variants: Repository<Variant>,
    @InjectRepository(Category) private readonly categories: Repository<Category>,
  ) {}

  /** Rows batch by batch (three queries a batch), products in id order, each product's variants in their order. */
  async *rows(): AsyncGenerator<ProductCsvRow> {
    const categorySlugs = new Map((await this.categories.find({ select: { id: true, slug: true } })).map((c) => [c.id, c.slug]));
    let after = 0;
    for (;;) {
      const batch = await this.products.find({ where: { id: MoreThan(after) }, order: { id: 'ASC' }, take: PRODUCTS_PER_BATCH });
      if (batch.length === 0) return;
      after = batch[batch.length - 1].id;
      const variants = await this.variants.find({ where: { productId: In(batch.map((p) => p.id)) }, order: { productId: 'ASC', position: 'ASC', id: 'ASC' } });
      const variantsOf = new Map<number, Variant[]>();
      for (const variant of variants) variantsOf.set(variant.productId, [...(variantsOf.get(variant.productId) ?? []), variant]);
      for (const product of batch) {
        for (const variant of variantsOf.get(product.id) ?? []) {
          yield {
            product_slug: product.slug,
            product_name: product.name,
            category_slug: categorySlugs.get(product.categoryId) ?? '',
            status: product.status,
            description: product.description,
            seo_title: product.seoTitle ?? '',
            seo_description: product.seoDescription ?? '',
            colour: variant.colour ?? '',
            size: variant.size ?? '',
            sku: variant.sku,
            price: decimalAmount(variant.priceMinor),
            compare_at_price: variant.compareAtPriceMinor === null ? '' : decimalAmount(variant.compareAtPriceMinor),
            stock: String(variant.stock),
            low_stock_threshold: String(variant.lowStockThreshold),
          };
        }
      }
    }
  }
}
