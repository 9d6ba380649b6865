import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

export enum ProductStatus {
  Draft = 'draft',
  Published = 'published',
}

@Entity('product')
@Index(['status', 'createdAt'])
@Index(['categoryId', 'status', 'createdAt'])
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

  @CreateDateColumn(datetime)
  createdAt: Date;

  @Column({ ...datetime, nullable: true })
  updatedAt: Date | null;
}
