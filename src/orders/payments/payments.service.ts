import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import type { Actor } from '../../audit/actor.js';
import { AuditTrail } from '../../audit/audit-trail.service.js';
import { NotFoundError } from '../../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { lockRow } from '../../database/dialect.js';
import { insertAtCommit } from '../../database/statements.js';
import { Transactions } from '../../database/transactions.js';
import { SettingsService } from '../../settings/settings.service.js';
import { cashOnDelivery, CheckoutPayments, type PaymentHandler } from '../checkout-payments.js';
import { type Order, PaymentMethod } from '../entities/order.entity.js';
import { OrdersService } from '../orders.service.js';
import { PAYMENT_METHOD_HINTS, PAYMENT_METHOD_LABELS } from '../payment-methods.js';
import { type ShopperPayment, shopperPayment } from './payment-views.js';
import { OrderPayment } from './entities/order-payment.entity.js';
import { PaymentNotAwaitedError } from './payments.errors.js';
import { OPEN_STATUSES, PaymentStatus } from './payment-status.js';
import { HostedPayments } from './providers/hosted-payments.js';
import { PaymentProviderUnavailableError } from './providers/payment-provider.js';

/**
 * Where the shopper goes once the order is placed: its confirmation (cash on delivery, or a bank
 * transfer whose details it shows), the provider's hosted page, or the order's payment page when the
 * provider could not be reached (it offers to try again while the order still holds its stock).
 */
export type PaymentStep = { kind: 'confirmed' } | { kind: 'instructions' } | { kind: 'redirect'; url: string } | { kind: 'retry' };

/** The address a PaymentStep sends the shopper to. */
export function addressOf(step: PaymentStep, orderNumber: string): string {
  if (step.kind === 'redirect') return step.url;
  return `/orders/${encodeURIComponent(orderNumber)}/${step.kind === 'retry' ? 'payment' : 'confirmation'}`;
}

/**
 * An order's payment from start to "paid": the record made after the order is placed, the hosted page
 * (made again on a retry while the order still holds its stock), and the owner's "received" for a bank
 * transfer. Webhooks (PaymentWebhooks), the release of unpaid orders (PaymentReleases) and refunds
 * (Refunds) move the same record.
 */
@Injectable()
export class PaymentsService implements OnModuleInit {
  private readonly logger = new Logger('Payments');

  constructor(
    private readonly transactions: Transactions,
    private readonly hosted: HostedPayments,
    private readonly settings: SettingsService,
    private readonly orders: OrdersService,
    private readonly audit: AuditTrail,
    @InjectRepository(OrderPayment) private readonly payments: Repository<OrderPayment>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly checkout: CheckoutPayments,
  ) {}

  /**
   * Joins checkout's ways of paying: cash on delivery (checkout's own rules say when it is offered), a
   * bank transfer once the owner has given an account, and each configured provider. Every one writes
   * its payment record in the order's own transaction (both or neither: an order whose process stops
   * right after committing still has its record, and a hosted one its release time) and sends the
   * shopper on from there once the order has committed.
   */
  onModuleInit(): void {
    const orderPlaced = (manager: EntityManager, order: Order) => this.record(manager, order);
    const nextStep = async (order: Order) => addressOf(await this.begin(order), order.number);
    const handlers: PaymentHandler[] = [
      { ...cashOnDelivery, orderPlaced, nextStep },
      {
        method: PaymentMethod.BankTransfer,
        offers: async () => (await this.settings.bankAccount()) !== null,
        hint: () => PAYMENT_METHOD_HINTS[PaymentMethod.BankTransfer],
        orderPlaced,
        nextStep,
      },
      ...this.hosted.configured().map((method) => ({ method, offers: () => true, hint: () => PAYMENT_METHOD_HINTS[method], orderPlaced, nextStep })),
    ];
    for (const handler of handlers) this.checkout.register(handler);
  }

  /**
   * Where paying goes on once the order has committed (its record written with it, see `record`). Safe
   * to call again for the same order (a resubmitted checkout): an open hosted payment sends the shopper
   * back to its page. Cash on delivery and a bank transfer need nothing more from the database.
   */
  async begin(order: Order): Promise<PaymentStep> {
    if (!this.hosted.isHosted(order.paymentMethod)) return { kind: order.paymentMethod === PaymentMethod.BankTransfer ? 'instructions' : 'confirmed' };
    let payment = await this.payments.findOneBy({ orderId: order.id });
    if (!payment) {
      // An order placed before its record was written with it: made now, once.
      await this.record(this.payments.manager, order);
      payment = await this.payments.findOneByOrFail({ orderId: order.id });
    }
    return this.startHosted(payment, order.email);
  }

  /** Writes the order's payment record (once: a second call for the order changes nothing). */
  private async record(manager: EntityManager, order: Order): Promise<void> {
    const hosted = this.hosted.isHosted(order.paymentMethod);
    // At commit, with the order's other writes, when it is written in the order's transaction.
    await insertAtCommit(
      manager,
      OrderPayment,
      [
        {
          orderId: order.id,
          orderNumber: order.number,
          provider: order.paymentMethod,
          amountMinor: order.totalMinor,
          currency: order.currency,
          status: PaymentStatus.Pending,
          // Set before the provider is asked, so an order whose payment page was never made (the provider
          // down, the process gone) is still released on time.
          holdStockUntil: hosted ? new Date(Date.now() + this.config.payments.releaseAfterMinutes * 60_000) : null,
        },
      ],
      { orIgnore: true },
    );
  }

  /**
   * "Try again" on the payment page, while the order still holds its stock: back to the hosted page made
   * already (a second one could be paid as well, taking the money twice), or a new one when there is
   * none yet or the last one failed.
   */
  async retry(number: string, viewer: Parameters<OrdersService['detailFor']>[1]): Promise<PaymentStep> {
    const { order } = await this.orders.detailFor(number, viewer);
    const payment = await this.payments.findOneBy({ orderId: order.id });
    if (!payment || !this.hosted.isHosted(payment.provider)) return { kind: 'confirmed' };
    return this.startHosted(payment, order.email);
  }

  /** How the order is paid, as its confirmation tells the shopper (with the bank account for a transfer still to make). */
  async forShopper(order: Order): Promise<ShopperPayment> {
    const payment = await this.payments.findOneBy({ orderId: order.id });
    const bankAccount = order.paymentMethod === PaymentMethod.BankTransfer ? await this.settings.bankAccount() : null;
    return shopperPayment(payment, order.paymentMethod, bankAccount);
  }

  /** The order's payment record, for the pages that show it; NotFoundError when it has none. */
  async paymentOf(orderNumber: string): Promise<OrderPayment> {
    const payment = await this.payments.findOneBy({ orderNumber });
    if (!payment) throw new NotFoundError('That payment');
    return payment;
  }

  /** The order's payment record, or null for an order placed before payments were recorded. */
  findPayment(orderNumber: string): Promise<OrderPayment | null> {
    return this.payments.findOneBy({ orderNumber });
  }

  /**
   * The owner's "the transfer has arrived": the bank transfer's record is paid, with a step in the
   * order's history and an audit row, in one transaction; a second click finds it paid already.
   */
  async markReceived(orderNumber: string, actor: Actor): Promise<void> {
    await this.transactions.run(async (manager) => {
      const found = await manager.findOneBy(OrderPayment, { orderNumber });
      const payment = found && (await lockRow(manager, OrderPayment, found.id));
      if (!payment) throw new NotFoundError('That payment');
      if (payment.provider !== PaymentMethod.BankTransfer) throw new PaymentNotAwaitedError('Only a bank transfer is marked received by hand.');
      if (payment.status !== PaymentStatus.Pending) throw new PaymentNotAwaitedError('This transfer is marked received already.');
      await manager.update(OrderPayment, { id: payment.id, status: PaymentStatus.Pending }, { status: PaymentStatus.Paid });
      await this.orders.recordPaymentWithin(manager, orderNumber, PaymentStatus.Paid, actor, 'Bank transfer received');
      await this.audit.record(manager, actor, {
        action: 'payment.received',
        subject: { type: 'order', id: orderNumber },
        before: { payment: payment.status },
        after: { payment: PaymentStatus.Paid, amountMinor: payment.amountMinor },
      });
    });
  }

  /**
   * The provider's page for an open payment: the one made already, or a new one. A provider that times
   * out or fails leaves the payment open (its stock is released on time all the same) and the shopper is
   * offered a retry.
   */
  private async startHosted(payment: OrderPayment, email: string): Promise<PaymentStep> {
    if (payment.status === PaymentStatus.Paid || payment.status === PaymentStatus.Refunded || payment.status === PaymentStatus.PartiallyRefunded)
      return { kind: 'confirmed' };
    const releaseAt = payment.holdStockUntil;
    if (!OPEN_STATUSES.includes(payment.status) || !releaseAt || releaseAt.getTime() <= Date.now()) return { kind: 'retry' };
    if (payment.checkoutUrl && payment.status === PaymentStatus.Pending) return { kind: 'redirect', url: payment.checkoutUrl };
    const provider = this.hosted.get(payment.provider);
    if (!provider) return { kind: 'retry' };
    const back = `${this.config.publicUrl}/orders/${encodeURIComponent(payment.orderNumber)}/payment`;
    try {
      const page = await provider.createHostedPayment({
        orderNumber: payment.orderNumber,
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        email,
        returnUrl: back,
        cancelUrl: `${back}?left=1`,
        releaseAt,
      });
      const saved = await this.payments.update(
        { id: payment.id, status: In([...OPEN_STATUSES]) },
        { providerReference: page.reference, checkoutUrl: page.url, status: PaymentStatus.Pending },
      );
      // Paid or released while the page was being made: the payment page says which.
      if (saved.affected !== 1) return { kind: 'retry' };
      return { kind: 'redirect', url: page.url };
    } catch (error) {
      if (!(error instanceof PaymentProviderUnavailableError)) throw error;
      this.logger.warn({
        event: 'payment_provider_unavailable',
        provider: PAYMENT_METHOD_LABELS[payment.provider],
        order: payment.orderNumber,
        reason: error.reason,
      });
      return { kind: 'retry' };
    }
  }
}
