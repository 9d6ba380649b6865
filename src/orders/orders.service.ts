import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, Repository } from 'typeorm';
import type { Changer } from '../audit/actor.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { StaffService } from '../auth/staff.service.js';
import { InventoryService } from '../catalog/inventory.service.js';
import { SalesRecord } from '../catalog/sales-record.service.js';
import { StockReason } from '../catalog/stock-reason.js';
import { NotFoundError, ShopError } from '../common/errors.js';
import { pageOfRows, type Page } from '../common/pagination.js';
import { phoneSearchDigits } from '../common/phone.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Transactions } from '../database/transactions.js';
import { MailService } from '../mail/mail.service.js';
import type { CheckoutForm } from './dto/checkout.form.js';
import { OrderLine } from './entities/order-line.entity.js';
import { OrderStatusChange } from './entities/order-status-change.entity.js';
import { Order, OrderStatus, PaymentMethod } from './entities/order.entity.js';
import { OrderPlacement } from './order-placement.service.js';
import { Coupons } from './coupons/coupons.service.js';
import { CodRisk } from './cod-risk/cod-risk.service.js';
import { whereOrdersMatch, type OrderFilter } from './order-search.js';
import { InvoiceNumbers } from './receipts/invoice-numbers.js';
import { carrierOf, shipmentErrors, trackingLink } from './carriers.js';
import { ownerCancellationEmail, statusEmail } from './order-status-emails.js';
import { MOVE_LABELS, movesByHand, NEXT_STATUSES, PREPAID, RESTOCK_ON_CANCEL, STATUS_LABELS } from './order-status.js';
import { timelineOf, type TimelineEntry } from './order-timeline.js';
import { OrderLinks } from './order-links.js';
import { CancellationRefusedError, PaymentStepRefusedError, ShipmentRefusedError, StatusChangeNotAllowedError, UnpaidShipmentError } from './orders.errors.js';
import { OrderPayment } from './payments/entities/order-payment.entity.js';
import { PaymentStatus } from './payments/payment-status.js';
import { PAYMENT_METHOD_LABELS, PAYMENT_METHOD_NAMES } from './payment-methods.js';

const ORDERS_PER_PAGE = 25;

export interface OrderDetail {
  order: Order;
  statusLabel: string;
  paymentLabel: string;
  lines: OrderLine[];
  /** The payment has arrived. */
  paid: boolean;
  history: TimelineEntry[];
  /** The owner's buttons; `ship` asks for the courier and tracking number. */
  nextStatuses: { value: OrderStatus; label: string; ship: boolean }[];
  shipment: ShipmentView | null;
  /** A delivered cash-on-delivery order whose cash is not recorded yet. */
  canCollectCash: boolean;
  /** A shipped cash-on-delivery order: "delivered and paid" in one step. */
  canDeliverPaid: boolean;
  /** A prepaid order not paid yet: it cannot ship. */
  awaitingPayment: boolean;
  /** Not shipped yet: the customer may cancel it. */
  customerMayCancel: boolean;
}

/** What became of one order of a bulk action. */
export interface BulkOutcome {
  number: string;
  ok: boolean;
  message: string;
}

export interface ShipmentView {
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
}

/** What a status change may carry besides: a note for the history, and the ledger's reason for units put back. */
export interface StatusChangeOptions {
  note?: string;
  restockReason?: string;
  /** Required to ship: the courier (a Carrier value) and its tracking number. */
  shipment?: Shipment;
  /** Delivered and paid in one step: a cash-on-delivery order whose cash the courier collected. */
  cashCollected?: boolean;
}

export interface Shipment {
  carrier: string;
  trackingNumber: string;
}

/** The courier and tracking number of a shipment, or ShipmentRefusedError naming what is missing. */
function checkedShipment(shipment: Shipment | undefined): Shipment {
  const errors = shipmentErrors(shipment?.carrier, shipment?.trackingNumber);
  if (!shipment || Object.keys(errors).length > 0) throw new ShipmentRefusedError(errors);
  return { carrier: shipment.carrier, trackingNumber: shipment.trackingNumber.trim() };
}

/** The payment has arrived (and not all of it gone back). */
function isPaid(payment: OrderPayment | null): boolean {
  return payment?.status === PaymentStatus.Paid || payment?.status === PaymentStatus.PartiallyRefunded;
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
    private readonly mail: MailService,
    private readonly orderLinks: OrderLinks,
    private readonly staff: StaffService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(OrderLine) private readonly orderLines: Repository<OrderLine>,
    @InjectRepository(OrderStatusChange) private readonly history: Repository<OrderStatusChange>,
    @InjectRepository(OrderPayment) private readonly payments: Repository<OrderPayment>,
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

  /** A page of the signed-in customer's orders, newest first (every one of them, page by page); a page past the last shows the last. */
  async customerOrders(userId: number, requestedPage = 1): Promise<Page<Order & { statusLabel: string }>> {
    const newestFirst = this.orders.createQueryBuilder('o').where('o.userId = :userId', { userId }).orderBy('o.placedAt', 'DESC').addOrderBy('o.id', 'DESC');
    const orders = await pageOfRows(newestFirst, requestedPage, ORDERS_PER_PAGE);
    return { ...orders, items: orders.items.map((order) => ({ ...order, statusLabel: STATUS_LABELS[order.status] })) };
  }

  /**
   * The order whose number goes with this email or phone (as typed on the tracking page), or null: the
   * caller gives one answer for a wrong number and a wrong pair alike.
   */
  async findForContact(number: string, contact: string): Promise<Order | null> {
    const order = await this.orders.findOneBy({ number: number.trim().toUpperCase() });
    if (!order) return null;
    const typed = contact.trim();
    if (typed.includes('@')) return typed.toLowerCase() === order.email.toLowerCase() ? order : null;
    const digits = phoneSearchDigits(typed);
    return digits !== undefined && digits === phoneSearchDigits(order.phone) ? order : null;
  }

  /** An order's page for a customer whose right to it the caller has checked (a signed tracking link). */
  async trackedDetail(number: string): Promise<OrderDetail> {
    return this.adminDetail(number);
  }

  /**
   * The customer cancels their own order before it ships (from the tracking page or their account): the
   * same move as the owner's, so the units go back and the coupon's use is released, with the owners
   * told by email, all in one transaction. The move is conditional on the status read, so if the owner
   * ships it at the same moment exactly one of the two wins; the customer then hears it has shipped.
   */
  async cancelByCustomer(number: string, actor: Changer): Promise<void> {
    try {
      await this.transactions.run(async (manager) => {
        await this.changeStatusWithin(manager, number, OrderStatus.Cancelled, actor, { note: 'Cancelled by the customer' });
        const order = await manager.findOneByOrFail(Order, { number });
        const owners = (await this.staff.list()).filter((member) => member.isOwner);
        for (const owner of owners) await this.mail.enqueue(manager, ownerCancellationEmail(order, owner.email, this.config.publicUrl));
      });
    } catch (error) {
      if (error instanceof StatusChangeNotAllowedError) throw new CancellationRefusedError();
      throw error;
    }
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
   * conditional on the status just read, so two staff clicking at once (or the owner shipping while the
   * customer cancels) cannot both move it: the second is refused with StatusChangeNotAllowedError.
   * `options` may be the note alone (as before), or a StatusChangeOptions.
   */
  async changeStatus(number: string, to: OrderStatus, actor: Changer, options?: string | StatusChangeOptions): Promise<void> {
    const opts = typeof options === 'string' ? { note: options } : (options ?? {});
    await this.transactions.run((manager) => this.changeStatusWithin(manager, number, to, actor, opts));
  }

  /**
   * changeStatus inside the caller's transaction, for a move that must commit with other writes (a
   * payment's webhook, the release of an unpaid order, a customer's cancellation with the owner's notice).
   * What each move does besides, all in the same transaction:
   * - shipped: needs the courier and tracking number (stored on the order), and a prepaid order's payment;
   * - delivered: with `cashCollected`, a cash-on-delivery payment is recorded as paid in the same step;
   * - cancelled (before shipping): the units go back on the shelf (under `restockReason`, by default
   *   "order cancelled") and the coupon's use is released;
   * - refused: the units come back (ledger reason "refused at the door");
   * - placed again from cancelled (a payment that arrived late): takes the units again, or fails with
   *   SoldOutError and leaves it cancelled;
   * - the customer's email for the move (shipped, delivered, cancelled, refunded) goes into the outbox.
   */
  async changeStatusWithin(manager: EntityManager, number: string, to: OrderStatus, actor: Changer, options: StatusChangeOptions = {}): Promise<void> {
    const order = await manager.findOneBy(Order, { number });
    if (!order) throw new NotFoundError('That order');
    const from = order.status;
    const refused = () => new StatusChangeNotAllowedError(STATUS_LABELS[from], STATUS_LABELS[to]);
    if (!NEXT_STATUSES[from].includes(to)) throw refused();
    const payment = await manager.findOneBy(OrderPayment, { orderId: order.id });
    const changes: Partial<Order> = { status: to };
    let note = options.note?.trim() || null;
    if (to === OrderStatus.Shipped) {
      const shipment = checkedShipment(options.shipment);
      if (PREPAID.includes(order.paymentMethod) && !isPaid(payment)) throw new UnpaidShipmentError(order.number, PAYMENT_METHOD_NAMES[order.paymentMethod]);
      Object.assign(changes, shipment);
      note ??= `${carrierOf(shipment.carrier)?.label}, tracking number ${shipment.trackingNumber}`;
    }
    const moved = await manager.update(Order, { id: order.id, status: from }, changes);
    if (moved.affected !== 1) throw refused();
    Object.assign(order, changes);
    let paymentNow: PaymentStatus | null = null;
    if (to === OrderStatus.Delivered && options.cashCollected) paymentNow = await this.collectCashWithin(manager, order, payment);
    await this.writeHistory(manager, order, { from: from, to, payment: paymentNow, note }, actor);
    await this.audit.record(manager, actor, {
      action: 'order.status_changed',
      subject: { type: 'order', id: order.number },
      before: { status: from },
      after: {
        status: to,
        ...(note ? { note } : {}),
        ...(options.shipment && to === OrderStatus.Shipped ? { carrier: order.carrier, trackingNumber: order.trackingNumber } : {}),
        ...(paymentNow ? { payment: paymentNow } : {}),
      },
    });
    await this.moveStock(manager, order, from, to, options.restockReason);
    const email = statusEmail(order, to, {
      orderUrl: this.orderLinks.trackingUrl(order.number),
      note,
      paid: isPaid(payment),
      refundedMinor: payment?.refundedMinor ?? order.totalMinor,
    });
    if (email) await this.mail.enqueue(manager, email);
  }

  /**
   * Several moves at once (the list's "confirm" or "ship" of the ticked orders): each in its own
   * transaction through changeStatus, so one refused (shipped meanwhile, unpaid, a typo in its tracking
   * number) leaves the others done; answers each order's outcome in the order asked.
   */
  async changeMany(moves: { number: string; to: OrderStatus; options?: StatusChangeOptions }[], actor: Changer): Promise<BulkOutcome[]> {
    const outcomes: BulkOutcome[] = [];
    for (const move of moves) {
      try {
        await this.changeStatus(move.number, move.to, actor, move.options);
        outcomes.push({ number: move.number, ok: true, message: `Now ${STATUS_LABELS[move.to].toLowerCase()}.` });
      } catch (error) {
        if (!(error instanceof ShopError)) throw error;
        outcomes.push({ number: move.number, ok: false, message: error.message });
      }
    }
    return outcomes;
  }

  /**
   * The owner's "cash collected" for a delivered cash-on-delivery order: its payment is paid, with a
   * history row, in one transaction; a second click is refused with the reason.
   */
  async collectCash(number: string, actor: Changer, note?: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const order = await manager.findOneBy(Order, { number });
      if (!order) throw new NotFoundError('That order');
      if (order.paymentMethod !== PaymentMethod.CashOnDelivery) throw new PaymentStepRefusedError('Only a cash-on-delivery order is paid by collecting cash.');
      if (order.status !== OrderStatus.Delivered) throw new PaymentStepRefusedError('Cash is collected when the order is delivered: mark it delivered first.');
      const payment = await manager.findOneBy(OrderPayment, { orderId: order.id });
      const paid = await this.collectCashWithin(manager, order, payment);
      await this.recordPaymentWithin(manager, order.number, paid, actor, note ?? 'Cash collected');
    });
  }

  /**
   * A move of the order's payment alone (a transfer received, a card paid, cash collected) written to
   * its history, with who and when, in the caller's transaction; the payment services make the move.
   */
  async recordPaymentWithin(manager: EntityManager, number: string, payment: PaymentStatus, actor: Changer, note: string | null): Promise<void> {
    const order = await manager.findOneBy(Order, { number });
    if (!order) throw new NotFoundError('That order');
    await this.writeHistory(manager, order, { from: order.status, to: order.status, payment, note }, actor);
  }

  /** Moves a cash-on-delivery payment from pending to paid (made now for an order placed before payments were recorded). */
  private async collectCashWithin(manager: EntityManager, order: Order, payment: OrderPayment | null): Promise<PaymentStatus> {
    if (order.paymentMethod !== PaymentMethod.CashOnDelivery) throw new PaymentStepRefusedError('Only a cash-on-delivery order is paid by collecting cash.');
    if (!payment) {
      await manager.insert(OrderPayment, {
        orderId: order.id,
        orderNumber: order.number,
        provider: order.paymentMethod,
        amountMinor: order.totalMinor,
        currency: order.currency,
        status: PaymentStatus.Paid,
        holdStockUntil: null,
      });
      return PaymentStatus.Paid;
    }
    const paid = await manager.update(OrderPayment, { id: payment.id, status: PaymentStatus.Pending }, { status: PaymentStatus.Paid });
    if (paid.affected !== 1) throw new PaymentStepRefusedError('The cash for this order is recorded as collected already.');
    return PaymentStatus.Paid;
  }

  private async writeHistory(
    manager: EntityManager,
    order: Order,
    step: { from: OrderStatus | null; to: OrderStatus; payment: PaymentStatus | null; note: string | null },
    actor: Changer,
  ): Promise<void> {
    // Every way an order becomes paid (a card's webhook, a bank transfer received, cash collected) writes
    // this step: its invoice number is taken in the same transaction, so none is ever lost or skipped.
    if (step.payment === PaymentStatus.Paid) await this.invoices.assign(manager, order);
    await manager.insert(OrderStatusChange, {
      orderId: order.id,
      fromStatus: step.from,
      toStatus: step.to,
      payment: step.payment,
      changedByUserId: actor.userId,
      changedBy: actor.email.slice(0, 254),
      note: step.note?.slice(0, 255) ?? null,
    });
  }

  /** The units that move with the order: back on the shelf when cancelled before shipping or refused, taken again when revived. */
  private async moveStock(manager: EntityManager, order: Order, from: OrderStatus, to: OrderStatus, restockReason?: string): Promise<void> {
    // A cancelled order gives its coupon's use back, so the customer (or another) may use it again.
    if (to === OrderStatus.Cancelled) await this.coupons.release(manager, order.id);
    const restock = (to === OrderStatus.Cancelled && RESTOCK_ON_CANCEL.has(from)) || to === OrderStatus.Refused;
    const retake = from === OrderStatus.Cancelled && to === OrderStatus.Placed;
    if (!restock && !retake) return;
    const lines = await manager.find(OrderLine, { where: { orderId: order.id } });
    if (retake) {
      await this.inventory.takeForOrder(manager, lines, order.number);
      await this.sales.orderPlaced(manager, lines);
      return;
    }
    await this.inventory.returnFromOrder(manager, lines, order.number, to === OrderStatus.Refused ? StockReason.Refused : restockReason);
    await this.sales.orderCancelled(manager, lines);
  }

  private async detail(order: Order): Promise<OrderDetail> {
    const [lines, history, payment] = await Promise.all([
      this.orderLines.find({ where: { orderId: order.id }, order: { id: 'ASC' } }),
      this.history.find({ where: { orderId: order.id }, order: { createdAt: 'ASC', id: 'ASC' } }),
      this.payments.findOneBy({ orderId: order.id }),
    ]);
    const cod = order.paymentMethod === PaymentMethod.CashOnDelivery;
    const cashDue = cod && (payment === null || payment.status === PaymentStatus.Pending);
    const awaitingPayment = PREPAID.includes(order.paymentMethod) && !isPaid(payment) && RESTOCK_ON_CANCEL.has(order.status);
    return {
      order,
      statusLabel: STATUS_LABELS[order.status],
      paymentLabel: PAYMENT_METHOD_LABELS[order.paymentMethod],
      paid: isPaid(payment),
      lines,
      history: timelineOf(history, order.paymentMethod),
      // A prepaid order not paid yet is not offered shipping: changeStatus would refuse it.
      nextStatuses: movesByHand(order.status)
        .filter((value) => value !== OrderStatus.Shipped || !awaitingPayment)
        .map((value) => ({ value, label: MOVE_LABELS[value], ship: value === OrderStatus.Shipped })),
      shipment: shipmentOf(order),
      canCollectCash: cashDue && order.status === OrderStatus.Delivered,
      canDeliverPaid: cashDue && order.status === OrderStatus.Shipped,
      awaitingPayment,
      customerMayCancel: RESTOCK_ON_CANCEL.has(order.status),
    };
  }
}

/** The courier, tracking number and tracking page of a shipped order; null before it ships. */
export function shipmentOf(order: Order): ShipmentView | null {
  if (!order.carrier || !order.trackingNumber) return null;
  return {
    carrier: carrierOf(order.carrier)?.label ?? order.carrier,
    trackingNumber: order.trackingNumber,
    trackingUrl: trackingLink(order.carrier, order.trackingNumber),
  };
}

function toAdminOrderRow(order: Order): Omit<AdminOrderRow, 'riskCount'> {
  return { ...order, statusLabel: STATUS_LABELS[order.status], paymentLabel: PAYMENT_METHOD_LABELS[order.paymentMethod] };
}
