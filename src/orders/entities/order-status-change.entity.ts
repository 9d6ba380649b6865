import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';
import { OrderStatus } from './order.entity.js';

/** The order's history; written only by OrdersService together with the status change itself. */
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

  @Column({ type: 'int', nullable: true })
  changedByUserId: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  note: string | null;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
