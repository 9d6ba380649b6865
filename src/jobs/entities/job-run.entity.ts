import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/**
 * A scheduled job done for one period ("low_stock_digest" for "2026-11-27"). The unique key makes
 * "once" hold in the database: with several instances, exactly one inserts the row, in the same
 * transaction as the job's work, and the others find it taken.
 */
@Entity('job_run')
@Index(['job', 'period'], { unique: true })
export class JobRun {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ length: 60 })
  job: string;

  /** The period the job covers, in the job's own terms: a store day, a week, a month. */
  @Column({ length: 20 })
  period: string;

  @CreateDateColumn(datetime)
  ranAt: Date;
}
