import { ScheduledJob } from '../jobs/scheduled-job.js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { VariantLookups } from '../catalog/variant-lookups.service.js';
import { NotFoundError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { isDatabaseBusy } from '../database/database-errors.js';
import { Transactions } from '../database/transactions.js';
import { MailService } from '../mail/mail.service.js';
import { StockAlert } from './entities/stock-alert.entity.js';

const CHECK_EVERY_MS = 5 * 60_000;
/** Variants looked at in one run; the rest wait for the next. */
const VARIANTS_PER_RUN = 500;

/** What asking for a back-in-stock email did, for the product page's message. */
export interface StockAlertAnswer {
  outcome: 'subscribed' | 'in_stock';
  productSlug: string;
  /** The product and variant, as a shopper reads them: "Ravi Kurta (M / Indigo)". */
  description: string;
}

/**
 * "Email me when it is back": one alert per address and sold-out variant; when the variant has stock
 * again, one email through the outbox, and the alert is deleted (forgotten). The job runs on one
 * instance at a time (its lease), and each alert is claimed by deleting it in the transaction that queues its email (a delete
 * that finds the row gone affects nothing and sends nothing), so it is sent once however many race.
 */
@Injectable()
export class StockAlerts {
  private readonly logger = new Logger('StockAlerts');

  constructor(
    private readonly transactions: Transactions,
    private readonly variants: VariantLookups,
    private readonly mail: MailService,
    @InjectRepository(StockAlert) private readonly alerts: Repository<StockAlert>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Asks for one email when this variant is back; asking again changes nothing. A variant in stock now is said so instead. */
  async subscribe(variantId: number, email: string): Promise<StockAlertAnswer> {
    const variant = (await this.variants.summarize([variantId])).get(variantId);
    if (!variant || !variant.available) throw new NotFoundError('That size');
    const answer = { productSlug: variant.productSlug, description: `${variant.productName} (${variant.label})` };
    if (variant.stock > 0) return { ...answer, outcome: 'in_stock' };
    await this.alerts.createQueryBuilder().insert().values({ variantId, email: email.trim().toLowerCase() }).orIgnore().execute();
    return { ...answer, outcome: 'subscribed' };
  }

  /** The scheduler's run, once across instances where JOBS is not 0; a failed run is recorded (/admin/system) and tried at the next. */
  @ScheduledJob('back-in-stock', CHECK_EVERY_MS)
  async onSchedule(): Promise<void> {
    await this.sendDue();
  }

  /** Queues the email of every alert whose variant has stock again; answers how many were queued. */
  async sendDue(): Promise<number> {
    const waiting = await this.alerts
      .createQueryBuilder('a')
      .select('a.variantId', 'variantId')
      .groupBy('a.variantId')
      .orderBy('MIN(a.id)', 'ASC')
      .limit(VARIANTS_PER_RUN)
      .getRawMany<{ variantId: number | string }>();
    const summaries = await this.variants.summarize(waiting.map((row) => Number(row.variantId)));
    const back = [...summaries.values()].filter((variant) => variant.available && variant.stock > 0);
    let sent = 0;
    for (const variant of back) {
      const alerts = await this.alerts.find({ select: { id: true, email: true }, where: { variantId: variant.variantId }, order: { id: 'ASC' } });
      for (const alert of alerts) {
        try {
          const queued = await this.transactions.run(async (manager) => {
            const claimed = await manager.delete(StockAlert, { id: alert.id });
            if (claimed.affected !== 1) return false;
            await this.mail.enqueue(manager, {
              kind: 'back_in_stock',
              to: alert.email,
              variables: { product: variant.productName, variant: variant.label, productUrl: `${this.config.publicUrl}/products/${variant.productSlug}` },
            });
            return true;
          });
          if (queued) sent += 1;
        } catch (error) {
          // Another process on the same SQLite file is writing: this alert waits for the next run.
          if (!isDatabaseBusy(error)) throw error;
        }
      }
    }
    if (sent > 0) this.logger.log({ event: 'back_in_stock_queued', emails: sent });
    return sent;
  }
}
