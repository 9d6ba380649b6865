import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { readingLatest } from '../database/dialect.js';
import { Transactions } from '../database/transactions.js';
import { CatalogCache } from './cache/catalog-cache.js';
import { SoldOutError } from './catalog.errors.js';
import { StockMovement } from './entities/stock-movement.entity.js';
import { Variant } from './entities/variant.entity.js';
import { stockState } from './product-page.js';
import type { SoldLine } from './sales-record.service.js';
import { StockReason } from './stock-reason.js';
import { VariantLookups } from './variant-lookups.service.js';

/**
 * The one place stock changes. Units leave only with a conditional update (never below zero, no
 * read-then-write race), and every change writes a row of the ledger (stock_movement), inside the
 * caller's transaction. Nothing else in the shop writes variant.stock.
 */
@Injectable()
export class InventoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly cache: CatalogCache,
    private readonly variants: VariantLookups,
  ) {}

  /**
   * Takes an order's units off the shelf; SoldOutError (and nothing written, once the caller rolls back)
   * when a line has fewer units than it asks for. Variants are updated in id order, so two orders for the
   * same variants wait on each other's rows in one order and never deadlock.
   */
  async takeForOrder(manager: EntityManager, lines: SoldLine[], orderNumber: string): Promise<void> {
    for (const line of inVariantOrder(lines)) await this.changeStock(manager, line.variantId, -line.quantity, StockReason.Sale, orderNumber);
  }

  /** Puts a cancelled order's units back on the shelf. */
  async returnFromOrder(manager: EntityManager, lines: SoldLine[], orderNumber: string): Promise<void> {
    for (const line of inVariantOrder(lines)) await this.changeStock(manager, line.variantId, line.quantity, StockReason.OrderCancelled, orderNumber);
  }

  /** Changes one variant's stock by `delta` (negative: units leave) with a ledger row saying why. */
  async changeStock(manager: EntityManager, variantId: number, delta: number, reason: string, reference: string | null): Promise<void> {
    const update = manager
      .createQueryBuilder()
      .update(Variant)
      .set({ stock: () => 'stock + :delta' })
      .where('id = :variantId', { variantId, delta });
    if (delta < 0) update.andWhere('stock >= :needed', { needed: -delta });
    const result = await update.execute();
    if (result.affected !== 1) {
      const [summary] = (await this.variants.summarizeWithin(manager, [variantId])).values();
      const available = await currentStock(manager, variantId);
      throw new SoldOutError(variantId, summary ? `${summary.productName} (${summary.label})` : 'this item', available);
    }
    await manager.insert(StockMovement, { variantId, delta, reason, reference });
    // Pages tell stock only through stockState ("In stock", "Only 2 left", "Sold out"): cached pages are
    // dropped when a change alters what they tell, so on a busy day sales from plentiful stock leave
    // the cache warm while "Sold out" still shows at once. One primary-key read per changed variant.
    const after = await manager.findOneOrFail(Variant, { select: { stock: true, lowStockThreshold: true }, where: { id: variantId } });
    if (stockState(after.stock, after.lowStockThreshold).label !== stockState(after.stock - delta, after.lowStockThreshold).label) {
      await this.transactions.afterCommit(manager, this.cache.catalogChanged);
    }
  }

  /** Units on hand now (outside any transaction). */
  async stockOf(variantId: number): Promise<number> {
    return (await this.dataSource.manager.findOneByOrFail(Variant, { id: variantId })).stock;
  }

  /** Units that have left the shelf, from the ledger. */
  async unitsSold(variantId: number): Promise<number> {
    const row = await this.dataSource
      .createQueryBuilder(StockMovement, 'm')
      .select('COALESCE(SUM(-m.delta), 0)', 'sold')
      .where('m.variantId = :variantId AND m.delta < 0', { variantId })
      .getRawOne<{ sold: number | string }>();
    return Number(row?.sold ?? 0);
  }
}

const inVariantOrder = (lines: SoldLine[]) => [...lines].sort((a, b) => a.variantId - b.variantId);

/** Stock as last committed: the transaction's own snapshot may predate the sale that emptied the shelf. */
async function currentStock(manager: EntityManager, variantId: number): Promise<number> {
  const query = readingLatest(manager.createQueryBuilder(Variant, 'v').select('v.stock', 'stock').where('v.id = :variantId', { variantId }));
  return Number((await query.getRawOne<{ stock: number | string }>())?.stock ?? 0);
}
