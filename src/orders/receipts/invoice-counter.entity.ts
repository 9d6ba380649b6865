import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last invoice number given in a year: one row a year, raised with a conditional update that locks it. */
@Entity('invoice_counter')
export class InvoiceCounter {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  lastSequence: number;
}
