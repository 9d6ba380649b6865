import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/**
 * An order's invoice number, given once when it is paid (InvoiceNumbers.assign): the year's next
 * sequence number, with no gaps. The unique indexes make a second number for one order, or one number
 * for two orders, impossible even if code were wrong.
 */
@Entity('invoice')
@Index(['year', 'sequence'], { unique: true })
export class Invoice {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'int' })
  orderId: number;

  /** As printed: "2026-000001". */
  @Index({ unique: true })
  @Column({ length: 20 })
  number: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  sequence: number;

  /** When the order was paid (the invoice's date). */
  @Column(datetime)
  paidAt: Date;
}
