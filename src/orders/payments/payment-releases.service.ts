import { Injectable, Logger } from '@nestjs/common';
import { systemActor } from '../../audit/actor.js';
import { StockReason } from '../../catalog/stock-reason.js';
import { isDatabaseBusy } from '../../database/database-errors.js';
import { claimingUnlocked } from '../../database/dialect.js';
import { Transactions } from '../../database/transactions.js';
import { ScheduledJob } from '../../jobs/scheduled-job.js';
import { Order, OrderStatus } from '../entities/order.entity.js';
import { NEXT_STATUSES } from '../order-status.js';
import { OrdersService } from '../orders.service.js';
import { OrderPayment } from './entities/order-payment.entity.js';
import { OPEN_STATUSES, PaymentStatus } from './payment-status.js';

const CHECK_EVERY_MS = 60_000;
/** Payments released in one run at most; the rest wait a minute for the next. */
const MOST_PER_RUN = 200;

/**
 * Unpaid hosted payments give their order's stock back once their time is up (PAYMENT_RELEASE_MINUTES
 * after checkout): the payment is marked expired and the order cancelled through the state machine,
 * which puts the units back with the ledger reason "payment not received". The scheduler runs it every
 * minute on the instance holding its lease; each payment is claimed in its own transaction with FOR UPDATE SKIP LOCKED and moved
 * with a conditional update, so with several instances each payment is released exactly once, and a
 * webhook that pays it in the same instant either comes first (nothing to release) or finds it expired
 * (and takes the stock again).
 */
@Injectable()
export class PaymentReleases {
  private readonly logger = new Logger('PaymentReleases');

  constructor(
    private readonly transactions: Transactions,
    private readonly orders: OrdersService,
  ) {}

  /** The scheduler's run, where JOBS is not 0; a failed run is recorded (/admin/system) and tried at the next. */
  @ScheduledJob('payment-release', CHECK_EVERY_MS)
  async onSchedule(stopping: AbortSignal): Promise<void> {
    await this.releaseDue(new Date(), stopping);
  }

  /** Releases every open hosted payment whose time is up at `now` (until `stopping` aborts); answers the numbers of the orders released. */
  async releaseDue(now: Date, stopping?: AbortSignal): Promise<string[]> {
    const released: string[] = [];
    for (let run = 0; run < MOST_PER_RUN && !stopping?.aborted; run++) {
      const number = await this.releaseOne(now);
      if (number === null) break;
      released.push(number);
    }
    if (released.length > 0) this.logger.log({ event: 'unpaid_orders_released', orders: released });
    return released;
  }

  /** Claims and releases the first payment due, in one transaction; null when none is (or another instance is at it). */
  private async releaseOne(now: Date): Promise<string | null> {
    try {
      return await this.transactions.run(async (manager) => {
        const due = await claimingUnlocked(
          manager
            .createQueryBuilder(OrderPayment, 'p')
            .where('p.status IN (:...open)', { open: OPEN_STATUSES })
            .andWhere('p.holdStockUntil <= :now', { now })
            .orderBy('p.holdStockUntil', 'ASC')
            .limit(1),
        ).getOne();
        if (!due) return null;
        const moved = await manager.update(OrderPayment, { id: due.id, status: due.status }, { status: PaymentStatus.Expired });
        if (moved.affected !== 1) return due.orderNumber;
        const order = await manager.findOne(Order, { select: { id: true, status: true }, where: { number: due.orderNumber } });
        // An order cancelled by hand meanwhile has its units back already; one sent (by mistake) keeps them.
        if (order && NEXT_STATUSES[order.status].includes(OrderStatus.Cancelled)) {
          await this.orders.changeStatusWithin(manager, due.orderNumber, OrderStatus.Cancelled, systemActor('Payment release'), {
            note: 'No payment arrived in time; the items went back on sale',
            restockReason: StockReason.PaymentExpired,
          });
        }
        return due.orderNumber;
      });
    } catch (error) {
      // Another process on the same SQLite file is releasing (or writing): what is left waits for the next run.
      if (isDatabaseBusy(error)) return null;
      throw error;
    }
  }
}
