import { Injectable, Logger } from '@nestjs/common';
import { IsNull, LessThan } from 'typeorm';
import { Transactions } from '../database/transactions.js';
import { purgeInBatches } from '../jobs/purge.js';
import { ScheduledJob } from '../jobs/scheduled-job.js';
import { StaffInvitation } from './entities/staff-invitation.entity.js';
import { UserToken } from './entities/user-token.entity.js';

/**
 * Links that can no longer open anything leave the database: expired password-reset and email
 * verification tokens, and staff invitations that expired unaccepted (withdrawn ones included). An
 * accepted invitation stays, as the record of who joined through whose invitation.
 */
@Injectable()
export class ExpiredLinkPurge {
  private readonly logger = new Logger('ExpiredLinkPurge');

  constructor(private readonly transactions: Transactions) {}

  /** Answers how many tokens and invitations went. */
  @ScheduledJob('purge-expired-links', 60 * 60_000)
  async purge(stopping?: AbortSignal, now = new Date()): Promise<{ tokens: number; invitations: number }> {
    const tokens = await purgeInBatches(this.transactions, UserToken, { expiresAt: LessThan(now) }, stopping);
    const invitations = await purgeInBatches(this.transactions, StaffInvitation, { expiresAt: LessThan(now), acceptedAt: IsNull() }, stopping);
    if (tokens + invitations > 0) this.logger.log({ event: 'expired_links_purged', tokens, invitations });
    return { tokens, invitations };
  }
}
