import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A line as it was bought: names and prices are copied so later catalog edits never change an order. */
@Entity('order_line')
// The orders that hold a variant (its sales, a recall, the after-sale screens) are found on this index.
@Index(['variantId', 'orderId'])
export class OrderLine {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  orderId: number;

  @Column({ type: 'int' })
  variantId: number;

  @Column({ length: 64 })
  sku: string;

  @Column({ length: 160 })
  productName: string;

  @Column({ length: 100 })
  variantLabel: string;

  @Column({ type: 'int' })
  unitPriceMinor: number;

  @Column({ type: 'int' })
  quantity: number;

  /** unitPriceMinor × quantity, before the discount. */
  @Column({ type: 'int' })
  lineTotalMinor: number;

  /** This line's share of the coupon's discount. */
  @Column({ type: 'int', default: 0 })
  discountMinor: number;

  /** The tax on this line's discounted total, rounded once (see pricing/tax.ts). */
  @Column({ type: 'int', default: 0 })
  taxMinor: number;
}
