import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The receipt of an order as it was placed, written in the placing transaction: what was bought, at
 * which prices, tax, totals, addresses and payment, as JSON (see receipt.ts). Later edits to products,
 * prices, settings or the order's address never change it.
 */
@Entity('order_receipt')
export class OrderReceipt {
  @PrimaryColumn({ type: 'int' })
  orderId: number;

  /** A Receipt, as JSON. */
  @Column({ type: 'text' })
  body: string;
}
