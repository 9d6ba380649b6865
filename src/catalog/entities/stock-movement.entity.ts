import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/** How long the note of a stock adjustment may be. */
export const STOCK_NOTE_LENGTH = 200;

/** The inventory ledger: every change of a variant's stock, with why it happened and who made it. */
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

  /** The account that adjusted stock by hand in the panel; null for the shop's own moves (sales, cancellations, seeding). */
  @Column({ type: 'int', nullable: true })
  userId: number | null;

  /** What the person who adjusted it wrote ("delivery note 14", "moth damage"). */
  @Column({ type: 'varchar', length: STOCK_NOTE_LENGTH, nullable: true })
  note: string | null;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
