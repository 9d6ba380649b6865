import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

export enum CsvImportStatus {
  /** The dry run found errors: nothing can be applied. */
  Refused = 'refused',
  /** The dry run passed: the owner may apply it. */
  Ready = 'ready',
  Applying = 'applying',
  Applied = 'applied',
  /** Applying stopped at a batch the catalog no longer accepted; the batches before it stand. */
  Failed = 'failed',
}

/**
 * A product CSV the owner uploaded: its dry run's findings, then the progress of applying it batch by
 * batch. The file's products wait in csv_import_batch rows, so any instance can apply or resume it.
 */
@Entity('csv_import')
export class CsvImport {
  @PrimaryGeneratedColumn()
  id: number;

  @CreateDateColumn(datetime)
  createdAt: Date;

  @Column({ type: 'int' })
  createdByUserId: number;

  @Column({ length: 255 })
  fileName: string;

  @Column({ type: 'simple-enum', enum: CsvImportStatus })
  status: CsvImportStatus;

  @Column({ type: 'int' })
  rowCount: number;

  /** What applying would do, from the dry run (JSON: products new, changed and unchanged, changes). */
  @Column({ type: 'text' })
  summary: string;

  /** The row errors found (JSON, the first few hundred), by the dry run or by the batch that failed. */
  @Column({ type: 'text', nullable: true })
  errors: string | null;

  @Column({ type: 'int' })
  batchCount: number;

  @Column({ type: 'int', default: 0 })
  batchesApplied: number;

  /** Written with each batch applied: an import "applying" that has not moved for long was cut short and may be resumed. */
  @Column({ ...datetime, nullable: true })
  progressAt: Date | null;
}
