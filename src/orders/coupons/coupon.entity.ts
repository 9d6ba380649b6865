import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

export enum CouponKind {
  /** percentBasisPoints off the items it applies to. */
  Percent = 'percent',
  /** amountOffMinor off the items it applies to (never more than they cost). */
  Fixed = 'fixed',
  /** Delivery costs nothing. */
  FreeShipping = 'free_shipping',
}

/** A code a shopper types at checkout. Its uses are counted in usesCount, taken with a conditional update. */
@Entity('coupon')
export class Coupon {
  @PrimaryGeneratedColumn()
  id: number;

  /** Stored in capitals, so "eid10" and "EID10" are one code on every database. */
  @Index({ unique: true })
  @Column({ length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 20 })
  kind: CouponKind;

  /** For a percent coupon: 1,000 = 10%. */
  @Column({ type: 'int', default: 0 })
  percentBasisPoints: number;

  /** For a fixed coupon. */
  @Column({ type: 'int', default: 0 })
  amountOffMinor: number;

  /** The items' subtotal an order needs before the code applies (0: any order). */
  @Column({ type: 'int', default: 0 })
  minSubtotalMinor: number;

  @Column({ ...datetime, nullable: true })
  startsAt: Date | null;

  @Column({ ...datetime, nullable: true })
  endsAt: Date | null;

  /** How many orders may use it in all; null for no limit. */
  @Column({ type: 'int', nullable: true })
  maxUses: number | null;

  /** How many orders one customer (by account, or by email for guests) may use it on; null for no limit. */
  @Column({ type: 'int', nullable: true })
  maxUsesPerCustomer: number | null;

  /** Orders holding it now: taken when an order is placed, given back when it is cancelled. */
  @Column({ type: 'int', default: 0 })
  usesCount: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn(datetime)
  createdAt: Date;

  @UpdateDateColumn(datetime)
  updatedAt: Date;
}
