import { Injectable, Logger } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { Transactions } from '../database/transactions.js';
import { daysBefore, KEEP_DAYS, purgeInBatches } from '../jobs/purge.js';
import { ScheduledJob } from '../jobs/scheduled-job.js';
import { OutboxMessage, OutboxStatus } from './entities/outbox-message.entity.js';

/**
 * Delivered emails leave the outbox KEEP_DAYS after they were sent: the table stays small and the
 * worker's claims quick. Mail that failed for good stays, for the owner to see.
 */
@Injectable()
export class SentMailPurge {
  private readonly logger = new Logger('SentMailPurge');

  constructor(private readonly transactions: Transactions) {}

  /** Answers how many messages went. */
  @ScheduledJob('purge-sent-mail', 60 * 60_000)
  async purge(stopping?: AbortSignal, now = new Date()): Promise<number> {
    const old = { status: OutboxStatus.Sent, sentAt: LessThan(daysBefore(now, KEEP_DAYS)) };
    const purged = await purgeInBatches(this.transactions, OutboxMessage, old, stopping);
    if (purged > 0) this.logger.log({ event: 'sent_mail_purged', messages: purged });
    return purged;
  }
}
