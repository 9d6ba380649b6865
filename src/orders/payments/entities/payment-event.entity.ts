import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../../database/columns.js';
import { PaymentMethod } from '../../entities/order.entity.js';

/**
 * A provider's webhook event, stored once: the unique key on (provider, event id) is what makes a
 * replayed or duplicated delivery a no-op, even when ten copies arrive at the same moment.
 */
@Entity('payment_event')
@Index(['provider', 'providerEventId'], { unique: true })
export class PaymentEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'simple-enum', enum: PaymentMethod })
  provider: PaymentMethod;

  @Column({ length: 255 })
  providerEventId: string;

  @Column({ length: 80 })
  type: string;

  /** The payment it was about, when the shop knows it. */
  @Index()
  @Column({ type: 'int', nullable: true })
  orderPaymentId: number | null;

  /** SHA-256 of the body as received, to match an event against the provider's dashboard without keeping card-adjacent data. */
  @Column({ length: 64 })
  payloadDigest: string;

  /** Whether it changed the payment, and if not why: "paid", "late: stock taken again", "ignored: already paid"… */
  @Column({ length: 120 })
  outcome: string;

  @Column({ type: 'boolean', default: false })
  applied: boolean;

  @Column(datetime)
  receivedAt: Date;
}
