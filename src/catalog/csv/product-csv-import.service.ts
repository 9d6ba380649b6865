import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, IsNull, MoreThan, Repository } from 'typeorm';
import type { Actor } from '../../audit/actor.js';
import { AuditEntry } from '../../audit/entities/audit-entry.entity.js';
import { NotFoundError, ShopError } from '../../common/errors.js';
import { Transactions } from '../../database/transactions.js';
import { ProductInvalidError } from '../catalog.errors.js';
import { Category } from '../entities/category.entity.js';
import { CsvImportBatch } from '../entities/csv-import-batch.entity.js';
import { CsvImport, CsvImportStatus } from '../entities/csv-import.entity.js';
import { Product } from '../entities/product.entity.js';
import { ProductEditor } from '../product-editor.service.js';
import type { ProductInput } from '../product-input.js';
import { type CsvRowError, type ImportedProduct, readProductCsv, rowErrorsOf } from './product-csv-rows.js';

/** What the dry run found the file would do. */
export interface ImportSummary {
  products: number;
  created: number;
  changed: number;
  unchanged: number;
  /** Writes it would make: each field of a product or variant changed, each variant added or removed. */
  changes: number;
}

/** An import as its page shows it. */
export interface ImportReport {
  id: number;
  fileName: string;
  status: CsvImportStatus;
  rowCount: number;
  summary: ImportSummary;
  errors: CsvRowError[];
  batchCount: number;
  batchesApplied: number;
  /** Applying, and not moved for a while: cut short (a restart), and may be resumed. */
  stalled: boolean;
}

/** Room for a batch's JSON in a text column (64 KiB on MySQL), with a margin; a batch also holds at most this many products. */
const BATCH_CHARACTERS = 48_000;
const BATCH_PRODUCTS = 25;
/** Errors kept with an import: enough to fix a file by, not a copy of a broken one. */
const KEPT_ERRORS = 500;
/** An import applying that has not moved in this long was cut short. */
const STALL_MS = 2 * 60_000;

/** Thrown inside a dry run's transaction to roll back what it tried. */
class DryRunOver extends Error {}

/**
 * Imports the product CSV the export writes. First a dry run: every row checked by the same rules as
 * the product editor (ProductEditor, in transactions that roll back), each error placed at its row and
 * column, nothing changed. Then, once the owner applies it, batch by batch, each batch in one
 * transaction and applied exactly once, so an import cut short by a restart resumes where it stopped.
 */
@Injectable()
export class ProductCsvImports implements OnApplicationShutdown {
  private readonly logger = new Logger('ProductImport');
  private readonly applying = new Set<Promise<void>>();

  constructor(
    private readonly transactions: Transactions,
    private readonly editor: ProductEditor,
    @InjectRepository(CsvImport) private readonly imports: Repository<CsvImport>,
    @InjectRepository(CsvImportBatch) private readonly batches: Repository<CsvImportBatch>,
  ) {}

  /** The dry run of a file; answers the import's id, whose page lists what it found. */
  async check(fileName: string, text: string, actor: Actor): Promise<number> {
    const read = readProductCsv(text);
    const errors = [...read.errors];
    for (const product of read.products) {
      if (JSON.stringify(product).length > BATCH_CHARACTERS) {
        errors.push({
          row: product.firstRow,
          column: null,
          message: 'This product has more rows (or text) than one import can carry: change it in the product editor.',
        });
      }
    }
    // Products whose own rows read well are also tried against the database, so one dry run lists every error.
    const rowsInError = new Set(errors.map((error) => error.row));
    const readable = read.products.filter((product) => !product.variantRows.some((row) => rowsInError.has(row)));
    const batches = intoBatches(readable);
    const summary: ImportSummary = { products: read.products.length, created: 0, changed: 0, unchanged: 0, changes: 0 };
    for (const batch of batches) errors.push(...(await this.tryBatch(batch, actor, summary)));
    errors.sort((a, b) => a.row - b.row);
    const ready = errors.length === 0;
    return this.transactions.run(async (manager) => {
      const created = await manager.insert(CsvImport, {
        createdByUserId: actor.userId,
        fileName: fileName.slice(0, 255),
        status: ready ? CsvImportStatus.Ready : CsvImportStatus.Refused,
        rowCount: read.rowCount,
        summary: JSON.stringify(summary),
        errors: errors.length > 0 ? JSON.stringify(errors.slice(0, KEPT_ERRORS)) : null,
        batchCount: ready ? batches.length : 0,
      });
      const importId = Number(created.identifiers[0].id);
      if (ready) {
        for (const [position, batch] of batches.entries()) await manager.insert(CsvImportBatch, { importId, position, products: JSON.stringify(batch) });
      }
      return importId;
    });
  }

  async report(id: number): Promise<ImportReport> {
    const row = await this.imports.findOneBy({ id });
    if (!row) throw new NotFoundError('That import');
    return {
      id: row.id,
      fileName: row.fileName,
      status: row.status,
      rowCount: row.rowCount,
      summary: JSON.parse(row.summary) as ImportSummary,
      errors: row.errors ? (JSON.parse(row.errors) as CsvRowError[]) : [],
      batchCount: row.batchCount,
      batchesApplied: row.batchesApplied,
      stalled: row.status === CsvImportStatus.Applying && (row.progressAt?.getTime() ?? 0) < Date.now() - STALL_MS,
    };
  }

  /**
   * Starts applying a checked import in the background (its page shows the progress). One start wins:
   * the status moves from ready (or a stalled applying) conditionally.
   */
  async apply(id: number, actor: Actor): Promise<void> {
    const report = await this.report(id);
    const now = new Date();
    const started =
      report.status === CsvImportStatus.Ready
        ? await this.imports.update({ id, status: CsvImportStatus.Ready }, { status: CsvImportStatus.Applying, progressAt: now })
        : report.stalled
          ? await this.imports.update(
              { id, status: CsvImportStatus.Applying, progressAt: (await this.imports.findOneByOrFail({ id })).progressAt ?? IsNull() },
              { progressAt: now },
            )
          : { affected: 0 };
    if (!started.affected) throw new ShopError(applyRefusal(report.status), 409);
    const run = this.applyBatches(id, actor).finally(() => this.applying.delete(run));
    this.applying.add(run);
  }

  /** Waits for imports being applied here: each batch is one transaction, so stopping between them loses nothing. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.applying]);
  }

  /** Tries a batch in a transaction that always rolls back: the errors it would meet, and what it would change. */
  private async tryBatch(batch: ImportedProduct[], actor: Actor, summary: ImportSummary): Promise<CsvRowError[]> {
    const errors: CsvRowError[] = [];
    try {
      await this.transactions.run(async (manager) => {
        const inputs = await this.inputsOf(manager, batch, errors);
        let lastAudit = await latestAuditId(manager);
        for (const [i, product] of batch.entries()) {
          const input = inputs[i];
          if (!input) continue;
          try {
            await this.editor.saveProductWithin(manager, input, actor);
          } catch (error) {
            if (!(error instanceof ProductInvalidError)) throw error;
            errors.push(...rowErrorsOf(product, error.errors));
            continue;
          }
          // Every write ProductEditor makes is audited: the rows it added are the changes this product would make.
          const changes = await manager.countBy(AuditEntry, { id: MoreThan(lastAudit) });
          lastAudit = await latestAuditId(manager);
          summary.changes += changes;
          if (input.id === undefined) summary.created += 1;
          else if (changes > 0) summary.changed += 1;
          else summary.unchanged += 1;
        }
        throw new DryRunOver();
      });
    } catch (error) {
      if (!(error instanceof DryRunOver)) throw error;
    }
    return errors;
  }

  private async applyBatches(importId: number, actor: Actor): Promise<void> {
    for (;;) {
      const next = await this.batches.findOne({ where: { importId, appliedAt: IsNull() }, order: { position: 'ASC' } });
      if (!next) {
        await this.imports.update({ id: importId, status: CsvImportStatus.Applying }, { status: CsvImportStatus.Applied, progressAt: new Date() });
        return;
      }
      const products = JSON.parse(next.products) as ImportedProduct[];
      const errors: CsvRowError[] = [];
      try {
        await this.transactions.run(async (manager) => {
          errors.length = 0;
          const claimed = await manager.update(CsvImportBatch, { id: next.id, appliedAt: IsNull() }, { appliedAt: new Date() });
          // Another instance resuming the import applied this batch first.
          if (!claimed.affected) return;
          const inputs = await this.inputsOf(manager, products, errors);
          for (const [i, product] of products.entries()) {
            const input = inputs[i];
            if (!input) continue;
            try {
              await this.editor.saveProductWithin(manager, input, actor);
            } catch (error) {
              if (error instanceof ProductInvalidError) errors.push(...rowErrorsOf(product, error.errors));
              else throw error;
            }
          }
          if (errors.length > 0) throw new DryRunOver();
          await manager.increment(CsvImport, { id: importId }, 'batchesApplied', 1);
          await manager.update(CsvImport, { id: importId }, { progressAt: new Date() });
        });
      } catch (error) {
        // The catalog changed since the dry run (or the database failed): this batch rolled back whole, the ones before it stand.
        if (!(error instanceof DryRunOver)) {
          this.logger.error({ event: 'product_import_failed', importId, error: (error as Error).message });
          errors.push({ row: products[0]?.firstRow ?? 1, column: null, message: 'These rows could not be saved. Please try again, or check the shop’s log.' });
        }
        await this.imports.update(
          { id: importId },
          { status: CsvImportStatus.Failed, errors: JSON.stringify(errors.slice(0, KEPT_ERRORS)), progressAt: new Date() },
        );
        return;
      }
    }
  }

  /** Each product's ProductInput with its id (by its address) and category id (by the category's), or an error at its row. */
  private async inputsOf(manager: EntityManager, products: ImportedProduct[], errors: CsvRowError[]): Promise<(ProductInput | null)[]> {
    const categories = await manager.find(Category, {
      select: { id: true, slug: true },
      where: { slug: In([...new Set(products.map((p) => p.categorySlug))]) },
    });
    const existing = await manager.find(Product, { select: { id: true, slug: true }, where: { slug: In(products.map((p) => p.input.slug)) } });
    return products.map((product) => {
      const category = categories.find((c) => c.slug === product.categorySlug);
      if (!category) {
        errors.push({ row: product.firstRow, column: 'category_slug', message: `There is no category with the address “${product.categorySlug}”.` });
        return null;
      }
      return { ...product.input, id: existing.find((p) => p.slug === product.input.slug)?.id, categoryId: category.id };
    });
  }
}

/** Products in file order, packed into batches small enough for their JSON to fit a text column. */
function intoBatches(products: ImportedProduct[]): ImportedProduct[][] {
  const batches: ImportedProduct[][] = [];
  let batch: ImportedProduct[] = [];
  let characters = 0;
  for (const product of products) {
    const size = JSON.stringify(product).length;
    if (batch.length > 0 && (batch.length >= BATCH_PRODUCTS || characters + size > BATCH_CHARACTERS)) {
      batches.push(batch);
      batch = [];
      characters = 0;
    }
    batch.push(product);
    characters += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

async function latestAuditId(manager: EntityManager): Promise<number> {
  const row = await manager.createQueryBuilder(AuditEntry, 'a').select('MAX(a.id)', 'id').getRawOne<{ id: number | string | null }>();
  return Number(row?.id ?? 0);
}

function applyRefusal(status: CsvImportStatus): string {
  if (status === CsvImportStatus.Refused) return 'This file has errors: fix them and upload it again.';
  if (status === CsvImportStatus.Applying) return 'This import is being applied.';
  return 'This import has already been applied.';
}
