import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/** An address that asked for no more abandoned-cart reminders (lower-case); the link in each reminder adds it. */
@Entity('email_unsubscribe')
export class EmailUnsubscribe {
  @PrimaryColumn({ length: 254 })
  email: string;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
