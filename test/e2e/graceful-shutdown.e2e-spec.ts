import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { prepareDatabase } from '../../src/database/dialect.js';
import { GracefulShutdown } from '../../src/health/graceful-shutdown.js';
import { checkoutLoad, orderIntegrity, statusCounts } from '../helpers/checkout-load.js';
import { exhaustDatabase } from '../helpers/exhaust-database.js';
import { aProduct } from '../helpers/factories.js';
import { buildShop, spawnShop, untilReady } from '../helpers/shop-process.js';
import { freshTestStorage, startShop, storageEnv } from '../helpers/test-shop.js';

const STOCK = 10_000;

describe('a real shop process told to stop (SIGTERM) in the middle of a checkout load', () => {
  // The process runs the compiled shop, as `npm start` and the Docker image do.
  beforeAll(buildShop, 180_000);

  it('finishes the requests in flight, then stops its workers and closes the database: every confirmed order is there, whole, and nothing answered 500', async () => {
    // The database, migrated, with the owner and one product of plenty of stock, made by a shop in this process, then closed.
    const storage = freshTestStorage();
    const setup = await startShop(storageEnv(storage.config));
    const product = await aProduct(setup, { stock: STOCK });
    await setup.close();

    const shop = await spawnShop({ LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '10000', ...storageEnv(storage.config) });
    const { child, baseUrl, log, exited } = shop;
    let verify: DataSource | undefined;
    try {
      await untilReady(baseUrl, child);
      const load = checkoutLoad(baseUrl, product, 12, { untilNoAnswer: true });
      while (load.tally.confirmed.size < 20 && load.tally.noAnswer.length === 0) await sleep(20);

      const signalledAt = Date.now();
      child.kill('SIGTERM');
      const [code, signal] = await exited;
      const exitedAt = Date.now();
      await load.stop();

      verify = await new DataSource(dataSourceOptions(await prepareDatabase(storage.config.database))).initialize();
      const found = await orderIntegrity(verify, product, STOCK);
      const shown = [...load.tally.confirmed, ...load.tally.redirected];
      const report = {
        ordersShownConfirmed: load.tally.confirmed.size,
        ordersRedirectedToConfirmation: load.tally.redirected.size,
        ordersFound: found.numbers.size,
        answersByStatus: statusCounts(load.tally),
        answersAfterSigterm: statusCounts(load.tally, signalledAt),
        sigtermToExitMs: exitedAt - signalledAt,
        driver: storage.config.database.driver,
      };
      console.log(`graceful shutdown: ${JSON.stringify(report)}`);

      expect({ code, signal, stderr: shop.stderr() }).toEqual({ code: 0, signal: null, stderr: '' });
      expect(shown.filter((number) => !found.numbers.has(number))).toEqual([]);
      expect(found.halfWritten).toEqual([]);
      expect(found.stockTaken).toBe(found.unitsOrdered);
      expect(load.tally.answers.filter((answer) => answer.status >= 500)).toEqual([]);
      // Requests that were in flight when the signal came were answered, not dropped.
      expect(load.tally.answers.filter((answer) => answer.at > signalledAt && answer.status < 400).length).toBeGreaterThan(0);
      // In this order: drained, then the jobs (the outbox worker among them) stopped, then everything closed; nothing was cut.
      const steps = log.filter((line) => typeof line.event === 'string' && /^(shutdown_|requests_drained|jobs_stopped)/.test(line.event));
      expect(steps.map((line) => line.event)).toEqual(['shutdown_started', 'requests_drained', 'jobs_stopped', 'shutdown_complete']);
      expect(steps[1]).toMatchObject({ cut: 0 });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await verify?.destroy();
      await storage.remove();
    }
  });
});

describe('readiness while the shop closes', () => {
  it('answers 503 to a readiness probe as soon as the shutdown begins, even one already asking the database', async () => {
    const shop = await startShop({ DB_POOL_SIZE: '1' });
    const busy = await exhaustDatabase(shop);
    const arrived = once(shop.app.getHttpServer(), 'request');
    const probe = fetch(`${shop.baseUrl}/health/ready`);
    await arrived;
    const closing = shop.get(GracefulShutdown).close(shop.app, 'SIGTERM');
    await busy.release();
    const answer = await probe;
    expect({ status: answer.status, body: (await answer.json()) as unknown }).toEqual({
      status: 503,
      body: expect.objectContaining({ status: 503, title: 'The shop is shutting down.' }),
    });
    await closing;
    await shop.close();
  });
});
