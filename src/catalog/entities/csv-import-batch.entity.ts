import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { datetime } from '../../database/columns.js';

/** A few products of an import (JSON of ImportedProduct[], kept under a text column's 64 KiB), applied in one transaction. */
@Entity('csv_import_batch')
@Index(['importId', 'position'], { unique: true })
export class CsvImportBatch {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  importId: number;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  products: string;

  /** Set in the transaction that applies the batch, conditionally: a batch is applied once, whoever resumes. */
  @Column({ ...datetime, nullable: true })
  appliedAt: Date | null;
}
