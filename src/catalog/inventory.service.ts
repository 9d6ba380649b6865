import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, MoreThan } from 'typeorm';
import type { Actor } from '../audit/actor.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { NotFoundError } from '../common/errors.js';
import { readingLatest } from '../database/dialect.js';
import { insertAtCommit } from '../database/statements.js';
import { Transactions } from '../database/transactions.js';
import { CatalogCache } from './cache/catalog-cache.js';
import { SoldOutError, StockAdjustmentError } from './catalog.errors.js';
import { Product } from './entities/product.entity.js';
import { StockMovement } from './entities/stock-movement.entity.js';
import { Variant } from './entities/variant.entity.js';
import { stockState } from './product-page.js';
import type { SoldLine } from './sales-record.service.js';
import { ADJUSTMENT_REASONS, StockReason, type AdjustmentReason } from './stock-reason.js';
import { VariantLookups } from './variant-lookups.service.js';

/** A change of stock made by hand in the panel: how many units arrive (positive) or leave (negative), and why. */
export interface StockAdjustment {
  variantId: number;
  delta: number;
  reason: AdjustmentReason;
  note: string | null;
}

/** Who changed stock by hand, written on the ledger row beside why. */
export interface StockChanger {
  userId: number;
  note: string | null;
}

/**
 * The one place stock changes. Units leave only with a conditional update (never below zero, no
 * read-then-write race), and every change writes a row of the ledger (stock_movement), inside the
 * caller's transaction. Nothing else in the shop writes variant.stock.
 */
@Injectable()
export class InventoryService {
  /** variantSoldOut's callbacks, by product and slug: bounded by the catalog. */
  private readonly soldOutChecks = new Map<string, () => Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly cache: CatalogCache,
    private readonly variants: VariantLookups,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Stock received, returned, damaged or corrected by someone in the panel: the change, its ledger row
   * (who, why, their note) and the audit row in one transaction. A change that would leave fewer than
   * zero units is refused (StockAdjustmentError on the change), never clamped: the ledger must say what
   * really happened. Answers the units on hand afterwards, and whose variant it is.
   */
  async adjust(adjustment: StockAdjustment, actor: Actor): Promise<{ stock: number; productId: number }> {
    refuseWrongDirection(adjustment);
    const { variantId, delta, reason, note } = adjustment;
    return this.transactions.run(async (manager) => {
      const variant = await manager.findOne(Variant, { select: { id: true, productId: true }, where: { id: variantId } });
      if (!variant) throw new NotFoundError('That variant');
      let stock: number;
      try {
        stock = await this.changeStock(manager, variantId, delta, reason, null, { userId: actor.userId, note });
      } catch (error) {
        if (!(error instanceof SoldOutError)) throw error;
        throw new StockAdjustmentError('delta', belowZero(error.available));
      }
      await this.audit.record(manager, actor, {
        action: 'stock.adjusted',
        subject: { type: 'variant', id: variantId },
        before: { stock: stock - delta },
        after: { stock, delta, reason, note },
      });
      return { stock, productId: variant.productId };
    });
  }

  /**
   * Takes an order's units off the shelf; SoldOutError (and nothing written, once the caller rolls back)
   * when a line has fewer units than it asks for. Variants are updated in id order, so two orders for the
   * same variants wait on each other's rows in one order and never deadlock.
   */
  async takeForOrder(manager: EntityManager, lines: SoldLine[], orderNumber: string): Promise<void> {
    for (const line of inVariantOrder(lines)) await this.moveUnits(manager, line.variantId, -line.quantity, StockReason.Sale, orderNumber);
  }

  /** Puts a cancelled (or refunded) order's units back on the shelf, with the reason the ledger gives. */
  async returnFromOrder(manager: EntityManager, lines: SoldLine[], orderNumber: string, reason: string = StockReason.OrderCancelled): Promise<void> {
    for (const line of inVariantOrder(lines)) await this.moveUnits(manager, line.variantId, line.quantity, reason, orderNumber);
  }

  /**
   * changeStock for an order's units, whose count afterwards nobody asks. While the variant is "In stock"
   * before and after (a busy day's usual case: no page's stock label changes, so no cached page is
   * dropped) one conditional update does it, reading nothing back; otherwise changeStock's way.
   */
  private async moveUnits(manager: EntityManager, variantId: number, delta: number, reason: string, reference: string): Promise<void> {
    // The fewer of the units before and after must stay above the low-stock threshold (and above none).
    const fewer = delta < 0 ? 'stock + :delta' : 'stock';
    const plentiful = await manager
      .createQueryBuilder()
      .update(Variant)
      .set({ stock: () => 'stock + :delta' })
      .where('id = :variantId', { variantId, delta })
      .andWhere(`${fewer} > lowStockThreshold AND ${fewer} > 0`)
      .execute();
    if (plentiful.affected === 1) await insertAtCommit(manager, StockMovement, [{ variantId, delta, reason, reference, userId: null, note: null }]);
    else await this.changeStock(manager, variantId, delta, reason, reference);
  }

  /**
   * Changes one variant's stock by `delta` (negative: units leave) with a ledger row saying why, and who
   * when a person did it by hand (`by`); answers the units on hand afterwards.
   */
  async changeStock(manager: EntityManager, variantId: number, delta: number, reason: string, reference: string | null, by?: StockChanger): Promise<number> {
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
    await insertAtCommit(manager, StockMovement, [{ variantId, delta, reason, reference, userId: by?.userId ?? null, note: by?.note ?? null }]);
    // Pages tell stock only through stockState ("In stock", "Only 2 left", "Sold out"), and cards only
    // whether any of a product's variants is in stock, so a change drops only what it alters and most
    // sales leave the listings cached while "Sold out" still shows at once:
    // - a label that changes otherwise ("Only 3 left" to "Only 2 left"): the product's page;
    // - a variant sold out: see variantSoldOut;
    // - a variant back in stock (a delivery, a cancelled order, an unpaid card payment released): its page,
    //   its cards and the answers that tell which variants are in stock (productAvailabilityChanged: what it
    //   changes whether the product was for sale before or not); a new variant's first stock, which comes
    //   with an edit of its product that starts a new generation anyway: nothing more.
    // One read by primary key, with the product's slug.
    const after = await manager
      .createQueryBuilder(Variant, 'v')
      .innerJoin(Product, 'p', 'p.id = v.productId')
      .select(['v.stock AS stock', 'v.lowStockThreshold AS threshold', 'v.productId AS productId', 'p.slug AS slug'])
      .where('v.id = :variantId', { variantId })
      .getRawOne<{ stock: number | string; threshold: number | string; productId: number | string; slug: string }>();
    if (!after) throw new NotFoundError('That variant');
    const stock = Number(after.stock);
    const [was, now] = [stockState(stock - delta, Number(after.threshold)), stockState(stock, Number(after.threshold))];
    if ((was.availability === 'sold_out') !== (now.availability === 'sold_out')) {
      // A transaction that also changes a label of the product registers both callbacks: this one drops more, and both run.
      const soldOut = now.availability === 'sold_out';
      const backInStock = reason === StockReason.Initial ? this.cache.catalogChanged : this.cache.productAvailabilityChanged(after.slug);
      await this.transactions.afterCommit(manager, soldOut ? this.variantSoldOut(Number(after.productId), after.slug) : backInStock);
    } else if (was.label !== now.label) {
      await this.transactions.afterCommit(manager, this.cache.stockLabelChanged(after.slug));
    }
    return stock;
  }

  /**
   * The callback for afterCommit when a variant of this product sold out. Once committed, it reads afresh
   * whether another variant of the product is in stock: if one is, the product is still for sale, its
   * cards and the listings that tell only of whole products stay cached, and its page and the answers that
   * tell which variants are in stock go (variantAvailabilityChanged); if none is, its cards everywhere
   * change: the answers that tell which products are in stock go too (productAvailabilityChanged), and
   * other products' pages stay cached, so a sale's last units do not send every page back to the
   * database at once. Read after the commit rather than in the transaction, whose snapshot could
   * be out of date: of two orders taking a product's last two sizes at once, the one that commits second
   * sees both, and no lock is held on the other sizes' buyers. One function per product (and slug), so it
   * runs once per transaction however many of its variants sold out.
   */
  private variantSoldOut(productId: number, slug: string): () => Promise<void> {
    const key = `${productId}\n${slug}`;
    let check = this.soldOutChecks.get(key);
    if (!check) {
      check = async () => {
        // Should the read fail, everything the product's sell-out could change goes: never a stale "in stock".
        const stillForSale = await this.dataSource
          .getRepository(Variant)
          .exists({ where: { productId, stock: MoreThan(0) } })
          .catch(() => false);
        await (stillForSale ? this.cache.variantAvailabilityChanged(slug) : this.cache.productAvailabilityChanged(slug))();
      };
      this.soldOutChecks.set(key, check);
    }
    return check;
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

/** Received and returned units arrive, damaged ones leave; a correction may go either way but must change something. */
function refuseWrongDirection({ delta, reason }: StockAdjustment): void {
  const direction = ADJUSTMENT_REASONS.find((option) => option.reason === reason)?.direction;
  if (delta === 0) throw new StockAdjustmentError('delta', 'Enter how many units arrive (such as 12) or leave (such as -2).');
  if (direction === 'in' && delta < 0)
    throw new StockAdjustmentError('delta', `${capitalised(reason)} units arrive: enter a positive number, such as ${-delta}.`);
  if (direction === 'out' && delta > 0) throw new StockAdjustmentError('delta', `Damaged units leave the shelf: enter a negative number, such as -${delta}.`);
}

function belowZero(available: number): string {
  if (available <= 0) return 'None on hand: no units can leave. Stock cannot go below zero.';
  return `Only ${available} on hand: stock cannot go below zero, so enter -${available} or more.`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const inVariantOrder = (lines: SoldLine[]) => [...lines].sort((a, b) => a.variantId - b.variantId);

/** Stock as last committed: the transaction's own snapshot may predate the sale that emptied the shelf. */
async function currentStock(manager: EntityManager, variantId: number): Promise<number> {
  const query = readingLatest(manager.createQueryBuilder(Variant, 'v').select('v.stock', 'stock').where('v.id = :variantId', { variantId }));
  return Number((await query.getRawOne<{ stock: number | string }>())?.stock ?? 0);
}
