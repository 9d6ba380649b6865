import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { Actor } from '../audit/actor.js';
import { type AuditedChange, AuditTrail, changedFields } from '../audit/audit-trail.service.js';
import { Variant } from './entities/variant.entity.js';
import { InventoryService } from './inventory.service.js';
import { cellKey, stockChange, type VariantInput } from './product-input.js';
import { StockReason } from './stock-reason.js';

/** The columns a save writes to a variant row it keeps (stock goes through the inventory). */
type VariantColumns = Pick<Variant, 'sku' | 'priceMinor' | 'compareAtPriceMinor' | 'lowStockThreshold' | 'position'>;

/**
 * Writes a product's grid over its variants, inside ProductEditor's transaction once every rule has
 * passed: removes the cells left out, adds the new ones, changes the rest, and moves stock through the
 * inventory. A grid is written in few statements whatever its size (the same change to many variants,
 * say every price of a colour, is one UPDATE; new variants one INSERT; the audit rows one INSERT),
 * since each statement is a round trip to the database. Stock stays one change per variant: only
 * InventoryService changes it, each with its ledger row.
 */
@Injectable()
export class VariantGridWriter {
  constructor(
    private readonly inventory: InventoryService,
    private readonly audit: AuditTrail,
  ) {}

  /** Answers whether any variant changed. */
  async write(manager: EntityManager, productId: number, cells: VariantInput[], current: Variant[], actor: Actor): Promise<boolean> {
    const existing = new Map(current.map((v) => [cellKey(v), v]));
    const wanted = new Set(cells.map(cellKey));
    const audit: AuditedChange[] = [];

    for (const variant of current.filter((v) => !wanted.has(cellKey(v)))) {
      // The units leave through the ledger first, so its rows still add up to the stock (nothing) once the variant has gone.
      if (variant.stock > 0) await this.inventory.changeStock(manager, variant.id, -variant.stock, StockReason.Correction, 'variant removed');
      audit.push({ action: 'variant.removed', subject: { type: 'variant', id: variant.id }, before: audited(variant) });
    }
    const removed = current.filter((v) => !wanted.has(cellKey(v))).map((v) => v.id);
    if (removed.length > 0) await manager.delete(Variant, { id: In(removed) });

    // A SKU may move to another cell of the grid (or to a new one) in the same save: the variants whose SKU
    // changes step aside first, under names no SKU can have, so the unique index never sees one twice.
    const renamed = cells.flatMap((cell) => {
      const before = existing.get(cellKey(cell));
      return before && before.sku !== cell.sku ? [before.id] : [];
    });
    for (const id of renamed) await manager.update(Variant, { id }, { sku: `~${id}` });

    const added = cells.flatMap((cell, position) =>
      existing.has(cellKey(cell)) ? [] : [{ cell, row: { ...columnsOf(cell, position), productId, colour: cell.colour, size: cell.size, stock: 0 } }],
    );
    if (added.length > 0) {
      await manager.insert(
        Variant,
        added.map(({ row }) => row),
      );
      const ids = new Map(
        (await manager.find(Variant, { select: { id: true, sku: true }, where: { productId, sku: In(added.map(({ row }) => row.sku)) } })).map((v) => [
          v.sku,
          v.id,
        ]),
      );
      for (const { cell, row } of added) {
        const id = ids.get(row.sku) as number;
        if (cell.stock > 0) await this.inventory.changeStock(manager, id, cell.stock, StockReason.Initial, null);
        audit.push({ action: 'variant.created', subject: { type: 'variant', id }, after: audited({ ...row, stock: cell.stock }) });
      }
    }

    // The same columns set to the same values on several variants are one statement.
    const updates = new Map<string, { columns: Partial<VariantColumns>; ids: number[] }>();
    const stockChanges: { id: number; delta: number }[] = [];
    for (const [position, cell] of cells.entries()) {
      const before = existing.get(cellKey(cell));
      if (!before) continue;
      const wantedColumns = columnsOf(cell, position);
      const columns = Object.fromEntries(
        Object.entries(wantedColumns).filter(([name, value]) => before[name as keyof VariantColumns] !== value),
      ) as Partial<VariantColumns>;
      if (renamed.includes(before.id)) columns.sku = cell.sku;
      if (Object.keys(columns).length > 0) {
        const key = JSON.stringify(columns);
        updates.set(key, { columns, ids: [...(updates.get(key)?.ids ?? []), before.id] });
      }
      const delta = stockChange(cell, before.stock);
      if (delta !== 0) stockChanges.push({ id: before.id, delta });
      const change = changedFields(audited(before), audited({ ...before, ...wantedColumns, stock: before.stock + delta }));
      if (Object.keys(change.after).length > 0) audit.push({ action: 'variant.updated', subject: { type: 'variant', id: before.id }, ...change });
    }
    for (const { columns, ids } of updates.values()) await manager.update(Variant, { id: In(ids) }, columns);
    for (const { id, delta } of stockChanges) await this.inventory.changeStock(manager, id, delta, StockReason.Correction, null);

    await this.audit.recordAll(manager, actor, audit);
    return audit.length > 0;
  }
}

function columnsOf(cell: VariantInput, position: number): VariantColumns {
  return {
    sku: cell.sku,
    priceMinor: cell.priceMinor ?? 0,
    compareAtPriceMinor: cell.compareAtPriceMinor,
    lowStockThreshold: cell.lowStockThreshold,
    position,
  };
}

/** A variant's fields as the audit log records them. */
function audited(
  variant: Pick<Variant, 'colour' | 'size' | 'sku' | 'priceMinor' | 'compareAtPriceMinor' | 'stock' | 'lowStockThreshold'>,
): Record<string, unknown> {
  const { colour, size, sku, priceMinor, compareAtPriceMinor, stock, lowStockThreshold } = variant;
  return { colour, size, sku, priceMinor, compareAtPriceMinor, stock, lowStockThreshold };
}
