import { ScheduledJob } from '../../jobs/scheduled-job.js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { systemActor } from '../../audit/actor.js';
import { StockReason } from '../../catalog/stock-reason.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { isDatabaseBusy } from '../../database/database-errors.js';
import { claimingUnlocked } from '../../database/dialect.js';
import { Transactions } from '../../database/transactions.js';
import { Order, OrderStatus } from '../entities/order.entity.js';
import { StatusChangeNotAllowedError } from '../orders.errors.js';
import { OrdersService } from '../orders.service.js';

const CHECK_EVERY_MS = 5 * 60_000;
/** Orders cancelled in one run at most; the rest wait for the next. */
const MOST_PER_RUN = 200;

/**
 * Risky cash-on-delivery orders nobody confirmed within COD_CONFIRMATION_HOURS are cancelled through the
 * state machine: their units go back on the shelf (ledger reason "not confirmed"), a coupon's use is
 * given back, the history says why. It runs on one instance at a time (its lease), and each order is claimed in its own transaction
 * with FOR UPDATE SKIP LOCKED and moved with the state machine's conditional update, so with several
 * instances (or a customer confirming in the same instant) each order is cancelled at most once.
 */
@Injectable()
export class CodConfirmationExpiry {
  private readonly logger = new Logger('CodConfirmationExpiry');

  constructor(
    private readonly transactions: Transactions,
    private readonly orders: OrdersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The scheduler's run, once across instances where JOBS is not 0; a failed run is recorded (/admin/system) and tried at the next. */
  @ScheduledJob('cod-confirmation-expiry', CHECK_EVERY_MS)
  async onSchedule(): Promise<void> {
    await this.cancelDue(new Date());
  }

  /** Cancels every order still awaiting confirmation that was placed COD_CONFIRMATION_HOURS before `now`; answers their numbers. */
  async cancelDue(now: Date): Promise<string[]> {
    const placedBefore = new Date(now.getTime() - this.config.reminders.codConfirmationHours * 3_600_000);
    const cancelled: string[] = [];
    for (let run = 0; run < MOST_PER_RUN; run++) {
      const outcome = await this.cancelOne(placedBefore);
      if (outcome === null) break;
      if (outcome.cancelled) cancelled.push(outcome.number);
    }
    if (cancelled.length > 0) this.logger.log({ event: 'unconfirmed_orders_cancelled', orders: cancelled });
    return cancelled;
  }

  /** Claims and cancels the oldest order due, in one transaction; null when none is (or another instance holds them). */
  private async cancelOne(placedBefore: Date): Promise<{ number: string; cancelled: boolean } | null> {
    let number: string | undefined;
    try {
      return await this.transactions.run(async (manager) => {
        const due = await claimingUnlocked(
          manager
            .createQueryBuilder(Order, 'o')
            .select(['o.id', 'o.number'])
            .where('o.status = :awaiting', { awaiting: OrderStatus.AwaitingConfirmation })
            .andWhere('o.placedAt <= :placedBefore', { placedBefore })
            .orderBy('o.placedAt', 'ASC')
            .limit(1),
        ).getOne();
        if (!due) return null;
        number = due.number;
        await this.orders.changeStatusWithin(manager, due.number, OrderStatus.Cancelled, systemActor('Confirmation expiry'), {
          note: `Not confirmed within ${this.config.reminders.codConfirmationHours} hours; the items went back on sale`,
          restockReason: StockReason.NotConfirmed,
        });
        return { number: due.number, cancelled: true };
      });
    } catch (error) {
      // Confirmed or cancelled by someone else between the claim and the move (SQLite has no row lock): nothing to do.
      if (error instanceof StatusChangeNotAllowedError && number !== undefined) return { number, cancelled: false };
      // Another process on the same SQLite file is writing: what is left waits for the next run.
      if (isDatabaseBusy(error)) return null;
      throw error;
    }
  }
}
