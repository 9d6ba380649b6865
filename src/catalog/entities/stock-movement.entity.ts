import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/** The inventory ledger: every change of a variant's stock, with why it happened. */
@Entity('stock_movement')
export class StockMovement {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  variantId: number;

  /** Negative for units leaving (a sale), positive for units arriving. */
  @Column({ type: 'int' })
  delta: number;

  @Column({ length: 40 })
  reason: string;

  /** What caused it, such as an order number. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reference: string | null;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
