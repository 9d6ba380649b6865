import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * "Bought together": in how many orders (not cancelled) a product was bought with another one. Kept by
 * the catalog, filled by SalesRecord in each order's transaction, so the product page never reads the
 * orders module's tables.
 */
@Entity('co_purchase')
export class CoPurchase {
  @PrimaryColumn({ type: 'int' })
  productId: number;

  @PrimaryColumn({ type: 'int' })
  otherProductId: number;

  @Column({ type: 'int', default: 0 })
  orderCount: number;
}
