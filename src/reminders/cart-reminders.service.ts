import { ScheduledJob } from '../jobs/scheduled-job.js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthService } from '../auth/auth.service.js';
import { type AbandonedCart, CartService } from '../cart/cart.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { isDatabaseBusy } from '../database/database-errors.js';
import { Transactions } from '../database/transactions.js';
import { MailService } from '../mail/mail.service.js';
import { Unsubscribes } from './unsubscribes.service.js';

const CHECK_EVERY_MS = 10 * 60_000;
const MOST_PER_RUN = 200;
/** A cart older than this is not reminded of at all: a reminder months later (after an upgrade, say) is only noise. */
const OLDEST_REMINDED_DAYS = 7;

/**
 * The abandoned-cart reminder: a cart untouched for CART_REMINDER_HOURS, holding something, whose shopper
 * is signed in or gave an email at checkout, gets one email through the outbox, with a link to stop them.
 * It runs on one instance at a time (its lease), and each cart is claimed in the transaction that queues its email (CartService.
 * claimAbandoned: SKIP LOCKED, then a conditional update of reminderSentAt), so it is reminded once. A cart
 * emptied by an order may be reminded again when it is filled and left again.
 */
@Injectable()
export class CartReminders {
  private readonly logger = new Logger('CartReminders');

  constructor(
    private readonly transactions: Transactions,
    private readonly carts: CartService,
    private readonly auth: AuthService,
    private readonly mail: MailService,
    private readonly unsubscribes: Unsubscribes,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The scheduler's run, once across instances where JOBS is not 0; a failed run is recorded (/admin/system) and tried at the next. */
  @ScheduledJob('abandoned-cart-reminder', CHECK_EVERY_MS)
  async onSchedule(): Promise<void> {
    await this.sendDue(new Date());
  }

  /** Reminds every cart due at `now`; answers the ids of the carts whose reminder was queued. */
  async sendDue(now: Date): Promise<number[]> {
    const until = new Date(now.getTime() - this.config.reminders.cartReminderHours * 3_600_000);
    const after = new Date(until.getTime() - OLDEST_REMINDED_DAYS * 24 * 3_600_000);
    const reminded: number[] = [];
    for (let run = 0; run < MOST_PER_RUN; run++) {
      const outcome = await this.remindOne({ after, until }, now);
      if (outcome === null) break;
      if (outcome.sent) reminded.push(outcome.cartId);
    }
    if (reminded.length > 0) this.logger.log({ event: 'cart_reminders_queued', carts: reminded.length });
    return reminded;
  }

  private async remindOne(untouched: { after: Date; until: Date }, now: Date): Promise<{ cartId: number; sent: boolean } | null> {
    try {
      return await this.transactions.run(async (manager) => {
        const cart = await this.carts.claimAbandoned(manager, untouched, now);
        if (!cart) return null;
        const recipient = cart.claimed ? await this.recipientOf(manager, cart) : null;
        // Claimed all the same when nobody is to be told (unsubscribed, an account since removed): it is not looked at again.
        if (!recipient || (await this.unsubscribes.isUnsubscribedWithin(manager, recipient.email))) return { cartId: cart.cartId, sent: false };
        await this.mail.enqueue(manager, {
          kind: 'cart_reminder',
          to: recipient.email,
          variables: {
            name: recipient.name,
            lines: cart.lines.map((line) => ({ quantity: line.quantity, product: line.productName, variant: line.label })),
            cartUrl: `${this.config.publicUrl}/cart`,
            unsubscribeUrl: this.unsubscribes.urlFor(recipient.email),
          },
        });
        return { cartId: cart.cartId, sent: true };
      });
    } catch (error) {
      // Another process on the same SQLite file is writing: what is left waits for the next run.
      if (isDatabaseBusy(error)) return null;
      throw error;
    }
  }

  private async recipientOf(manager: EntityManager, cart: AbandonedCart): Promise<{ email: string; name: string } | null> {
    if (cart.userId === null) return cart.email ? { email: cart.email, name: '' } : null;
    const user = await this.auth.findSessionUserWithin(manager, cart.userId);
    return user ? { email: user.email, name: user.name } : null;
  }
}
