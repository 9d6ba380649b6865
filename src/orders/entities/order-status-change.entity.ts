import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';
import { PaymentStatus } from '../payments/payment-status.js';
import { OrderStatus } from './order.entity.js';

/**
 * The order's history; written only by OrdersService together with the change itself. A row is a move
 * of the order (fromStatus → toStatus), or a move of its payment (`payment` set, the status unchanged:
 * a transfer received, cash collected), or both at once (delivered and paid).
 */
@Entity('order_status_change')
export class OrderStatusChange {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  orderId: number;

  @Column({ type: 'simple-enum', enum: OrderStatus, nullable: true })
  fromStatus: OrderStatus | null;

  @Column({ type: 'simple-enum', enum: OrderStatus })
  toStatus: OrderStatus;

  /** The payment's new status when this step moved it too; null when it did not. */
  @Column({ type: 'simple-enum', enum: PaymentStatus, nullable: true })
  payment: PaymentStatus | null;

  @Column({ type: 'int', nullable: true })
  changedByUserId: number | null;

  /** Who made it, as the timeline names them: a staff member's email, "Stripe webhook", "Customer". */
  @Column({ type: 'varchar', length: 254, nullable: true })
  changedBy: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  note: string | null;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
