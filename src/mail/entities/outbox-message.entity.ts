import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

export enum OutboxStatus {
  Pending = 'pending',
  Sent = 'sent',
  Failed = 'failed',
}

/**
 * A side effect (an email) written in the same transaction as the change that causes it,
 * then delivered by the worker; so a crash or a down SMTP server never loses it.
 */
@Entity('outbox_message')
@Index(['status', 'nextAttemptAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ length: 40 })
  kind: string;

  @Column({ length: 254 })
  recipient: string;

  @Column({ length: 255 })
  subject: string;

  /** The plain-text part. */
  @Column({ type: 'text' })
  body: string;

  /** The HTML part; null on messages queued before emails had one. */
  @Column({ type: 'text', nullable: true })
  html: string | null;

  @Column({ type: 'simple-enum', enum: OutboxStatus, default: OutboxStatus.Pending })
  status: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column(datetime)
  nextAttemptAt: Date;

  /** Set when a worker claims the row; a claim older than the lease may be taken over. */
  @Column({ ...datetime, nullable: true })
  claimedAt: Date | null;

  @Column({ ...datetime, nullable: true })
  sentAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @CreateDateColumn(datetime)
  createdAt: Date;
}
