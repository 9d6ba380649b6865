import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { decimalAmount } from '../common/money.js';
import { OrderLine } from './entities/order-line.entity.js';
import { Order } from './entities/order.entity.js';
import type { OrderCsvRow } from './order-csv.js';

/** Orders read per step: a batch in memory at a time, however many orders the range holds. */
const ORDERS_PER_BATCH = 500;

/** Placed at or after `from`, and before `to` (both optional): the range an export covers. */
export interface OrderRange {
  from?: Date;
  to?: Date;
}

/** Orders as CSV rows (ORDER_CSV_COLUMNS), oldest first. */
@Injectable()
export class OrderCsvExport {
  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(OrderLine) private readonly lines: Repository<OrderLine>,
  ) {}

  /** Two queries a batch: the orders after the last one sent (by id, so the walk is stable), and their units. */
  async *rows(range: OrderRange): AsyncGenerator<OrderCsvRow> {
    let after = 0;
    for (;;) {
      const query = this.orders.createQueryBuilder('o').where('o.id > :after', { after }).orderBy('o.id', 'ASC').take(ORDERS_PER_BATCH);
      if (range.from) query.andWhere('o.placedAt >= :from', { from: range.from });
      if (range.to) query.andWhere('o.placedAt < :to', { to: range.to });
      const batch = await query.getMany();
      if (batch.length === 0) return;
      after = batch[batch.length - 1].id;
      const units = await this.unitsOf(batch.map((order) => order.id));
      for (const order of batch) {
        yield {
          number: order.number,
          placed_at: order.placedAt.toISOString(),
          status: order.status,
          payment_method: order.paymentMethod,
          shipping_method: order.shippingMethod,
          customer_name: order.fullName,
          email: order.email,
          phone: order.phone,
          address: order.address,
          city: order.city,
          postal_code: order.postalCode,
          items: String(units.get(order.id) ?? 0),
          currency: order.currency,
          subtotal: decimalAmount(order.subtotalMinor),
          shipping: decimalAmount(order.shippingMinor),
          total: decimalAmount(order.totalMinor),
        };
      }
    }
  }

  private async unitsOf(orderIds: number[]): Promise<Map<number, number>> {
    const rows = await this.lines
      .createQueryBuilder('l')
      .select('l.orderId', 'orderId')
      .addSelect('SUM(l.quantity)', 'units')
      .where('l.orderId IN (:...orderIds)', { orderIds })
      .groupBy('l.orderId')
      .getRawMany<{ orderId: number | string; units: number | string }>();
    return new Map(rows.map((row) => [Number(row.orderId), Number(row.units)]));
  }
}
