import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, IsNull, Repository } from 'typeorm';
import type { Actor } from '../../audit/actor.js';
import { AuditTrail } from '../../audit/audit-trail.service.js';
import { StaffService } from '../../auth/staff.service.js';
import { SoldOutError } from '../../catalog/catalog.errors.js';
import { InventoryService } from '../../catalog/inventory.service.js';
import { StockReason } from '../../catalog/stock-reason.js';
import { VariantLookups } from '../../catalog/variant-lookups.service.js';
import { NotFoundError, ShopError } from '../../common/errors.js';
import { amountForInput, formatMoney } from '../../common/money.js';
import { pageOfRows, type Page } from '../../common/pagination.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { isUniqueViolation } from '../../database/database-errors.js';
import { lockRow, readingLatest } from '../../database/dialect.js';
import { Transactions } from '../../database/transactions.js';
import type { ReturnEmailVariables } from '../../mail/kinds/return-emails.js';
import { MailService } from '../../mail/mail.service.js';
import { OrderLine } from '../entities/order-line.entity.js';
import { OrderStatusChange } from '../entities/order-status-change.entity.js';
import { Order, OrderStatus, PaymentMethod } from '../entities/order.entity.js';
import { mayActOnOrder, OrderLinks, type OrderViewer } from '../order-links.js';
import { unambiguousCode } from '../order-placement.service.js';
import { REFUNDABLE_STATUSES } from '../payments/payment-status.js';
import { PaymentsService } from '../payments/payments.service.js';
import { Refunds } from '../payments/refunds.service.js';
import { ReplacementOrders } from './replacement-orders.js';
import { ReturnLine, ReturnResolution } from './return-line.entity.js';
import { ReturnRequest, ReturnStatus } from './return-request.entity.js';
import {
  lineField,
  NEXT_RETURN_STATUSES,
  readReturnForm,
  reasonLabel,
  RETURN_REASONS,
  RETURN_STATUS_LABELS,
  ReturnMoveNotAllowedError,
  ReturnRefusedError,
  returnWindow,
  type ReturnLineRequest,
} from './return-rules.js';
import { ReturnSettings } from './return-settings.js';

const RETURNS_PER_PAGE = 25;

type ReturnEmailKind = 'return_requested' | 'return_approved' | 'exchange_approved' | 'return_rejected';
/** Payments taken by a provider: their refunds go back through it (Refunds); others are given back by hand. */
const HOSTED: readonly PaymentMethod[] = [PaymentMethod.Stripe, PaymentMethod.Safepay];

/** A return with its lines as the pages show them. */
export interface ReturnView {
  request: ReturnRequest;
  statusLabel: string;
  lines: (ReturnLine & { productName: string; variantLabel: string; reasonLabel: string; outcome: string; bought: OrderLine | undefined })[];
  hasExchange: boolean;
  hasRefund: boolean;
}

/**
 * Returns and exchange-first returns: the customer's request within the owner's window after delivery,
 * each line for a refund or an exchange whose replacement is taken off the shelf at once (so it cannot
 * sell out while the parcel travels back); the owner's approval or rejection (which puts the
 * replacement back), the return received (its units back on the shelf, once), then the replacement
 * shipped as a linked order, or the refund made. Every move is one transaction with a conditional
 * update on the return's status, its stock through InventoryService, its emails through the outbox.
 */
@Injectable()
export class Returns {
  constructor(
    private readonly transactions: Transactions,
    private readonly inventory: InventoryService,
    private readonly variants: VariantLookups,
    private readonly mail: MailService,
    private readonly settings: ReturnSettings,
    private readonly staff: StaffService,
    private readonly links: OrderLinks,
    private readonly replacements: ReplacementOrders,
    private readonly refunds: Refunds,
    private readonly payments: PaymentsService,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(ReturnRequest) private readonly requests: Repository<ReturnRequest>,
    @InjectRepository(ReturnLine) private readonly returnLines: Repository<ReturnLine>,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(OrderLine) private readonly orderLines: Repository<OrderLine>,
  ) {}

  /** The order a customer may return from (theirs, this session's, or by its signed link); 404 to anyone else. */
  async customerOrder(number: string, viewer: OrderViewer): Promise<Order> {
    const order = await this.orders.findOneBy({ number });
    if (!order || !mayActOnOrder(order, viewer, this.links)) throw new NotFoundError('That order');
    return order;
  }

  /** What the request page shows: the window, each line with what may still be returned and the variants to exchange for, earlier returns. */
  async requestPage(order: Order) {
    const [windowDays, deliveredAt, lines, earlier] = await Promise.all([
      this.settings.windowDays(),
      this.deliveredAt(this.orders.manager, order.id),
      this.orderLines.find({ where: { orderId: order.id }, order: { id: 'ASC' } }),
      this.forOrder(order.id),
    ]);
    const returned = await this.returnedQuantities(
      this.orders.manager,
      lines.map((line) => line.id),
    );
    const siblings = await this.variants.siblingsOf(lines.map((line) => line.variantId));
    const summaries = await this.variants.summarize(lines.map((line) => line.variantId));
    return {
      title: `Return or exchange: order ${order.number}`,
      order,
      reasons: RETURN_REASONS,
      window: { ...returnWindow(deliveredAt, windowDays), days: windowDays },
      lines: lines.map((line) => {
        const remaining = Math.max(0, line.quantity - (returned.get(line.id) ?? 0));
        const productId = summaries.get(line.variantId)?.productId;
        const options = (productId === undefined ? [] : (siblings.get(productId) ?? [])).filter((v) => v.variantId !== line.variantId && v.available);
        return {
          line,
          remaining,
          quantityChoices: Array.from({ length: remaining + 1 }, (_, i) => i),
          fields: {
            quantity: lineField('quantity', line.id),
            reason: lineField('reason', line.id),
            resolution: lineField('resolution', line.id),
            exchange: lineField('exchange', line.id),
          },
          exchangeOptions: options.map((v) => ({ value: String(v.variantId), label: v.stock > 0 ? v.label : `${v.label} (sold out)` })),
        };
      }),
      returns: earlier,
      token: this.links.token(order.number),
      requestKey: randomUUID(),
    };
  }

  /** The request form as submitted: its lines read against the order's, then request(). */
  async requestFromForm(order: Order, body: Record<string, unknown>, userId: number | null): Promise<ReturnRequest> {
    const key = typeof body.requestKey === 'string' && /^[\w-]{1,64}$/.test(body.requestKey) ? body.requestKey : null;
    const lines = await this.orderLines.find({ select: { id: true }, where: { orderId: order.id }, order: { id: 'ASC' } });
    return this.request(
      order,
      readReturnForm(
        body,
        lines.map((line) => line.id),
      ),
      userId,
      key,
    );
  }

  /** The customer's return page, by the order's signed link (for emails and redirects). */
  customerPath(order: Pick<Order, 'number'>): string {
    return `/orders/${order.number}/return?token=${this.links.token(order.number)}`;
  }

  /**
   * The customer's request. The order row is locked first, so two requests for one order take turns and
   * a line is never returned beyond its quantity; each exchange's replacement is taken with the one
   * conditional stock update (ledger "exchange reserved"), refused with a message when it is sold out.
   * With the form's `requestKey`, the same form submitted again answers the return it made.
   */
  async request(order: Order, wanted: ReturnLineRequest[], userId: number | null, requestKey: string | null = null): Promise<ReturnRequest> {
    try {
      return await this.requestOnce(order, wanted, userId, requestKey);
    } catch (error) {
      const made = requestKey !== null && isUniqueViolation(error) ? await this.requests.findOneBy({ requestKey, orderId: order.id }) : null;
      if (made) return made;
      throw error;
    }
  }

  private async requestOnce(order: Order, wanted: ReturnLineRequest[], userId: number | null, requestKey: string | null): Promise<ReturnRequest> {
    const [windowDays, team] = await Promise.all([this.settings.windowDays(), this.staff.list()]);
    return this.transactions.run(async (manager) => {
      await lockRow(manager, Order, order.id);
      // A resubmitted form that waited on the lock finds the return its first submit made.
      const made = requestKey === null ? null : await manager.findOneBy(ReturnRequest, { requestKey, orderId: order.id });
      if (made) return made;
      const window = returnWindow(await this.deliveredAt(manager, order.id), windowDays);
      if (!window.open) throw new ReturnRefusedError({ form: window.reason }, 409);
      const lines = await manager.find(OrderLine, { where: { orderId: order.id } });
      const returned = await this.returnedQuantities(
        manager,
        lines.map((line) => line.id),
      );
      const summaries = await this.variants.summarizeWithin(manager, [
        ...lines.map((line) => line.variantId),
        ...wanted.flatMap((want) => (want.replacementVariantId === null ? [] : [want.replacementVariantId])),
      ]);
      const errors: Record<string, string> = {};
      for (const want of wanted) {
        const line = lines.find((candidate) => candidate.id === want.orderLineId);
        if (!line) throw new NotFoundError('That item of the order');
        const remaining = line.quantity - (returned.get(line.id) ?? 0);
        if (want.quantity > remaining)
          errors[lineField('quantity', line.id)] =
            remaining <= 0 ? 'Every unit of this item is being returned already.' : `Only ${remaining} of this item can still be returned.`;
        if (want.replacementVariantId !== null) {
          const replacement = summaries.get(want.replacementVariantId);
          const original = summaries.get(line.variantId);
          if (!replacement || !original || replacement.productId !== original.productId || replacement.variantId === line.variantId || !replacement.available)
            errors[lineField('exchange', line.id)] = 'Please choose another size or colour of the same item.';
        }
      }
      if (Object.keys(errors).length > 0) throw new ReturnRefusedError(errors);
      const number = `RT-${unambiguousCode(8)}`;
      const inserted = await manager.insert(ReturnRequest, {
        number,
        orderId: order.id,
        orderNumber: order.number,
        status: ReturnStatus.Requested,
        requestedByUserId: userId,
        requestKey,
      });
      const returnId = Number(inserted.identifiers[0].id);
      // Replacements are taken in variant order, so two requests for the same variants never deadlock.
      for (const want of [...wanted].sort((a, b) => (a.replacementVariantId ?? 0) - (b.replacementVariantId ?? 0))) {
        const replacement = want.replacementVariantId === null ? undefined : summaries.get(want.replacementVariantId);
        if (replacement) {
          try {
            await this.inventory.changeStock(manager, replacement.variantId, -want.quantity, StockReason.ExchangeReserved, number);
          } catch (error) {
            if (!(error instanceof SoldOutError)) throw error;
            const left = error.available > 0 ? ` (only ${error.available} left)` : '';
            throw new ReturnRefusedError(
              { [lineField('exchange', want.orderLineId)]: `${replacement.label} is sold out now${left}: please choose another size or colour, or a refund.` },
              409,
            );
          }
        }
        await manager.insert(ReturnLine, {
          returnId,
          orderLineId: want.orderLineId,
          quantity: want.quantity,
          reason: want.reason,
          resolution: want.resolution,
          replacementVariantId: replacement?.variantId ?? null,
          replacementLabel: replacement?.label ?? null,
          reservationHeld: replacement !== undefined,
        });
      }
      const request = await manager.findOneByOrFail(ReturnRequest, { id: returnId });
      const adminUrl = `${this.config.publicUrl}/admin/returns/${number}`;
      for (const owner of team.filter((member) => member.isOwner)) await this.queueEmail(manager, 'return_requested', request, order, owner.email, adminUrl);
      return request;
    });
  }

  /** One page of returns, newest first; only those of a status when one is given. */
  async list(requestedPage: number, status?: ReturnStatus): Promise<Page<ReturnRequest & { statusLabel: string }>> {
    const query = this.requests.createQueryBuilder('r').orderBy('r.createdAt', 'DESC').addOrderBy('r.id', 'DESC');
    if (status) query.where('r.status = :status', { status });
    const page = await pageOfRows(query, requestedPage, RETURNS_PER_PAGE);
    return { ...page, items: page.items.map((request) => ({ ...request, statusLabel: RETURN_STATUS_LABELS[request.status] })) };
  }

  /** The returns of an order, oldest first, with their lines. */
  async forOrder(orderId: number): Promise<ReturnView[]> {
    const requests = await this.requests.find({ where: { orderId }, order: { id: 'ASC' } });
    return Promise.all(requests.map((request) => this.viewOf(request)));
  }

  /** A return's page in the panel: the return, its order, and the moves open to it. */
  async adminDetail(number: string) {
    const request = await this.requests.findOneBy({ number });
    if (!request) throw new NotFoundError('That return');
    const view = await this.viewOf(request);
    const order = await this.orders.findOneByOrFail({ id: request.orderId });
    const next = NEXT_RETURN_STATUSES[request.status];
    const received = request.status === ReturnStatus.Received;
    return {
      ...view,
      order,
      canApprove: next.includes(ReturnStatus.Approved),
      canReject: next.includes(ReturnStatus.Rejected),
      canReceive: next.includes(ReturnStatus.Received),
      canShipReplacement: received && view.hasExchange && request.replacementOrderNumber === null,
      canRefund: received && view.hasRefund && request.refundedMinor === null,
      suggestedRefund: amountForInput(this.suggestedRefundMinor(order, view)),
      refundsThroughProvider: HOSTED.includes(order.paymentMethod),
      refundedLabel: request.refundedMinor === null ? null : formatMoney(request.refundedMinor, order.currency),
    };
  }

  async approve(number: string, actor: Actor): Promise<void> {
    await this.transactions.run(async (manager) => {
      const request = await this.move(manager, number, ReturnStatus.Approved, 'approved', actor);
      const view = await this.viewOf(request, manager);
      const order = await manager.findOneByOrFail(Order, { id: request.orderId });
      await this.queueEmail(manager, view.hasExchange ? 'exchange_approved' : 'return_approved', request, order, order.email, this.customerUrl(order));
    });
  }

  /** Rejects the return with the owner's note; every replacement held for it goes back on the shelf. */
  async reject(number: string, note: string, actor: Actor): Promise<void> {
    await this.transactions.run(async (manager) => {
      const request = await this.move(manager, number, ReturnStatus.Rejected, 'rejected', actor, { ownerNote: note || null });
      const held = await manager.find(ReturnLine, { where: { returnId: request.id, reservationHeld: true }, order: { replacementVariantId: 'ASC' } });
      for (const line of held) {
        if (line.replacementVariantId === null) continue;
        await this.inventory.changeStock(manager, line.replacementVariantId, line.quantity, StockReason.ExchangeReleased, request.number);
        await manager.update(ReturnLine, { id: line.id }, { reservationHeld: false });
      }
      const order = await manager.findOneByOrFail(Order, { id: request.orderId });
      await this.queueEmail(manager, 'return_rejected', { ...request, ownerNote: note || null }, order, order.email, this.customerUrl(order));
    });
  }

  /** The parcel came back: its units go back on the shelf, once however often this is submitted. */
  async receive(number: string, actor: Actor): Promise<void> {
    await this.transactions.run(async (manager) => {
      const request = await this.move(manager, number, ReturnStatus.Received, 'marked received', actor, { receivedAt: new Date() });
      const lines = await manager.find(ReturnLine, { where: { returnId: request.id } });
      const orderLines = await manager.findBy(OrderLine, { id: In(lines.map((line) => line.orderLineId)) });
      const back = lines.map((line) => ({ variantId: orderLines.find((o) => o.id === line.orderLineId)?.variantId ?? 0, quantity: line.quantity }));
      for (const unit of back.sort((a, b) => a.variantId - b.variantId)) {
        await this.inventory.changeStock(manager, unit.variantId, unit.quantity, StockReason.ReturnReceived, request.number);
      }
    });
  }

  /**
   * Ships the exchange's replacements as a linked order, priced at the difference only. The units are
   * the ones held since the request: handed to the new order, not taken again. Claimed with a
   * conditional update first, so a double submit makes one order.
   */
  async shipReplacement(number: string, actor: Actor): Promise<Order> {
    return this.transactions.run(async (manager) => {
      const request = await this.findReturn(manager, number);
      const original = await manager.findOneByOrFail(Order, { id: request.orderId });
      const lines = await manager.find(ReturnLine, { where: { returnId: request.id, resolution: ReturnResolution.Exchange }, order: { id: 'ASC' } });
      if (request.status !== ReturnStatus.Received || lines.length === 0)
        throw new ShopError('The replacement is sent once the return has been received.', 409);
      const orderLines = await manager.findBy(OrderLine, { id: In(lines.map((line) => line.orderLineId)) });
      const summaries = await this.variants.summarizeWithin(
        manager,
        lines.map((line) => line.replacementVariantId ?? 0),
      );
      const replacement = lines.map((line) => {
        const bought = orderLines.find((o) => o.id === line.orderLineId) as OrderLine;
        const variant = summaries.get(line.replacementVariantId ?? 0);
        return {
          variantId: line.replacementVariantId ?? 0,
          sku: variant?.sku ?? bought.sku,
          productName: bought.productName,
          variantLabel: line.replacementLabel ?? variant?.label ?? '',
          unitPriceMinor: Math.max(0, (variant?.priceMinor ?? bought.unitPriceMinor) - bought.unitPriceMinor),
          quantity: line.quantity,
        };
      });
      const linked = await this.replacements.create(manager, original, replacement, request.number, actor);
      const claimed = await manager.update(
        ReturnRequest,
        { id: request.id, status: ReturnStatus.Received, replacementOrderNumber: IsNull() },
        { replacementOrderNumber: linked.number },
      );
      if (claimed.affected !== 1) throw new ShopError(`The replacement for return ${number} was sent already.`, 409);
      await manager.update(ReturnLine, { returnId: request.id, resolution: ReturnResolution.Exchange }, { reservationHeld: false });
      await this.audit.record(manager, actor, {
        action: 'return.replacement_sent',
        subject: { type: 'return', id: number },
        before: {},
        after: { order: linked.number },
      });
      await this.completeIfDone(manager, request.id);
      return linked;
    });
  }

  /**
   * Records the refund of the return's refund lines. An order whose payment was taken (a card's, a bank
   * transfer received, cash collected and recorded) is refunded through Refunds, which asks the provider
   * for a card and records the rest as given back by hand; otherwise the amount is recorded on the return
   * alone. The amount is claimed on the return first (a conditional update), so a double submit refunds
   * once; a refund that fails frees the claim again.
   */
  async refund(number: string, amountMinor: number, actor: Actor): Promise<void> {
    const request = await this.findReturn(this.requests.manager, number);
    const order = await this.orders.findOneByOrFail({ id: request.orderId });
    if (!Number.isInteger(amountMinor) || amountMinor <= 0 || amountMinor > order.totalMinor)
      throw new ReturnRefusedError({
        amount: `Enter an amount from ${formatMoney(1, order.currency)} up to ${formatMoney(order.totalMinor, order.currency)}.`,
      });
    const payment = await this.payments.findPayment(order.number);
    const throughPayment = payment !== null && REFUNDABLE_STATUSES.includes(payment.status);
    if (!throughPayment && HOSTED.includes(order.paymentMethod))
      throw new ShopError('This order’s online payment was never taken: there is nothing to refund.', 409);
    const claimed = await this.requests.update({ id: request.id, status: ReturnStatus.Received, refundedMinor: IsNull() }, { refundedMinor: amountMinor });
    if (claimed.affected !== 1) throw new ShopError('This return was refunded already, or has not been received yet.', 409);
    if (throughPayment) {
      try {
        await this.refunds.refund(order.number, { amountMinor, restock: false, reason: `Return ${number}` }, actor);
      } catch (error) {
        await this.requests.update({ id: request.id }, { refundedMinor: null });
        throw error;
      }
    }
    await this.transactions.run(async (manager) => {
      await this.audit.record(manager, actor, {
        action: 'return.refunded',
        subject: { type: 'return', id: number },
        before: {},
        after: { amountMinor, order: order.number, throughPayment },
      });
      await this.completeIfDone(manager, request.id);
    });
  }

  /** The return's status moved along its state machine, conditionally on the status just read, with an audit row. */
  private async move(
    manager: EntityManager,
    number: string,
    to: ReturnStatus,
    verb: string,
    actor: Actor,
    also: Partial<ReturnRequest> = {},
  ): Promise<ReturnRequest> {
    const request = await this.findReturn(manager, number);
    if (!NEXT_RETURN_STATUSES[request.status].includes(to)) throw new ReturnMoveNotAllowedError(request.status, verb);
    const moved = await manager.update(ReturnRequest, { id: request.id, status: request.status }, { status: to, ...also });
    if (moved.affected !== 1) throw new ReturnMoveNotAllowedError(request.status, verb);
    await this.audit.record(manager, actor, {
      action: 'return.status_changed',
      subject: { type: 'return', id: number },
      before: { status: request.status },
      after: { status: to },
    });
    return { ...request, status: to, ...also };
  }

  /** Completed once every line has what it asked for: the replacement sent, the refund made. */
  private async completeIfDone(manager: EntityManager, returnId: number): Promise<void> {
    const request = await manager.findOneByOrFail(ReturnRequest, { id: returnId });
    const lines = await manager.find(ReturnLine, { where: { returnId } });
    const exchangeDone = !lines.some((line) => line.resolution === ReturnResolution.Exchange) || request.replacementOrderNumber !== null;
    const refundDone = !lines.some((line) => line.resolution === ReturnResolution.Refund) || request.refundedMinor !== null;
    if (exchangeDone && refundDone) await manager.update(ReturnRequest, { id: returnId, status: ReturnStatus.Received }, { status: ReturnStatus.Completed });
  }

  private async findReturn(manager: EntityManager, number: string): Promise<ReturnRequest> {
    const request = await manager.findOneBy(ReturnRequest, { number });
    if (!request) throw new NotFoundError('That return');
    return request;
  }

  /** When the order was last marked delivered, from its history; null if never. */
  private async deliveredAt(manager: EntityManager, orderId: number): Promise<Date | null> {
    const change = await manager.findOne(OrderStatusChange, { where: { orderId, toStatus: OrderStatus.Delivered }, order: { createdAt: 'DESC', id: 'DESC' } });
    return change?.createdAt ?? null;
  }

  /** Units of each order line in returns not rejected, as last committed (another request may have just added some). */
  private async returnedQuantities(manager: EntityManager, orderLineIds: number[]): Promise<Map<number, number>> {
    if (orderLineIds.length === 0) return new Map();
    const query = manager
      .createQueryBuilder(ReturnLine, 'l')
      .innerJoin(ReturnRequest, 'r', 'r.id = l.returnId')
      .select('l.orderLineId', 'orderLineId')
      .addSelect('SUM(l.quantity)', 'quantity')
      .where('l.orderLineId IN (:...orderLineIds)', { orderLineIds })
      .andWhere('r.status <> :rejected', { rejected: ReturnStatus.Rejected })
      .groupBy('l.orderLineId');
    const rows = await readingLatest(query).getRawMany<{ orderLineId: number | string; quantity: number | string }>();
    return new Map(rows.map((row) => [Number(row.orderLineId), Number(row.quantity)]));
  }

  private async viewOf(request: ReturnRequest, manager: EntityManager = this.requests.manager): Promise<ReturnView> {
    const lines = await manager.find(ReturnLine, { where: { returnId: request.id }, order: { id: 'ASC' } });
    const bought = lines.length > 0 ? await manager.findBy(OrderLine, { id: In(lines.map((line) => line.orderLineId)) }) : [];
    return {
      request,
      statusLabel: RETURN_STATUS_LABELS[request.status],
      lines: lines.map((line) => {
        const orderLine = bought.find((o) => o.id === line.orderLineId);
        return {
          ...line,
          bought: orderLine,
          productName: orderLine?.productName ?? '',
          variantLabel: orderLine?.variantLabel ?? '',
          reasonLabel: reasonLabel(line.reason),
          outcome: line.resolution === ReturnResolution.Exchange ? `Exchange for ${line.replacementLabel ?? ''}` : 'Refund',
        };
      }),
      hasExchange: lines.some((line) => line.resolution === ReturnResolution.Exchange),
      hasRefund: lines.some((line) => line.resolution === ReturnResolution.Refund),
    };
  }

  /** What the refund lines cost the customer: their share of the lines' totals after discount, tax added when prices excluded it. */
  private suggestedRefundMinor(order: Order, view: ReturnView): number {
    return view.lines
      .filter((line) => line.resolution === ReturnResolution.Refund)
      .reduce((sum, { bought, quantity }) => {
        if (!bought) return sum;
        const paid = bought.lineTotalMinor - bought.discountMinor + (order.taxInclusive ? 0 : bought.taxMinor);
        return sum + Math.round((paid * quantity) / bought.quantity);
      }, 0);
  }

  private customerUrl(order: Order): string {
    return `${this.config.publicUrl}${this.customerPath(order)}`;
  }

  private async queueEmail(manager: EntityManager, kind: ReturnEmailKind, request: ReturnRequest, order: Order, to: string, returnUrl: string) {
    const view = await this.viewOf(request, manager);
    const variables: ReturnEmailVariables = {
      customerName: order.fullName,
      orderNumber: order.number,
      returnNumber: request.number,
      lines: view.lines.map((line) => ({
        quantity: line.quantity,
        product: line.productName,
        variant: line.variantLabel,
        reason: line.reasonLabel,
        outcome: line.outcome,
      })),
      ownerNote: request.ownerNote ?? '',
      returnUrl,
    };
    await this.mail.enqueue(manager, { kind, to, variables });
  }
}
