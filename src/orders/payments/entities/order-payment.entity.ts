import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { datetime } from '../../../database/columns.js';
import { PaymentMethod } from '../../entities/order.entity.js';
import { PaymentStatus } from '../payment-status.js';

/**
 * How an order is being paid: one row per order, made when its payment begins. The order's own status
 * moves through OrdersService.changeStatus; this row holds what the money side knows (the provider's
 * reference, what was paid and refunded), so the payment can change without touching shop_order.
 */
@Entity('order_payment')
// The release job's question: which open payments are past their time.
@Index(['status', 'holdStockUntil'])
export class OrderPayment {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'int' })
  orderId: number;

  @Index({ unique: true })
  @Column({ length: 20 })
  orderNumber: string;

  @Column({ type: 'simple-enum', enum: PaymentMethod })
  provider: PaymentMethod;

  /** The provider's name for the payment: a Stripe Checkout Session id, a Safepay tracker. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  providerReference: string | null;

  /** What a refund is made against, once paid: Stripe's PaymentIntent (Safepay refunds by the tracker itself). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  providerPaymentId: string | null;

  /** The hosted page to send the shopper back to while the payment is open. */
  @Column({ type: 'text', nullable: true })
  checkoutUrl: string | null;

  @Column({ type: 'int' })
  amountMinor: number;

  @Column({ type: 'int', default: 0 })
  refundedMinor: number;

  @Column({ length: 3 })
  currency: string;

  @Column({ type: 'simple-enum', enum: PaymentStatus })
  status: PaymentStatus;

  /** For a hosted payment: when the order's stock is released if no payment has come (null: it never is). */
  @Column({ ...datetime, nullable: true })
  holdStockUntil: Date | null;

  /** Money came in for an order that could not take it (paid after its stock was released and sold): refund it. */
  @Column({ type: 'boolean', default: false })
  needsRefund: boolean;

  /**
   * Paid after its order was released, and the coupon's use could not be taken again (its last use went
   * to another order meanwhile, or the customer's own limit is reached): the order kept a discount the
   * coupon no longer allows. The owner decides (ask for the difference, or let it go).
   */
  @Column({ type: 'boolean', default: false })
  couponOverLimit: boolean;

  @CreateDateColumn(datetime)
  createdAt: Date;

  @UpdateDateColumn(datetime)
  updatedAt: Date;
}
