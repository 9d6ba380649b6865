import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { containsPattern } from '../common/like.js';
import { clampedPage, pageCount, type Page } from '../common/pagination.js';
import { phoneDigitsSql } from '../common/phone.js';
import { Order, OrderStatus } from './entities/order.entity.js';
import { STATUS_LABELS } from './order-status.js';

const HISTORY_PER_PAGE = 20;

/** Accounts whose orders a phone search may name at most: a number shared by more is not one customer's. */
const PHONE_MATCH_LIMIT = 200;

/**
 * Orders that bring no money: a cancelled order was never paid for, a refused one came back unpaid, a
 * refunded one was paid back. The customer's lifetime value counts every other order at its total.
 */
const NOT_REVENUE = [OrderStatus.Cancelled, OrderStatus.Refused, OrderStatus.Refunded];

export interface CustomerOrderRow {
  number: string;
  placedAt: Date;
  status: OrderStatus;
  statusLabel: string;
  totalMinor: number;
}

export interface CustomerTotals {
  /** Every order the account placed, whatever became of it. */
  orderCount: number;
  /** The sum of the totals of its orders that were neither cancelled nor refunded, in minor units. */
  lifetimeValueMinor: number;
}

/** One account's orders as the owner's panel reads them; every query names the account. */
@Injectable()
export class CustomerOrders {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}

  /** A page of the account's orders, newest first; a page past the last shows the last. */
  async historyPage(userId: number, requestedPage: number): Promise<Page<CustomerOrderRow>> {
    const total = await this.orders.countBy({ userId });
    const page = clampedPage(requestedPage, total, HISTORY_PER_PAGE);
    const rows = await this.orders.find({
      where: { userId },
      select: { id: true, number: true, placedAt: true, status: true, totalMinor: true },
      order: { placedAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * HISTORY_PER_PAGE,
      take: HISTORY_PER_PAGE,
    });
    const items = rows.map((order) => ({
      number: order.number,
      placedAt: order.placedAt,
      status: order.status,
      statusLabel: STATUS_LABELS[order.status],
      totalMinor: order.totalMinor,
    }));
    return { items, page, pages: pageCount(total, HISTORY_PER_PAGE), total };
  }

  /** Order count and lifetime value in one grouped query. */
  async totals(userId: number): Promise<CustomerTotals> {
    const row = await this.orders
      .createQueryBuilder('o')
      .select('COUNT(*)', 'orderCount')
      .addSelect(`COALESCE(SUM(CASE WHEN o.status IN (:...notRevenue) THEN 0 ELSE o.totalMinor END), 0)`, 'lifetimeValueMinor')
      .where('o.userId = :userId', { userId, notRevenue: NOT_REVENUE })
      .getRawOne<{ orderCount: number | string; lifetimeValueMinor: number | string }>();
    // MySQL answers COUNT and SUM as strings (bigint, decimal).
    return { orderCount: Number(row?.orderCount ?? 0), lifetimeValueMinor: Number(row?.lifetimeValueMinor ?? 0) };
  }

  /** The accounts that placed an order with this phone number (digits, as phoneSearchDigits gives them). */
  async accountsWithPhone(digits: string): Promise<number[]> {
    const rows = await this.orders
      .createQueryBuilder('o')
      .select('DISTINCT o.userId', 'userId')
      .where('o.userId IS NOT NULL')
      .andWhere(`${phoneDigitsSql('o.phone')} LIKE :digits ESCAPE '!'`, { digits: containsPattern(digits) })
      .limit(PHONE_MATCH_LIMIT)
      .getRawMany<{ userId: number | string }>();
    return rows.map((row) => Number(row.userId));
  }
}
