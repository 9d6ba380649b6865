import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/** A slug a product used to have: links and search results pointing at it get a 301 to the current one. */
@Entity('product_slug_redirect')
export class ProductSlugRedirect {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ length: 160 })
  slug: string;

  @Index()
  @Column({ type: 'int' })
  productId: number;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
