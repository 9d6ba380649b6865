import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/** A cart is a database row, so it survives sign-in, restarts and a second instance. */
@Entity('cart')
// The abandoned-cart reminder's scan: carts not yet reminded, oldest change first.
@Index(['reminderSentAt', 'updatedAt'])
export class Cart {
  @PrimaryGeneratedColumn()
  id: number;

  /** Set once the shopper signs in; a user has at most one open cart. */
  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  userId: number | null;

  @CreateDateColumn(datetime)
  createdAt: Date;

  @Column({ ...datetime, nullable: true })
  updatedAt: Date | null;

  /** The email a guest gave at checkout (even when the order was refused), for the abandoned-cart reminder. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** When the abandoned-cart reminder was queued: set once by a conditional update, cleared when the cart is emptied by an order. */
  @Column({ ...datetime, nullable: true })
  reminderSentAt: Date | null;
}
