import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/**
 * A return's own state machine (see return-status.ts), apart from the order's: requested → approved →
 * received → completed, or requested → rejected. Each move is a conditional update on the status just
 * read, so a double click moves it once.
 */
export enum ReturnStatus {
  Requested = 'requested',
  Approved = 'approved',
  Rejected = 'rejected',
  Received = 'received',
  Completed = 'completed',
}

/** A customer's request to send back lines of a delivered order, each for a refund or an exchange. */
@Entity('return_request')
@Index(['status', 'createdAt'])
export class ReturnRequest {
  @PrimaryGeneratedColumn()
  id: number;

  /** What the customer and the owner quote: "RT-" and eight unambiguous characters. */
  @Index({ unique: true })
  @Column({ length: 20 })
  number: string;

  @Index()
  @Column({ type: 'int' })
  orderId: number;

  @Column({ length: 20 })
  orderNumber: string;

  @Column({ type: 'simple-enum', enum: ReturnStatus })
  status: ReturnStatus;

  /** The signed-in customer who asked, or null for a guest with the order's signed link. */
  @Column({ type: 'int', nullable: true })
  requestedByUserId: number | null;

  /** The owner's note to the customer (why it was rejected, say). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  ownerNote: string | null;

  /** The linked order that sends the exchanged items, once made. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  replacementOrderNumber: string | null;

  /** The amount refunded for the refund lines, once recorded. */
  @Column({ type: 'int', nullable: true })
  refundedMinor: number | null;

  /**
   * The request form's key: the same form submitted twice (a double click, a retry) finds this return
   * instead of asking again. Unique, so of simultaneous submits one insert wins.
   */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  requestKey: string | null;

  @CreateDateColumn(datetime)
  createdAt: Date;

  @Column({ ...datetime, nullable: true })
  receivedAt: Date | null;
}
