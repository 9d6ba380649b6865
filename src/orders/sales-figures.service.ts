import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ShortMemo } from '../common/short-memo.js';
import { addDays, offsetSpans, startOfDay } from '../common/store-calendar.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { storeDateSql } from '../database/dialect.js';
import { OrderLine } from './entities/order-line.entity.js';
import { Order } from './entities/order.entity.js';
import { REVENUE_STATUSES } from './order-status.js';

export interface DaySales {
  orders: number;
  revenueMinor: number;
}

export interface ProductSales {
  productName: string;
  units: number;
  revenueMinor: number;
}

/**
 * How long the figures are reused. Summing 60 days of a busy shop's orders costs the database a good
 * part of a second, and the owner loses nothing to figures half a minute old; several owners or staff
 * on the dashboard, or one reloading it, then cost one computation.
 */
const REUSE_MS = 30_000;

/**
 * The shop's sales in figures for the dashboard: orders and revenue per day of the store's time zone,
 * and the best-selling products, counting only REVENUE_STATUSES; and the orders in each status. Each is one grouped query, however
 * many orders there are, reused for REUSE_MS.
 */
@Injectable()
export class SalesFigures {
  private readonly days = new ShortMemo<Map<string, DaySales>>(REUSE_MS);
  private readonly products = new ShortMemo<ProductSales[]>(REUSE_MS);
  private readonly statuses = new ShortMemo<Record<string, number>>(REUSE_MS);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Orders and revenue per store day from `firstDay` to `lastDay` (inclusive); a day without sales is absent. */
  byDay(firstDay: string, lastDay: string): Promise<Map<string, DaySales>> {
    return this.days.get(`${firstDay}/${lastDay}`, () => this.readByDay(firstDay, lastDay));
  }

  /**
   * The products that brought in most from `firstDay` on, with units sold. Grouped by the product's
   * name as the order lines recorded it: the orders own their lines, not the catalog's products.
   */
  topProducts(firstDay: string, limit: number): Promise<ProductSales[]> {
    return this.products.get(`${firstDay}/${limit}`, () => this.readTopProducts(firstDay, limit));
  }

  /** How many orders are in each status (of all time); a status without orders is absent. */
  ordersByStatus(): Promise<Record<string, number>> {
    return this.statuses.get('all', async () => {
      const rows = await this.dataSource
        .createQueryBuilder(Order, 'o')
        .select('o.status', 'status')
        .addSelect('COUNT(*)', 'count')
        .groupBy('o.status')
        .getRawMany<{ status: string; count: number | string }>();
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
    });
  }

  /** The next figures come from the database, not from those reused (tests that change orders, then read). */
  forget(): void {
    this.days.clear();
    this.products.clear();
    this.statuses.clear();
  }

  private async readByDay(firstDay: string, lastDay: string): Promise<Map<string, DaySales>> {
    const zone = this.config.storeTimeZone;
    const [from, to] = [startOfDay(zone, firstDay), startOfDay(zone, addDays(lastDay, 1))];
    const parameters: Record<string, unknown> = { statuses: REVENUE_STATUSES, from, to };
    const day = storeDateSql(this.dataSource, 'o.placedAt', offsetSpans(zone, from, to), parameters);
    const rows = await this.dataSource
      .createQueryBuilder(Order, 'o')
      .select(day, 'salesDay')
      .addSelect('COUNT(*)', 'orders')
      .addSelect('SUM(o.totalMinor)', 'revenueMinor')
      .where('o.status IN (:...statuses) AND o.placedAt >= :from AND o.placedAt < :to')
      .groupBy('salesDay')
      .setParameters(parameters)
      .getRawMany<{ salesDay: string; orders: number | string; revenueMinor: number | string }>();
    return new Map(rows.map((row) => [String(row.salesDay), { orders: Number(row.orders), revenueMinor: Number(row.revenueMinor) }]));
  }

  private async readTopProducts(firstDay: string, limit: number): Promise<ProductSales[]> {
    const rows = await this.dataSource
      .createQueryBuilder(OrderLine, 'l')
      .innerJoin(Order, 'o', 'o.id = l.orderId')
      .select('l.productName', 'productName')
      .addSelect('SUM(l.quantity)', 'units')
      .addSelect('SUM(l.lineTotalMinor)', 'revenueMinor')
      .where('o.status IN (:...statuses) AND o.placedAt >= :from', { statuses: REVENUE_STATUSES, from: startOfDay(this.config.storeTimeZone, firstDay) })
      .groupBy('l.productName')
      .orderBy('revenueMinor', 'DESC')
      .addOrderBy('l.productName', 'ASC')
      .limit(limit)
      .getRawMany<{ productName: string; units: number | string; revenueMinor: number | string }>();
    return rows.map((row) => ({ productName: row.productName, units: Number(row.units), revenueMinor: Number(row.revenueMinor) }));
  }
}
