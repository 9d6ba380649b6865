import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { projectRoot } from '../../src/common/paths.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { prepareDatabase } from '../../src/database/dialect.js';
import { GracefulShutdown } from '../../src/health/graceful-shutdown.js';
import { checkoutLoad, orderIntegrity, statusCounts } from '../helpers/checkout-load.js';
import { exhaustDatabase } from '../helpers/exhaust-database.js';
import { aProduct } from '../helpers/factories.js';
import { freePort } from '../helpers/free-port.js';
import { freshTestStorage, OWNER, startShop } from '../helpers/test-shop.js';

const STOCK = 10_000;

/** The JSON lines a process writes on standard output, as they come. */
function logOf(child: ChildProcess): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = rest + chunk.toString('utf8');
    const complete = text.split('\n');
    rest = complete.pop() ?? '';
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return lines;
}

async function untilReady(baseUrl: string, child: ChildProcess): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    if (child.exitCode !== null) throw new Error(`the shop exited with ${child.exitCode} before it was ready`);
    const ready = await fetch(`${baseUrl}/health/ready`).catch(() => undefined);
    if (ready?.status === 200) return;
    await sleep(100);
  }
  throw new Error('the shop did not become ready within a minute');
}

describe('a real shop process told to stop (SIGTERM) in the middle of a checkout load', () => {
  beforeAll(() => {
    // The process runs the compiled shop, as `npm start` and the Docker image do.
    const build = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  }, 180_000);

  it('finishes the requests in flight, then stops its workers and closes the database: every confirmed order is there, whole, and nothing answered 500', async () => {
    // The database, migrated, with the owner and one product of plenty of stock, made by a shop in this process, then closed.
    const storage = freshTestStorage();
    const setup = await startShop(storageEnv(storage.config));
    const product = await aProduct(setup, { stock: STOCK });
    await setup.close();

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [path.join(projectRoot, 'dist/src/main.js')], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'info',
        SHUTDOWN_GRACE_MS: '10000',
        ...storageEnv(storage.config),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = logOf(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
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

      expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
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

/** What the spawned shop needs to find the same database and owner as the setup shop. */
function storageEnv(config: ReturnType<typeof freshTestStorage>['config']): Record<string, string> {
  return {
    VAR_DIR: config.varDir,
    SEED_DEMO: '0',
    ADMIN_EMAIL: OWNER.email,
    ADMIN_PASSWORD: OWNER.password,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...(config.database.driver === 'sqlite' ? {} : { DATABASE_URL: config.database.url }),
  };
}
