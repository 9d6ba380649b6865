import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { clampedPage, pageCount, type Page } from '../common/pagination.js';
import { Product } from './entities/product.entity.js';
import { StockMovement } from './entities/stock-movement.entity.js';
import { Variant } from './entities/variant.entity.js';
import { variantLabel } from './product-page.js';
import { StockReason } from './stock-reason.js';

/** One row of a variant's ledger as the panel shows it: the change, why, who, and the units on hand after it. */
export interface LedgerEntry {
  id: number;
  createdAt: Date;
  delta: number;
  reason: string;
  reasonLabel: string;
  reference: string | null;
  note: string | null;
  userId: number | null;
  balanceAfter: number;
}

export interface VariantLedger {
  variant: { id: number; productId: number; productName: string; sku: string; label: string; stock: number };
  entries: Page<LedgerEntry>;
}

const ENTRIES_PER_PAGE = 50;

const REASON_LABELS: Record<string, string> = {
  [StockReason.Initial]: 'Initial stock',
  [StockReason.Sale]: 'Sale',
  [StockReason.OrderCancelled]: 'Order cancelled',
  [StockReason.Received]: 'Received',
  [StockReason.Correction]: 'Correction',
  [StockReason.Damaged]: 'Damaged',
  [StockReason.Returned]: 'Returned',
};

/** A variant's inventory ledger, newest first, with the running balance read from the ledger itself. */
@Injectable()
export class StockLedger {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One page of the ledger, newest first, each row with the balance after it: the sum of every movement
   * up to the page's newest row (one query), then each older row's balance is the one above less its
   * change. Four queries whatever the page or the ledger's length.
   */
  async page(variantId: number, requestedPage: number, perPage = ENTRIES_PER_PAGE): Promise<VariantLedger> {
    const variant = await this.dataSource
      .createQueryBuilder(Variant, 'v')
      .innerJoin(Product, 'p', 'p.id = v.productId')
      .select(['v.id AS id', 'v.productId AS productId', 'p.name AS productName', 'v.sku AS sku', 'v.size AS size', 'v.colour AS colour', 'v.stock AS stock'])
      .where('v.id = :variantId', { variantId })
      .getRawOne<{ id: number; productId: number; productName: string; sku: string; size: string | null; colour: string | null; stock: number }>();
    if (!variant) throw new NotFoundError('That variant');
    const movements = this.dataSource.getRepository(StockMovement);
    const total = await movements.countBy({ variantId });
    const page = clampedPage(requestedPage, total, perPage);
    const rows = await movements.find({ where: { variantId }, order: { id: 'DESC' }, skip: (page - 1) * perPage, take: perPage });
    let balance =
      rows.length === 0
        ? 0
        : Number(
            (
              await movements
                .createQueryBuilder('m')
                .select('COALESCE(SUM(m.delta), 0)', 'balance')
                .where('m.variantId = :variantId AND m.id <= :newest', { variantId, newest: rows[0].id })
                .getRawOne<{ balance: number | string }>()
            )?.balance ?? 0,
          );
    const items = rows.map((row) => {
      const entry = { ...row, reasonLabel: REASON_LABELS[row.reason] ?? row.reason, balanceAfter: balance };
      balance -= row.delta;
      return entry;
    });
    return {
      variant: {
        id: Number(variant.id),
        productId: Number(variant.productId),
        productName: variant.productName,
        sku: variant.sku,
        label: variantLabel(variant),
        stock: Number(variant.stock),
      },
      entries: { items, page, pages: pageCount(total, perPage), total },
    };
  }
}
