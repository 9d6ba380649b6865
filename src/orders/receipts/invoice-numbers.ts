import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { dayOf } from '../../common/store-calendar.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { isEmbedded } from '../../database/dialect.js';
import type { Order } from '../entities/order.entity.js';
import { InvoiceCounter } from './invoice-counter.entity.js';
import { Invoice } from './invoice.entity.js';

/**
 * Invoice numbers: each year's run 2026-000001, 2026-000002, … with no gaps, given when an order is
 * paid. Call assign() in the transaction that makes the order paid: the number is taken and the
 * invoice stored with it, so a rollback gives the number back and no gap is left.
 */
@Injectable()
export class InvoiceNumbers {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The order's invoice: the one it has, or a new one with the year's next number. */
  async assign(manager: EntityManager, order: Pick<Order, 'id'>, paidAt: Date = new Date()): Promise<Invoice> {
    const existing = await manager.findOneBy(Invoice, { orderId: order.id });
    if (existing) return existing;
    // The store's year (STORE_TIME_ZONE): a payment just after midnight on 1 January in Lahore starts the new run.
    const year = Number(dayOf(this.config.storeTimeZone, paidAt).slice(0, 4));
    const sequence = await this.nextSequence(manager, year);
    const invoice = { orderId: order.id, year, sequence, number: invoiceNumber(year, sequence), paidAt };
    const inserted = await manager.insert(Invoice, { ...invoice });
    return Object.assign(new Invoice(), invoice, { id: Number(inserted.identifiers[0].id) });
  }

  /**
   * Raises the year's counter in one statement, making its row if it is the year's first invoice. The
   * statement takes the row's exclusive lock at once, so simultaneous payments take turns until each
   * commits; inserting-if-absent and then updating would take a shared lock first, and two payments
   * upgrading theirs would deadlock. (SQLite runs one transaction at a time.) The value read back is
   * this transaction's own write.
   */
  private async nextSequence(manager: EntityManager, year: number): Promise<number> {
    const table = manager.connection.getMetadata(InvoiceCounter).tableName;
    const q = (name: string) => manager.connection.driver.escape(name);
    const raise = isEmbedded(manager.connection)
      ? `ON CONFLICT(${q('year')}) DO UPDATE SET ${q('lastSequence')} = ${q('lastSequence')} + 1`
      : `ON DUPLICATE KEY UPDATE ${q('lastSequence')} = ${q('lastSequence')} + 1`;
    await manager.query(`INSERT INTO ${q(table)} (${q('year')}, ${q('lastSequence')}) VALUES (?, 1) ${raise}`, [year]);
    return (await manager.findOneByOrFail(InvoiceCounter, { year })).lastSequence;
  }
}

export function invoiceNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(6, '0')}`;
}
