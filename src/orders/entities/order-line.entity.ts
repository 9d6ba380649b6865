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

  @Column({ type: 'int' })
  lineTotalMinor: number;
}
