import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, Repository } from 'typeorm';
import type { Changer } from '../audit/actor.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { InventoryService } from '../catalog/inventory.service.js';
import { SalesRecord } from '../catalog/sales-record.service.js';
import { NotFoundError } from '../common/errors.js';
import { pageOfRows, type Page } from '../common/pagination.js';
import { Transactions } from '../database/transactions.js';
import type { CheckoutForm } from './dto/checkout.form.js';
import { OrderLine } from './entities/order-line.entity.js';
import { OrderStatusChange } from './entities/order-status-change.entity.js';
import { Order, OrderStatus } from './entities/order.entity.js';
import { OrderPlacement } from './order-placement.service.js';
import { Coupons } from './coupons/coupons.service.js';
import { CodRisk } from './cod-risk/cod-risk.service.js';
import { movesByHand, NEXT_STATUSES, RESTOCK_ON_CANCEL, STATUS_LABELS } from './order-status.js';
import { StatusChangeNotAllowedError } from './orders.errors.js';
import { whereOrdersMatch, type OrderFilter } from './order-search.js';
import { PAYMENT_METHOD_LABELS } from './payment-methods.js';
import { InvoiceNumbers } from './receipts/invoice-numbers.js';

const ORDERS_PER_PAGE = 25;

export interface OrderDetail {
  order: Order;
  statusLabel: string;
  paymentLabel: string;
  lines: OrderLine[];
  history: (OrderStatusChange & { label: string })[];
  nextStatuses: { value: OrderStatus; label: string }[];
}

/** What a status change may carry besides: a note for the history, and the ledger's reason for units put back. */
export interface StatusChangeOptions {
  note?: string;
  restockReason?: string;
}

/** A row of the owner's order list; riskCount: earlier refused or cancelled orders of its phone or email (CodRisk). */
export type AdminOrderRow = Order & { statusLabel: string; paymentLabel: string; riskCount: number };

/** One order as the packer reads it: no prices, so a slip can travel in the parcel. */
export interface PackingSlip {
  number: string;
  placedAt: Date;
  shipTo: { fullName: string; phone: string; address: string; city: string; postalCode: string };
  shippingMethod: string;
  lines: { productName: string; variantLabel: string; sku: string; quantity: number }[];
  units: number;
}

@Injectable()
export class OrdersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly placement: OrderPlacement,
    private readonly coupons: Coupons,
    private readonly inventory: InventoryService,
    private readonly sales: SalesRecord,
    private readonly audit: AuditTrail,
    private readonly codRisk: CodRisk,
    private readonly invoices: InvoiceNumbers,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(OrderLine) private readonly orderLines: Repository<OrderLine>,
    @InjectRepository(OrderStatusChange) private readonly history: Repository<OrderStatusChange>,
  ) {}

  /** Places the order for everything in the cart: see OrderPlacement.placeOrder. */
  placeOrder(cartId: number | undefined, checkout: CheckoutForm, userId: number | null): Promise<Order> {
    return this.placement.placeOrder(cartId, checkout, userId);
  }

  /** An order's page for whoever may see it: its owner, or the visitor whose session placed it. */
  async detailFor(number: string, viewer: { userId?: number; placedInSession: string[] }): Promise<OrderDetail> {
    const order = await this.orders.findOneBy({ number });
    const mayView = order && ((order.userId !== null && order.userId === viewer.userId) || viewer.placedInSession.includes(number));
    if (!order || !mayView) throw new NotFoundError('That order');
    return this.detail(order);
  }

  async customerOrders(userId: number): Promise<(Order & { statusLabel: string })[]> {
    const orders = await this.orders.find({ where: { userId }, order: { placedAt: 'DESC', id: 'DESC' }, take: 100 });
    return orders.map((order) => ({ ...order, statusLabel: STATUS_LABELS[order.status] }));
  }

  /** One page of the orders the filter matches, newest first; a page past the last shows the last. */
  async adminOrders(requestedPage: number, filter: OrderFilter = {}): Promise<Page<AdminOrderRow>> {
    const newestFirst = whereOrdersMatch(this.orders.createQueryBuilder('o'), filter).orderBy('o.placedAt', 'DESC').addOrderBy('o.id', 'DESC');
    const orders = await pageOfRows(newestFirst, requestedPage, ORDERS_PER_PAGE);
    const risks = await this.codRisk.countsOf(orders.items);
    return { ...orders, items: orders.items.map((order) => ({ ...toAdminOrderRow(order), riskCount: risks.get(order.id) ?? 0 })) };
  }

  /**
   * What the packer needs for each of these orders, in the order asked, in two queries however many:
   * who and where to ship to, and each line's item, variant, SKU and quantity; never a price.
   */
  async packingSlips(numbers: string[]): Promise<PackingSlip[]> {
    const orders = numbers.length > 0 ? await this.orders.findBy({ number: In(numbers) }) : [];
    const byNumber = new Map(orders.map((order) => [order.number, order]));
    const missing = numbers.find((number) => !byNumber.has(number));
    if (missing !== undefined) throw new NotFoundError('That order');
    const lines = orders.length > 0 ? await this.orderLines.find({ where: { orderId: In(orders.map((order) => order.id)) }, order: { id: 'ASC' } }) : [];
    return numbers.map((number) => {
      const order = byNumber.get(number) as Order;
      const own = lines.filter((line) => line.orderId === order.id);
      return {
        number,
        placedAt: order.placedAt,
        shipTo: { fullName: order.fullName, phone: order.phone, address: order.address, city: order.city, postalCode: order.postalCode },
        shippingMethod: order.shippingMethod,
        lines: own.map((line) => ({ productName: line.productName, variantLabel: line.variantLabel, sku: line.sku, quantity: line.quantity })),
        units: own.reduce((sum, line) => sum + line.quantity, 0),
      };
    });
  }

  /** The newest orders, for the dashboard: one query on the placedAt index, however many orders there are. */
  async recentOrders(limit: number): Promise<(Order & { statusLabel: string })[]> {
    const orders = await this.orders.find({ order: { placedAt: 'DESC', id: 'DESC' }, take: limit });
    return orders.map((order) => ({ ...order, statusLabel: STATUS_LABELS[order.status] }));
  }

  async adminDetail(number: string): Promise<OrderDetail> {
    const order = await this.orders.findOneBy({ number });
    if (!order) throw new NotFoundError('That order');
    return this.detail(order);
  }

  /** How many orders each of these accounts has placed, in one grouped query; accounts without orders are absent. */
  async countByCustomer(userIds: number[]): Promise<Map<number, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.orders
      .createQueryBuilder('o')
      .select('o.userId', 'userId')
      .addSelect('COUNT(*)', 'count')
      .where('o.userId IN (:...userIds)', { userIds })
      .groupBy('o.userId')
      .getRawMany<{ userId: number | string; count: number | string }>();
    return new Map(rows.map((row) => [Number(row.userId), Number(row.count)]));
  }

  /**
   * Moves an order along the state machine, with a history row, in one transaction. The update is
   * conditional on the status just read, so two staff clicking at once cannot both move it.
   */
  async changeStatus(number: string, to: OrderStatus, actor: Changer, note?: string): Promise<void> {
    await this.transactions.run((manager) => this.changeStatusWithin(manager, number, to, actor, { note }));
  }

  /**
   * changeStatus inside the caller's transaction, for a move that must commit with other writes (a
   * payment's webhook, the release of an unpaid order). Cancelling puts the units back on the shelf
   * (under `restockReason`, by default "order cancelled"); an order that comes back from cancelled (a
   * payment that arrived late) takes them again, or fails with SoldOutError and leaves it cancelled.
   */
  async changeStatusWithin(manager: EntityManager, number: string, to: OrderStatus, actor: Changer, options: StatusChangeOptions = {}): Promise<void> {
    const order = await manager.findOneBy(Order, { number });
    if (!order) throw new NotFoundError('That order');
    if (!NEXT_STATUSES[order.status].includes(to)) throw new StatusChangeNotAllowedError(STATUS_LABELS[order.status], STATUS_LABELS[to]);
    const moved = await manager.update(Order, { id: order.id, status: order.status }, { status: to });
    if (moved.affected !== 1) throw new StatusChangeNotAllowedError(STATUS_LABELS[order.status], STATUS_LABELS[to]);
    const note = options.note ?? null;
    await manager.insert(OrderStatusChange, { orderId: order.id, fromStatus: order.status, toStatus: to, changedByUserId: actor.userId, note });
    await this.audit.record(manager, actor, {
      action: 'order.status_changed',
      subject: { type: 'order', id: order.number },
      before: { status: order.status },
      after: { status: to, ...(note ? { note } : {}) },
    });
    // Every way an order becomes paid (the owner's button, a card's webhook, a bank transfer received)
    // comes through here: its invoice number is taken in the same transaction, so none is ever lost.
    if (to === OrderStatus.Paid) await this.invoices.assign(manager, order);
    // A cancelled order gives its coupon's use back, so the customer (or another) may use it again.
    if (to === OrderStatus.Cancelled) await this.coupons.release(manager, order.id);
    if (to === OrderStatus.Cancelled && RESTOCK_ON_CANCEL.has(order.status)) {
      const lines = await manager.find(OrderLine, { where: { orderId: order.id } });
      await this.inventory.returnFromOrder(manager, lines, order.number, options.restockReason);
      await this.sales.orderCancelled(manager, lines);
    }
    if (order.status === OrderStatus.Cancelled) {
      const lines = await manager.find(OrderLine, { where: { orderId: order.id } });
      await this.inventory.takeForOrder(manager, lines, order.number);
      await this.sales.orderPlaced(manager, lines);
    }
  }

  private async detail(order: Order): Promise<OrderDetail> {
    const [lines, history] = await Promise.all([
      this.orderLines.find({ where: { orderId: order.id }, order: { id: 'ASC' } }),
      this.history.find({ where: { orderId: order.id }, order: { createdAt: 'ASC', id: 'ASC' } }),
    ]);
    return {
      order,
      statusLabel: STATUS_LABELS[order.status],
      paymentLabel: PAYMENT_METHOD_LABELS[order.paymentMethod],
      lines,
      history: history.map((change) => ({ ...change, label: STATUS_LABELS[change.toStatus] })),
      nextStatuses: movesByHand(order.status, order.paymentMethod).map((value) => ({ value, label: STATUS_LABELS[value] })),
    };
  }
}

function toAdminOrderRow(order: Order): Omit<AdminOrderRow, 'riskCount'> {
  return { ...order, statusLabel: STATUS_LABELS[order.status], paymentLabel: PAYMENT_METHOD_LABELS[order.paymentMethod] };
}
