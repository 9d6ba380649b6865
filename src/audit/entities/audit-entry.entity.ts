import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/**
 * One write made in the owner's panel: who, from where, what it was done to, and the values before and
 * after (JSON). Written in the transaction of the write itself, so there is a row for every change
 * that happened and none for a change that rolled back.
 */
@Entity('audit_entry')
@Index(['createdAt'])
@Index(['subjectType', 'subjectId'])
@Index(['actorUserId', 'createdAt'])
// The log filtered by action, newest first; and the select of the actions present, read off it.
@Index(['action', 'createdAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @CreateDateColumn(datetime)
  createdAt: Date;

  /** Null only for the shop itself (a scheduled job). */
  @Column({ type: 'int', nullable: true })
  actorUserId: number | null;

  /** As it was at the time: the account's email may change later, the log must not. */
  @Column({ length: 254 })
  actorEmail: string;

  @Column({ length: 45 })
  ip: string;

  /** What was done, as `subject.verb`: "product.updated", "stock.adjusted", "order.status_changed". */
  @Column({ length: 60 })
  action: string;

  /** What it was done to: "product", "variant", "order", "user", "setting", … */
  @Column({ length: 40 })
  subjectType: string;

  /** Its id, order number or key; null when the write concerns the whole shop. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  subjectId: string | null;

  /** The changed fields as they were (JSON), null for something created. */
  @Column({ type: 'text', nullable: true })
  before: string | null;

  /** The changed fields as they became (JSON), null for something deleted. */
  @Column({ type: 'text', nullable: true })
  after: string | null;
}
