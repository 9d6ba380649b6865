import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What the customer wants for a returned line: the money back, or another size or colour of the same product. */
export enum ReturnResolution {
  Refund = 'refund',
  Exchange = 'exchange',
}

/** A line of a return: how many units of which order line, why, and for what. */
@Entity('return_line')
export class ReturnLine {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  returnId: number;

  /** Returns of one order line are summed on this index, so no unit is returned twice. */
  @Index()
  @Column({ type: 'int' })
  orderLineId: number;

  @Column({ type: 'int' })
  quantity: number;

  /** One of RETURN_REASONS' keys. */
  @Column({ length: 40 })
  reason: string;

  @Column({ type: 'simple-enum', enum: ReturnResolution })
  resolution: ReturnResolution;

  /** The variant sent instead, for an exchange. */
  @Column({ type: 'int', nullable: true })
  replacementVariantId: number | null;

  /** Its size and colour as they were when asked ("L / Indigo"). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  replacementLabel: string | null;

  /**
   * Whether this line's replacement units are held off the shelf for it: taken when the return is
   * asked for, given back if it is rejected, and handed to the linked order when it ships.
   */
  @Column({ type: 'boolean', default: false })
  reservationHeld: boolean;
}
