import { Injectable, Logger } from '@nestjs/common';
import { In, IsNull, LessThan } from 'typeorm';
import { Transactions } from '../database/transactions.js';
import { daysBefore, KEEP_DAYS, purgeInBatches } from '../jobs/purge.js';
import { ScheduledJob } from '../jobs/scheduled-job.js';
import { CartLine } from './entities/cart-line.entity.js';
import { Cart } from './entities/cart.entity.js';

/**
 * Guest carts nobody has touched for KEEP_DAYS go, with their lines: a visitor's cart lives in a
 * cookie-bound session long gone by then. An account's cart stays. A cart touched while the purge
 * runs (every add locks its cart by touching it) no longer matches and is kept; one deleted first
 * makes that add open a new cart.
 */
@Injectable()
export class GuestCartPurge {
  private readonly logger = new Logger('GuestCartPurge');

  constructor(private readonly transactions: Transactions) {}

  /** Answers how many carts went. */
  @ScheduledJob('purge-guest-carts', 60 * 60_000)
  async purge(stopping?: AbortSignal, now = new Date()): Promise<number> {
    const before = LessThan(daysBefore(now, KEEP_DAYS));
    const untouched = [
      { userId: IsNull(), updatedAt: before },
      { userId: IsNull(), updatedAt: IsNull(), createdAt: before },
    ];
    const purged = await purgeInBatches(this.transactions, Cart, untouched, stopping, (manager, gone) =>
      gone.length ? manager.delete(CartLine, { cartId: In(gone) }) : Promise.resolve(),
    );
    if (purged > 0) this.logger.log({ event: 'guest_carts_purged', carts: purged });
    return purged;
  }
}
