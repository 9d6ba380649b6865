import { Injectable } from '@nestjs/common';
import { StaffService } from '../auth/staff.service.js';
import { StockLedger } from '../catalog/stock-ledger.service.js';
import { StockReports, type StockRow } from '../catalog/stock-reports.service.js';
import { ADJUSTMENT_REASONS, StockReason } from '../catalog/stock-reason.js';
import type { FailedForm } from '../common/forms.js';
import { pageLinks } from '../common/pagination.js';

/** The broken size runs the inventory page lists (by product name), with the count of them all. */
const BROKEN_RUNS_SHOWN = 100;

/** Ledger rows whose reference is an order number, linked to the order. */
const ORDER_REASONS = new Set<string>([StockReason.Sale, StockReason.OrderCancelled]);

/** The adjustment form of one variant that did not go through: which variant, and what to show in its form. */
export interface FailedAdjustment extends FailedForm {
  variantId: number;
}

/** The inventory screens' view models: the catalog's stock reports, with the names of the staff who adjusted stock. */
@Injectable()
export class InventoryPages {
  constructor(
    private readonly reports: StockReports,
    private readonly ledger: StockLedger,
    private readonly staff: StaffService,
  ) {}

  /** The low-stock list, the broken size runs and, when searched, the products found. */
  async overview(page: number, search: string) {
    const [lowStock, brokenRuns, found] = await Promise.all([
      this.reports.lowStock(page),
      this.reports.brokenSizeRuns(BROKEN_RUNS_SHOWN),
      search ? this.reports.findProducts(search) : Promise.resolve(null),
    ]);
    return {
      title: 'Inventory',
      layout: 'admin',
      search,
      found,
      lowStock,
      brokenRuns: { ...brokenRuns, more: brokenRuns.total > brokenRuns.runs.length },
      pageLinks: pageLinks('/admin/inventory', lowStock, { q: search }),
    };
  }

  /** A product's stock page: every variant with its adjustment form (the failed one keeping what was typed). */
  async product(productId: number, failed?: FailedAdjustment) {
    const product = await this.reports.productStock(productId);
    const variants = product.variants.map((variant) => ({ ...variant, form: formOf(variant, failed) }));
    return { title: `Stock of ${product.productName}`, layout: 'admin', product, variants, reasons: ADJUSTMENT_REASONS };
  }

  async productOfVariant(variantId: number, failed: Omit<FailedAdjustment, 'variantId'>) {
    return this.product(await this.reports.productIdOf(variantId), { ...failed, variantId });
  }

  /** A variant's ledger, newest first with the running balance, each hand-made change naming who made it. */
  async variantLedger(variantId: number, page: number) {
    const [ledger, staff] = await Promise.all([this.ledger.page(variantId, page), this.staff.list()]);
    const names = new Map(staff.map((member) => [member.id, member.name]));
    const entries = ledger.entries.items.map((entry) => ({
      ...entry,
      change: entry.delta > 0 ? `+${entry.delta}` : String(entry.delta),
      orderNumber: ORDER_REASONS.has(entry.reason) ? entry.reference : null,
      by: entry.userId === null ? null : (names.get(entry.userId) ?? `Former staff (account ${entry.userId})`),
    }));
    return {
      title: `Ledger of ${ledger.variant.productName} (${ledger.variant.label})`,
      layout: 'admin',
      variant: ledger.variant,
      entries,
      total: ledger.entries.total,
      pageLinks: pageLinks(`/admin/inventory/variants/${variantId}`, ledger.entries, {}),
    };
  }
}

function formOf(variant: StockRow, failed: FailedAdjustment | undefined) {
  if (failed?.variantId === variant.variantId) return { values: failed.values ?? {}, errors: failed.errors };
  return { values: { reason: StockReason.Received }, errors: {} };
}
