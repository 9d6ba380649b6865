import { Inject, Injectable, Logger } from '@nestjs/common';
import { StaffService } from '../auth/staff.service.js';
import { StockReports, type BrokenSizeRun, type StockRow } from '../catalog/stock-reports.service.js';
import { dayOf, startOfDay } from '../common/store-calendar.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Transactions } from '../database/transactions.js';
import { JobRuns } from '../jobs/job-runs.service.js';
import { ScheduledJob } from '../jobs/scheduled-job.js';
import type { LowStockDigestVariables } from '../mail/kinds/stock-emails.js';
import { MailService } from '../mail/mail.service.js';

/** The job's name in job_run, and the kind of its email in the outbox. */
export const LOW_STOCK_DIGEST = 'low_stock_digest';
/** From this hour of the store's day the day's digest is due (or as soon after as an instance is running). */
const DUE_FROM_HOUR = 8;
const CHECK_EVERY_MS = 10 * 60_000;
/** Lines of each list in the email; the rest are counted and a link leads to them all. */
const LINES = 30;

/**
 * The owner's daily low-stock digest: what runs low and the broken size runs, by email through the
 * outbox, once a day however many instances run. The instance holding the job's lease checks every
 * ten minutes; from 08:00 in the store's time zone it claims the day in job_run and queues the email
 * in the same transaction, and any other that gets there (a new lease holder) finds the day taken. A day with nothing low sends nothing (and claims
 * nothing, so stock that runs low later that day still gets its digest).
 */
@Injectable()
export class LowStockDigest {
  private readonly logger = new Logger('LowStockDigest');

  constructor(
    private readonly transactions: Transactions,
    private readonly jobs: JobRuns,
    private readonly stock: StockReports,
    private readonly staff: StaffService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The scheduler's check, where JOBS is not 0; a failed try is recorded (/admin/system) and tried again at the next. */
  @ScheduledJob('low-stock-digest', CHECK_EVERY_MS)
  async onSchedule(): Promise<void> {
    await this.sendIfDue(new Date());
  }

  /** Sends the day's digest if it is 08:00 or later in the store and nobody has; true when this call queued it. */
  async sendIfDue(now: Date): Promise<boolean> {
    const zone = this.config.storeTimeZone;
    const today = dayOf(zone, now);
    if (now.getTime() - startOfDay(zone, today).getTime() < DUE_FROM_HOUR * 3_600_000) return false;
    return this.send(today);
  }

  /** Queues the digest of `day` to the owner unless it was queued already or nothing is low; true when this call queued it. */
  async send(day: string): Promise<boolean> {
    const [lowStock, brokenRuns, team] = await Promise.all([this.stock.lowStock(1, LINES), this.stock.brokenSizeRuns(LINES), this.staff.list()]);
    if (lowStock.total === 0 && brokenRuns.total === 0) return false;
    const owners = team.filter((member) => member.isOwner).map((member) => member.email);
    const variables = digestOf(day, { rows: lowStock.items, total: lowStock.total }, brokenRuns, `${this.config.publicUrl}/admin/inventory`);
    const queued = await this.transactions.run(async (manager) => {
      if (!(await this.jobs.claim(manager, LOW_STOCK_DIGEST, day))) return false;
      for (const to of owners) await this.mail.enqueue(manager, { kind: 'low_stock_digest', to, variables });
      return true;
    });
    if (queued) this.logger.log({ event: 'low_stock_digest_queued', day, lowStock: lowStock.total, brokenSizeRuns: brokenRuns.total });
    return queued;
  }
}

/** The digest's values: the lists as listed, and counted words for the subject. */
function digestOf(
  day: string,
  lowStock: { rows: StockRow[]; total: number },
  brokenRuns: { runs: BrokenSizeRun[]; total: number },
  inventoryUrl: string,
): LowStockDigestVariables {
  return {
    day,
    lowStockSummary: `${lowStock.total} running low`,
    brokenRunSummary: `${brokenRuns.total} broken size ${brokenRuns.total === 1 ? 'run' : 'runs'}`,
    lowStock: lowStock.rows.map((row) => ({
      product: row.productName,
      variant: row.label,
      sku: row.sku,
      left: row.soldOut ? 'sold out' : `${row.stock} left`,
    })),
    moreLowStock: Math.max(0, lowStock.total - lowStock.rows.length),
    brokenRuns: brokenRuns.runs.map((run) => ({
      product: `${run.productName}${run.colour ? ` in ${run.colour}` : ''}`,
      soldOutSizes: run.soldOutSizes.join(', '),
      inStockSizes: run.inStockSizes.join(', '),
    })),
    moreBrokenRuns: Math.max(0, brokenRuns.total - brokenRuns.runs.length),
    inventoryUrl,
  };
}
