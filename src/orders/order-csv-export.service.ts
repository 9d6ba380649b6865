import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { decimalAmount } from '../common/money.js';
import { OrderLine } from './entities/order-line.entity.js';
import { carrierOf } from './carriers.js';
import { Order } from './entities/order.entity.js';
import type { OrderCsvRow } from './order-csv.js';
import { OrderPayment } from './payments/entities/order-payment.entity.js';

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
    @InjectRepository(OrderPayment) private readonly payments: Repository<OrderPayment>,
  ) {}

  /** Three queries a batch: the orders after the last one sent (by id, so the walk is stable), their units and their payments. */
  async *rows(range: OrderRange): AsyncGenerator<OrderCsvRow> {
    let after = 0;
    for (;;) {
      const query = this.orders.createQueryBuilder('o').where('o.id > :after', { after }).orderBy('o.id', 'ASC').take(ORDERS_PER_BATCH);
      if (range.from) query.andWhere('o.placedAt >= :from', { from: range.from });
      if (range.to) query.andWhere('o.placedAt < :to', { to: range.to });
      const batch = await query.getMany();
      if (batch.length === 0) return;
      after = batch[batch.length - 1].id;
      const ids = batch.map((order) => order.id);
      const [units, payments] = await Promise.all([this.unitsOf(ids), this.paymentsOf(ids)]);
      for (const order of batch) {
        const payment = payments.get(order.id);
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
          discount: decimalAmount(order.discountMinor),
          coupon_code: order.couponCode ?? '',
          shipping: decimalAmount(order.shippingMinor),
          cod_fee: decimalAmount(order.codFeeMinor),
          tax: decimalAmount(order.taxMinor),
          tax_included: order.taxInclusive ? 'yes' : 'no',
          total: decimalAmount(order.totalMinor),
          payment_status: payment?.status ?? '',
          refunded: payment ? decimalAmount(payment.refundedMinor) : '',
          carrier: order.carrier ? (carrierOf(order.carrier)?.label ?? order.carrier) : '',
          tracking_number: order.trackingNumber ?? '',
        };
      }
    }
  }

  private async paymentsOf(orderIds: number[]): Promise<Map<number, Pick<OrderPayment, 'status' | 'refundedMinor'>>> {
    const rows = await this.payments.find({ select: { orderId: true, status: true, refundedMinor: true }, where: { orderId: In(orderIds) } });
    return new Map(rows.map((row) => [row.orderId, row]));
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
