import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../../database/columns.js';

/** Money given back on a payment: how much, by whom, through which provider refund, and whether the units went back on the shelf. */
@Entity('payment_refund')
export class PaymentRefund {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  orderPaymentId: number;

  @Column({ type: 'int' })
  amountMinor: number;

  /** The provider's id of the refund (Stripe's re_…); null where no provider was asked (cash, a bank transfer sent back by hand). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  providerRefundId: string | null;

  @Column({ type: 'boolean', default: false })
  restocked: boolean;

  @Column({ type: 'int' })
  byUserId: number;

  /** Who refunded, as the audit log names them, so the order's page says it without a join. */
  @Column({ length: 254 })
  byEmail: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  reason: string | null;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
