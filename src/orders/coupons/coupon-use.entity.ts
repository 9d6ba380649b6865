import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/** One order's use of a coupon: counted for the per-customer limit, deleted when the order is cancelled. */
@Entity('coupon_use')
@Index(['couponId', 'userId'])
@Index(['couponId', 'email'])
export class CouponUse {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  couponId: number;

  /** An order uses at most one coupon. */
  @Index({ unique: true })
  @Column({ type: 'int' })
  orderId: number;

  @Column({ type: 'int', nullable: true })
  userId: number | null;

  /** Lower-cased: a guest's uses are counted by the email they give. */
  @Column({ length: 254 })
  email: string;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
