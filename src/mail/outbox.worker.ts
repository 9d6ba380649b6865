import { Inject, Injectable, Logger } from '@nestjs/common';
import { In, IsNull, LessThan, LessThanOrEqual, type QueryDeepPartialEntity } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { claimingUnlocked } from '../database/dialect.js';
import { Transactions } from '../database/transactions.js';
import { JobScheduler } from '../jobs/job-scheduler.service.js';
import { OutboxMessage, OutboxStatus } from './entities/outbox-message.entity.js';
import { mailTransportFor, type MailTransport } from './mail-transport.js';

const BATCH = 10;
const POLL_MS = 2_000;
/** After this many failed sends a message stays in the table as failed and is not tried again. */
export const MAX_ATTEMPTS = 12;
/** A claim older than this is taken to belong to a worker that died mid-send. */
export const LEASE_MS = 5 * 60_000;

/**
 * Sends what the outbox holds. Rows are claimed in a short transaction (SKIP LOCKED on MySQL/MariaDB, so
 * several instances never take the same row; on SQLite the one writer makes the claim atomic), sent
 * outside it, then marked sent, or given back with a growing delay, as long as the row still carries the
 * claim (a send that outlived its lease may have been taken over). A message is never dropped: after
 * the last attempt it stays in the table as failed, for the owner to see.
 *
 * It runs in every instance (MAIL_WORKER=0 turns it off), without the scheduler's lease: the claims
 * already keep two instances from sending one message, and several senders keep mail flowing when
 * one instance is busy or its SMTP connection is slow. On shutdown the scheduler stops it between
 * two batches, and a batch in flight finishes while the database pool is still open.
 */
@Injectable()
export class OutboxWorker {
  private readonly logger = new Logger('Outbox');
  private readonly transport: MailTransport;
  private running?: Promise<number>;

  constructor(
    private readonly transactions: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    scheduler: JobScheduler,
  ) {
    this.transport = mailTransportFor(config);
    scheduler.register({
      name: 'outbox-delivery',
      everyMs: POLL_MS,
      perInstance: true,
      enabled: config.mail.workerEnabled,
      run: (stopping) => this.deliverDue(new Date(), stopping),
    });
  }

  /** The emails waiting to be sent (pending, due or retrying later), and when the oldest of them was queued. */
  async backlog(): Promise<{ messages: number; oldestQueuedAt: Date | null }> {
    const outbox = this.transactions.repository(OutboxMessage);
    const [messages, oldest] = await Promise.all([
      outbox.countBy({ status: OutboxStatus.Pending }),
      outbox.findOne({ where: { status: OutboxStatus.Pending }, order: { id: 'ASC' }, select: { id: true, createdAt: true } }),
    ]);
    return { messages, oldestQueuedAt: oldest?.createdAt ?? null };
  }

  /**
   * Delivers every message due by `now`, batch after batch, until `stopping` aborts; returns how many
   * were sent. One run at a time per process.
   */
  deliverDue(now = new Date(), stopping?: AbortSignal): Promise<number> {
    this.running ??= this.deliverAll(now, stopping).finally(() => (this.running = undefined));
    return this.running;
  }

  private async deliverAll(now: Date, stopping?: AbortSignal): Promise<number> {
    let sent = 0;
    while (!stopping?.aborted) {
      const claimed = await this.claim(now);
      if (claimed.length === 0) return sent;
      for (const message of claimed) sent += (await this.deliver(message, now)) ? 1 : 0;
    }
    return sent;
  }

  private claim(now: Date): Promise<ClaimedMessage[]> {
    return this.transactions.run(async (manager) => {
      const due = manager
        .createQueryBuilder(OutboxMessage, 'm')
        .where({ status: OutboxStatus.Pending, nextAttemptAt: LessThanOrEqual(now) })
        .andWhere([{ claimedAt: IsNull() }, { claimedAt: LessThan(new Date(now.getTime() - LEASE_MS)) }])
        .orderBy('m.id', 'ASC')
        .limit(BATCH);
      const rows = await claimingUnlocked(due).getMany();
      const claimedAt = new Date();
      if (rows.length > 0) await manager.update(OutboxMessage, { id: In(rows.map((r) => r.id)) }, { claimedAt });
      return rows.map((row) => Object.assign(row, { claimedAt }));
    });
  }

  private async deliver(message: ClaimedMessage, now: Date): Promise<boolean> {
    let failure: Error | undefined;
    try {
      await this.transport.send({
        from: this.config.mail.from,
        to: message.recipient,
        subject: message.subject,
        text: message.body,
        html: message.html ?? undefined,
        messageId: `<outbox-${message.id}@anarkali>`,
      });
    } catch (error) {
      failure = error as Error;
    }
    const attempts = message.attempts + 1;
    const outcome: QueryDeepPartialEntity<OutboxMessage> = failure
      ? retryAfter(failure, attempts, now)
      : { status: OutboxStatus.Sent, sentAt: new Date(), claimedAt: null, attempts };
    if (!(await this.settle(message, outcome))) {
      this.logger.warn({ event: 'mail_lease_lost', outboxId: message.id, delivered: failure === undefined });
      return false;
    }
    if (failure) {
      this.logger.warn({ event: 'mail_retry', outboxId: message.id, attempts, error: failure.message });
      return false;
    }
    this.logger.log({ event: 'mail_sent', kind: message.kind, outboxId: message.id });
    return true;
  }

  /**
   * Records how a send went, only while the row still carries this worker's claim. A send that outlived
   * its lease may have been taken over and sent by another instance since: writing over that instance's
   * outcome would mark a message sent twice, or put one it sent back in the queue to go out again.
   */
  private async settle(message: ClaimedMessage, outcome: QueryDeepPartialEntity<OutboxMessage>): Promise<boolean> {
    const { affected } = await this.transactions.repository(OutboxMessage).update({ id: message.id, claimedAt: message.claimedAt }, outcome);
    return affected === 1;
  }
}

/** A message this worker claimed, with the claim's time as written: the mark of its claim on the row. */
type ClaimedMessage = OutboxMessage & { claimedAt: Date };

/** A failed send goes back in the queue with a growing delay, or stays as failed after the last attempt. */
function retryAfter(error: Error, attempts: number, now: Date): QueryDeepPartialEntity<OutboxMessage> {
  const delayMs = Math.min(2 ** attempts * 15_000, 60 * 60_000);
  // Counted from the run's `now` when that is later than the clock: a run delivering as of a later
  // time must not find the message due again in its next batch and spend every attempt at once.
  const failedAt = Math.max(now.getTime(), Date.now());
  return {
    attempts,
    claimedAt: null,
    nextAttemptAt: new Date(failedAt + delayMs),
    status: attempts >= MAX_ATTEMPTS ? OutboxStatus.Failed : OutboxStatus.Pending,
    lastError: String(error.message).slice(0, 500),
  };
}
