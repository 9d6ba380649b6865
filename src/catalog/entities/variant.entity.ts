import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One size × colour of a product, with its own price and stock. */
@Entity('variant')
export class Variant {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  productId: number;

  @Index({ unique: true })
  @Column({ length: 64 })
  sku: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  size: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  colour: string | null;

  /** Integer minor units (paisa, cents) in the store currency. */
  @Column({ type: 'int' })
  priceMinor: number;

  /** The price before a sale ("was"), shown struck through when higher than the price. */
  @Column({ type: 'int', nullable: true })
  compareAtPriceMinor: number | null;

  /** Units on hand; only InventoryService writes it, with a conditional update and a ledger row. */
  @Column({ type: 'int', default: 0 })
  stock: number;

  /** At or below this many units the shop says "only N left" (and the admin flags it for reordering). */
  @Column({ type: 'int', default: 3 })
  lowStockThreshold: number;

  @Column({ type: 'int', default: 0 })
  position: number;
}
