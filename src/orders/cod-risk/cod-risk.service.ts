import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { Actor } from '../../audit/actor.js';
import { cacheKey, CatalogCache } from '../../catalog/cache/catalog-cache.js';
import { phoneKeyOf } from '../../common/phone.js';
import { Transactions } from '../../database/transactions.js';
import { SettingsService } from '../../settings/settings.service.js';
import { Order, OrderStatus } from '../entities/order.entity.js';

const THRESHOLD_KEY = 'cod_risk_threshold';

/** The outcomes that count against a phone number and an email: parcels refused at the door, and cancellations. */
export const RISKY_STATUSES: readonly OrderStatus[] = [OrderStatus.Refused, OrderStatus.Cancelled];

/** Who an order is from, as the risk count knows them; `id` absent for an order being placed (every order is earlier). */
export interface RiskSubject {
  id?: number;
  phoneKey: string | null;
  email: string;
}

type RiskyRow = { id: number; phoneKey: string | null; email: string };

/**
 * Cash-on-delivery risk: how many earlier orders from the same phone number (however it was typed: the
 * order's phoneKey) or the same email (stored lower-case) were refused or cancelled. Each order is
 * counted once, even when both match. Read on the (phoneKey, status) and (email, status) indexes, two
 * queries for a whole page of orders.
 */
@Injectable()
export class CodRisk {
  constructor(
    private readonly settings: SettingsService,
    private readonly transactions: Transactions,
    private readonly cache: CatalogCache,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
  ) {}

  /** The risk count of each subject (by position), read in `manager`'s transaction. */
  async countsWithin(manager: EntityManager, subjects: RiskSubject[]): Promise<number[]> {
    const phoneKeys = [...new Set(subjects.map((s) => s.phoneKey).filter((key): key is string => key !== null))];
    const emails = [...new Set(subjects.map((s) => s.email.toLowerCase()))];
    const risky = (column: 'phoneKey' | 'email', values: string[]) =>
      values.length === 0
        ? Promise.resolve([] as RiskyRow[])
        : manager
            .createQueryBuilder(Order, 'o')
            .select(['o.id', 'o.phoneKey', 'o.email'])
            .where(`o.${column} IN (:...values)`, { values })
            .andWhere('o.status IN (:...risky)', { risky: RISKY_STATUSES })
            .getMany();
    const rows = new Map<number, RiskyRow>();
    for (const row of [...(await risky('phoneKey', phoneKeys)), ...(await risky('email', emails))]) rows.set(row.id, row);
    return subjects.map((subject) => {
      const email = subject.email.toLowerCase();
      let count = 0;
      for (const row of rows.values()) {
        const earlier = subject.id === undefined || row.id < subject.id;
        if (earlier && ((subject.phoneKey !== null && row.phoneKey === subject.phoneKey) || row.email === email)) count += 1;
      }
      return count;
    });
  }

  /** The risk count of each order, by order id, for the owner's list and order page. */
  async countsOf(orders: Pick<Order, 'id' | 'phone' | 'phoneKey' | 'email'>[]): Promise<Map<number, number>> {
    const counts = await this.countsWithin(
      this.orders.manager,
      orders.map((order) => ({ id: order.id, phoneKey: order.phoneKey ?? phoneKeyOf(order.phone), email: order.email })),
    );
    return new Map(orders.map((order, i) => [order.id, counts[i]]));
  }

  /** The count at or above which a cash-on-delivery order waits for confirmation; 0 when the owner turned it off. */
  /** Read for every cash-on-delivery order: kept with the catalog's cached settings until it is saved again. */
  threshold(): Promise<number> {
    return this.cache.remember(cacheKey('codRiskThreshold', []), async () => {
      const saved = (await this.settings.valuesOf([THRESHOLD_KEY])).get(THRESHOLD_KEY);
      const value = Number(saved ?? 0);
      return Number.isInteger(value) && value > 0 ? value : 0;
    });
  }

  async saveThreshold(threshold: number, actor: Actor): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.settings.saveValues(manager, { [THRESHOLD_KEY]: String(threshold) }, actor, '0');
      await this.transactions.afterCommit(manager, this.cache.catalogChanged);
    });
  }
}
