import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ShopMetrics } from '../common/metrics.js';
import { Transactions } from '../database/transactions.js';
import { OutboxWorker } from '../mail/outbox.worker.js';

/** The gauges read from the shop's state on each scrape: the outbox's backlog and the database pool. */
@Injectable()
export class MetricsGauges implements OnModuleInit {
  constructor(
    private readonly metrics: ShopMetrics,
    private readonly outbox: OutboxWorker,
    private readonly transactions: Transactions,
  ) {}

  onModuleInit(): void {
    const { metrics } = this;
    // The pool first: gauges are read in this order, and the outbox's queries would otherwise be counted as waiting.
    metrics.gauge('shop_db_pool_size', 'Connections the database pool may open (SQLite: its one connection)', () => this.transactions.poolUsage().size);
    metrics.gauge('shop_db_pool_in_use', 'Database connections lent to requests and jobs', () => this.transactions.poolUsage().inUse);
    metrics.gauge('shop_db_pool_waiting', 'Requests and jobs waiting for a database connection', () => this.transactions.poolUsage().waiting);
    metrics.gauge('shop_outbox_pending_messages', 'Emails in the outbox waiting to be sent', async () => (await this.outbox.backlog()).messages);
    metrics.gauge('shop_outbox_oldest_pending_age_seconds', 'How long the oldest email waiting in the outbox has waited', async () => {
      const { oldestQueuedAt } = await this.outbox.backlog();
      return oldestQueuedAt ? Math.max(0, (Date.now() - oldestQueuedAt.getTime()) / 1000) : 0;
    });
  }
}
