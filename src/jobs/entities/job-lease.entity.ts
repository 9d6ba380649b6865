import { Column, Entity, PrimaryColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/**
 * One periodic job as every instance sees it: its lease, for a job whose work must happen on one
 * instance at a time, and how its last run went, for /admin/system. The lease is taken and renewed by
 * a conditional update (free, expired or already ours), so exactly one instance holds it.
 */
@Entity('job_lease')
export class JobLease {
  @PrimaryColumn({ length: 60 })
  name: string;

  /** The instance holding the lease (host, process and a random part), or null when nobody does. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  leaseHolder: string | null;

  @Column({ ...datetime, nullable: true })
  leaseExpiresAt: Date | null;

  @Column({ ...datetime, nullable: true })
  lastStartedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  lastDurationMs: number | null;

  /** 'ok' or 'failed'. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  lastOutcome: string | null;

  /** The instance that ran it last. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  lastRanOn: string | null;

  /** The latest failure's message; kept after later runs succeed, with its time, until the next failure. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ ...datetime, nullable: true })
  lastErrorAt: Date | null;
}
