import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';
import { SEARCH_TEXT_LENGTH } from '../search-text.js';

/** Only published products are in the shop; a draft is not yet, an archived one no longer (its orders keep it). */
export enum ProductStatus {
  Draft = 'draft',
  Published = 'published',
  Archived = 'archived',
}

@Entity('product')
@Index(['status', 'createdAt'])
@Index(['categoryId', 'status', 'createdAt'])
@Index(['status', 'priceMinor'])
@Index(['status', 'unitsSold'])
// The full-text index exists on MySQL/MariaDB only (created by its migration; SQLite has an FTS5 table
// kept in step by triggers instead), so the schema builder must not manage it.
@Index('IDX_product_search', { synchronize: false })
export class Product {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ length: 160 })
  slug: string;

  @Column({ length: 160 })
  name: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'simple-enum', enum: ProductStatus, default: ProductStatus.Published })
  status: ProductStatus;

  @Column({ type: 'int' })
  categoryId: number;

  /** Overrides for the page <title> and meta description; the name and description are used when empty. */
  @Column({ type: 'varchar', length: 160, nullable: true })
  seoTitle: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  seoDescription: string | null;

  /** The lowest variant price, kept by CatalogEditor whenever variants are written, so listings sort by price on an index. */
  @Column({ type: 'int', default: 0 })
  priceMinor: number;

  /** Units sold to date (sales less cancellations), kept in the order's transaction; the "popular" sort. */
  @Column({ type: 'int', default: 0 })
  unitsSold: number;

  /** Normalised words the full-text search matches (see search-text.ts); written with the product. */
  @Column({ type: 'varchar', length: SEARCH_TEXT_LENGTH, default: '' })
  searchText: string;

  @CreateDateColumn(datetime)
  createdAt: Date;

  @Column({ ...datetime, nullable: true })
  updatedAt: Date | null;
}
