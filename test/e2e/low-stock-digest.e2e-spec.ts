import { SchedulerRegistry } from '@nestjs/schedule';
import { LOW_STOCK_DIGEST, LowStockDigest } from '../../src/admin/low-stock-digest.service.js';
import { InventoryService } from '../../src/catalog/inventory.service.js';
import { StockReason } from '../../src/catalog/stock-reason.js';
import { Transactions } from '../../src/database/transactions.js';
import { JobRun } from '../../src/jobs/entities/job-run.entity.js';
import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { OutboxWorker } from '../../src/mail/outbox.worker.js';
import { aProduct } from '../helpers/factories.js';
import { startShopWithMail, type ShopWithMail } from '../helpers/mail-shop.js';
import { mailText } from '../helpers/smtp.js';
import { onMySql, OWNER, sameDatabaseAs, startShop, type TestShop } from '../helpers/test-shop.js';

/**
 * Both instances' runs at the same moment on MySQL/MariaDB. On SQLite one after the other: better-sqlite3
 * waits for another connection's write lock synchronously, so two instances in one test process cannot
 * overlap (the waiting one would block the very event loop the other needs to commit). Two processes
 * do overlap, and the busy timeout has the second wait for the first's commit and then find the claim.
 */
async function atOnce<T>(runs: (() => Promise<T>)[]): Promise<T[]> {
  if (onMySql()) return Promise.all(runs.map((run) => run()));
  const outcomes: T[] = [];
  for (const run of runs) outcomes.push(await run());
  return outcomes;
}

/** The owner's daily low-stock digest: through the outbox to a real SMTP server, once a day even with two instances. */
describe('the daily low-stock digest', () => {
  let mail: ShopWithMail;
  let shop: TestShop;

  beforeEach(async () => {
    mail = await startShopWithMail();
    shop = mail.shop;
  });
  afterEach(() => mail.close());

  const digests = () => shop.dataSource.getRepository(OutboxMessage).findBy({ kind: LOW_STOCK_DIGEST });
  const claims = () => shop.dataSource.getRepository(JobRun).findBy({ job: LOW_STOCK_DIGEST });
  /** A kurta in S, M, L with S sold out and M down to 2: two lines running low and a broken size run. */
  async function someStockRunsLow(): Promise<void> {
    const kurta = await aProduct(shop, { name: 'Angrakha Kurta', stock: 5, sizes: ['S', 'M', 'L'] });
    const inventory = shop.get(InventoryService);
    await shop.get(Transactions).run(async (manager) => {
      await inventory.changeStock(manager, kurta.variantIds[0], -5, StockReason.Damaged, null);
      await inventory.changeStock(manager, kurta.variantIds[1], -3, StockReason.Damaged, null);
    });
  }

  it('is queued by exactly one of two instances running the job for the same day at once, and reaches the owner', async () => {
    await someStockRunsLow();
    const second = await startShop({ ...sameDatabaseAs(shop), SMTP_URL: mail.smtp.url, MAIL_WORKER: '0' });
    try {
      const outcomes = await atOnce([() => shop.get(LowStockDigest).send('2026-11-27'), () => second.get(LowStockDigest).send('2026-11-27')]);

      expect(outcomes.sort()).toEqual([false, true]);
    } finally {
      await second.close();
    }
    expect(await digests()).toHaveLength(1);
    expect(await claims()).toEqual([expect.objectContaining({ period: '2026-11-27' })]);

    expect(await shop.get(OutboxWorker).deliverDue()).toBe(1);
    expect(mail.smtp.received).toHaveLength(1);
    const [received] = mail.smtp.received;
    expect(received.to).toEqual([OWNER.email]);
    expect(received.raw).toContain('Subject: Low stock on 2026-11-27: 2 running low, 1 broken size run');
    const text = mailText(received);
    expect(text).toMatch(/Angrakha Kurta \(S \/ Indigo\), SKU \S+: sold out/);
    expect(text).toMatch(/Angrakha Kurta \(M \/ Indigo\), SKU \S+: 2 left/);
    expect(text).toContain('Angrakha Kurta in Indigo: sold out in S; in stock in M, L');
    expect(text).toContain(`${shop.config.publicUrl}/admin/inventory`);
  });

  it('is not queued twice for the same day, but again the next day', async () => {
    await someStockRunsLow();
    const digest = shop.get(LowStockDigest);

    expect(await digest.send('2026-11-27')).toBe(true);
    expect(await digest.send('2026-11-27')).toBe(false);
    expect(await digest.send('2026-11-28')).toBe(true);

    expect((await digests()).length).toBe(2);
  });

  it('sends nothing, and claims nothing, when nothing runs low', async () => {
    await aProduct(shop, { stock: 20, sizes: ['S', 'M'] });

    expect(await shop.get(LowStockDigest).send('2026-11-27')).toBe(false);

    expect(await digests()).toEqual([]);
    expect(await claims()).toEqual([]);
    await shop.get(OutboxWorker).deliverDue();
    expect(mail.smtp.received).toEqual([]);
  });

  it('is due from 08:00 in the store’s time zone (Asia/Karachi, UTC+5)', async () => {
    await someStockRunsLow();
    const digest = shop.get(LowStockDigest);

    expect(await digest.sendIfDue(new Date('2026-11-27T02:59:00Z'))).toBe(false);
    expect(await digest.sendIfDue(new Date('2026-11-27T03:00:00Z'))).toBe(true);
    expect(await claims()).toEqual([expect.objectContaining({ period: '2026-11-27' })]);
  });

  it('is checked on a timer where jobs are on (tests start with JOBS=0 and drive it themselves)', async () => {
    expect(shop.config.jobsEnabled).toBe(false);
    const scheduled = await startShop({ JOBS: '1', MAIL_WORKER: '0' });
    try {
      expect(scheduled.get(SchedulerRegistry).getIntervals()).toContain('low-stock-digest');
    } finally {
      await scheduled.close();
    }
  });
});
