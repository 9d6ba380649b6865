import { Column, Entity, PrimaryColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/**
 * The owner's version of an email's templates; an email with no row here is sent from its default
 * (views/emails). "Restore default" deletes the row.
 */
@Entity('email_template')
export class EmailTemplate {
  /** The email's kind, as in EMAIL_KINDS: "order_confirmation". */
  @PrimaryColumn({ length: 40 })
  kind: string;

  @Column({ length: 255 })
  subject: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'text' })
  text: string;

  @Column(datetime)
  updatedAt: Date;

  @Column({ type: 'int' })
  updatedByUserId: number;
}
