import { SchedulerRegistry } from '@nestjs/schedule';
import { registerAndSignIn } from '../helpers/accounts.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { addStaffMember, signedInOwner } from '../helpers/staff.js';
import { sameDatabaseAs, shopsClosedAfterEach, startShop, type TestShop } from '../helpers/test-shop.js';
import { JobLease } from '../../src/jobs/entities/job-lease.entity.js';
import { JobScheduler } from '../../src/jobs/job-scheduler.service.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A lease outlasts its period by this much in these tests, instead of a minute. */
const LEASE_MS = 500;

describe('the one scheduler', () => {
  const open = shopsClosedAfterEach();
  const schedulerOf = (shop: TestShop) => shop.get(JobScheduler);
  const leaseOf = (shop: TestShop, name: string) => shop.dataSource.getRepository(JobLease).findOneBy({ name });

  /** Two instances of one shop on one database, their timers off (JOBS=0): the test runs the jobs. */
  async function twoInstances(env: Record<string, string> = {}): Promise<[TestShop, TestShop]> {
    const first = await open({ MAIL_WORKER: '0', JOB_LEASE_MS: String(LEASE_MS), ...env });
    const second = await open({ MAIL_WORKER: '0', JOB_LEASE_MS: String(LEASE_MS), ...env, ...sameDatabaseAs(first) });
    return [first, second];
  }

  it('runs a once-job on only one of two instances, and keeps it with the instance that holds the lease', async () => {
    const [a, b] = await twoInstances();
    // Both ask at the same moment, the job's row not yet made: one inserts it, the other finds it taken.
    const together = await Promise.all([schedulerOf(a).runNow('purge-guest-carts'), schedulerOf(b).runNow('purge-guest-carts')]);
    expect([...together].sort()).toEqual(['held-elsewhere', 'ran']);

    const holder = together[0] === 'ran' ? a : b;
    const other = holder === a ? b : a;
    // Period after period, the holder renews its lease and the other keeps out.
    for (let period = 0; period < 3; period++) {
      expect(await schedulerOf(other).runNow('purge-guest-carts')).toBe('held-elsewhere');
      expect(await schedulerOf(holder).runNow('purge-guest-carts')).toBe('ran');
    }
    expect(await leaseOf(a, 'purge-guest-carts')).toMatchObject({ leaseHolder: schedulerOf(holder).instanceId, lastOutcome: 'ok' });
  });

  it('on their own timers, two instances run a once-job on one of them only', async () => {
    const [a, b] = await twoInstances({ JOBS: '1', JOB_LEASE_MS: '10000' });
    const runs = { a: 0, b: 0 };
    schedulerOf(a).register({ name: 'test-timed', everyMs: 20, run: () => (runs.a += 1) });
    schedulerOf(b).register({ name: 'test-timed', everyMs: 20, run: () => (runs.b += 1) });
    while (runs.a + runs.b < 10) await sleep(20);
    expect(Math.min(runs.a, runs.b)).toBe(0);
  });

  it('lets another instance take the job over once the holder’s lease has run out (the holder died)', async () => {
    const [a, b] = await twoInstances();
    const ran: string[] = [];
    for (const [shop, name] of [
      [a, 'a'],
      [b, 'b'],
    ] as const) {
      schedulerOf(shop).register({ name: 'test-takeover', everyMs: 50, run: () => ran.push(name) });
    }

    expect(await schedulerOf(a).runNow('test-takeover')).toBe('ran');
    expect(await schedulerOf(b).runNow('test-takeover')).toBe('held-elsewhere');
    // a stops running it (as if killed): its lease lasts one period and LEASE_MS more, then b may.
    await sleep(50 + LEASE_MS + 50);
    expect(await schedulerOf(b).runNow('test-takeover')).toBe('ran');
    expect(await schedulerOf(a).runNow('test-takeover')).toBe('held-elsewhere');
    expect(ran).toEqual(['a', 'b']);
  });

  it('gives its leases back when it shuts down, after letting a run in flight finish', async () => {
    const a = await open({ MAIL_WORKER: '0', JOB_LEASE_MS: '60000' });
    const b = await startShop({ MAIL_WORKER: '0', JOB_LEASE_MS: '60000', ...sameDatabaseAs(a) });
    let stoppedCleanly = false;
    try {
      // A batched job: on b it works until the shop stops, then ends between two batches.
      schedulerOf(b).register({
        name: 'test-batches',
        everyMs: 60_000,
        run: (stopping) =>
          new Promise<void>((resolve) =>
            stopping.addEventListener('abort', () => {
              stoppedCleanly = true;
              resolve();
            }),
          ),
      });
      schedulerOf(a).register({ name: 'test-batches', everyMs: 60_000, run: () => undefined });
      expect(await schedulerOf(b).runNow('purge-sent-mail')).toBe('ran');
      void schedulerOf(b).runNow('test-batches');
      while ((await leaseOf(a, 'test-batches'))?.leaseHolder !== schedulerOf(b).instanceId) await sleep(10);
      expect(await schedulerOf(a).runNow('purge-sent-mail')).toBe('held-elsewhere');
    } finally {
      await b.close();
    }
    expect(stoppedCleanly).toBe(true);
    expect(await leaseOf(a, 'test-batches')).toMatchObject({ leaseHolder: null, lastOutcome: 'ok' });
    expect(await leaseOf(a, 'purge-sent-mail')).toMatchObject({ leaseHolder: null });
    // The lease was a minute long: only its release lets a run at once.
    expect(await schedulerOf(a).runNow('purge-sent-mail')).toBe('ran');
    expect(await schedulerOf(a).runNow('test-batches')).toBe('ran');
  });

  it('abandons a run that outlasts SHUTDOWN_GRACE_MS, keeping its lease until it runs out, and still closes', async () => {
    const a = await open({ MAIL_WORKER: '0' });
    const b = await startShop({ MAIL_WORKER: '0', SHUTDOWN_GRACE_MS: '100', ...sameDatabaseAs(a) });
    let finish!: () => void;
    const stuck = new Promise<void>((resolve) => (finish = resolve));
    schedulerOf(b).register({ name: 'test-stuck', everyMs: 60_000, run: () => stuck });
    void schedulerOf(b).runNow('test-stuck');
    while (!(await leaseOf(a, 'test-stuck'))?.leaseHolder) await sleep(10);
    await b.close();
    finish();
    // It may still be writing while the pool closes: nobody else starts it before its lease ends.
    expect(await leaseOf(a, 'test-stuck')).toMatchObject({ leaseHolder: schedulerOf(b).instanceId });
  });

  it('records each run’s start, duration and error in the database, for every instance to see', async () => {
    const [a, b] = await twoInstances();
    schedulerOf(b).register({
      name: 'test-failing',
      everyMs: 60_000,
      run: () => Promise.reject(new Error('the SMTP server said no')),
    });
    schedulerOf(a).register({ name: 'test-failing', everyMs: 60_000, run: () => undefined });
    expect(await schedulerOf(b).runNow('test-failing')).toBe('failed');
    const seenFromA = (await schedulerOf(a).overview()).find((job) => job.name === 'test-failing');
    expect(seenFromA).toMatchObject({
      once: true,
      runsHere: false,
      lastOutcome: 'failed',
      lastError: 'the SMTP server said no',
      lastRanOn: schedulerOf(b).instanceId,
      leaseHolder: schedulerOf(b).instanceId,
    });
    expect(seenFromA?.lastStartedAt).toBeInstanceOf(Date);
    expect(seenFromA?.lastDurationMs).toEqual(expect.any(Number));
  });

  it('holds every timer of the shop where jobs are on: nothing periodic runs outside it', async () => {
    const shop = await open({ JOBS: '1', MAIL_WORKER: '1' });
    const here = (await schedulerOf(shop).overview()).filter((job) => job.runsHere).map((job) => job.name);
    expect(shop.get(SchedulerRegistry).getIntervals().sort()).toEqual(here.sort());
    expect(here.sort()).toEqual([
      'abandoned-cart-reminder',
      'auth-attempt-prune',
      'back-in-stock',
      'catalog-cache-poll',
      'cod-confirmation-expiry',
      'low-stock-digest',
      'outbox-delivery',
      'payment-release',
      'purge-expired-links',
      'purge-guest-carts',
      'purge-sent-mail',
      'session-sweep',
    ]);
    expect(shop.get(SchedulerRegistry).getTimeouts()).toEqual([]);
    expect(shop.get(SchedulerRegistry).getCronJobs().size).toBe(0);
  });

  it('runs the per-instance jobs with JOBS=0 only where they must: the cache poll always, the outbox with MAIL_WORKER', async () => {
    const shop = await open({ MAIL_WORKER: '0' });
    expect(shop.get(SchedulerRegistry).getIntervals()).toEqual(['catalog-cache-poll']);
    const jobs = await schedulerOf(shop).overview();
    expect(jobs.filter((job) => !job.once).map((job) => job.name)).toEqual(['catalog-cache-poll', 'outbox-delivery']);
  });
});

describe('/admin/system', () => {
  let shop: TestShop;
  let owner: Shopper;

  beforeAll(async () => {
    shop = await startShop({ MAIL_WORKER: '0' });
    owner = await signedInOwner(shop);
  });
  afterAll(() => shop.close());

  /** The jobs' rows as a person reads them. */
  async function rows(): Promise<Record<string, string>> {
    const page = await owner.get('/admin/system');
    expect(page.status).toBe(200);
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(page.html)?.[1] ?? '';
    const found = (body.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((row) => textOf(row).replace(/\s+/g, ' ').trim());
    return Object.fromEntries(found.map((row) => [row.split(' ')[0], row]));
  }

  it('shows each job: its schedule, whether it runs once, its last run and duration, its last error and lease holder', async () => {
    const scheduler = shop.get(JobScheduler);
    scheduler.register({ name: 'test-broken', everyMs: 5 * 60_000, run: () => Promise.reject(new Error('Disk full & more')) });
    expect(await scheduler.runNow('test-broken')).toBe('failed');
    expect(await scheduler.runNow('purge-sent-mail')).toBe('ran');

    const jobs = await rows();
    expect(Object.keys(jobs)).toEqual(expect.arrayContaining(['outbox-delivery', 'payment-release', 'purge-guest-carts', 'session-sweep', 'test-broken']));
    expect(jobs['test-broken']).toMatch(
      /^test-broken Every 5 minutes Once across instances not on this instance .+ failed on \S+ \d+ ms Disk full & more .+ \S+:\d+:\w+ until/,
    );
    expect(jobs['purge-sent-mail']).toMatch(/^purge-sent-mail Every hour Once across instances .+ ok on .+ ms None \S+ until/);
    expect(jobs['catalog-cache-poll']).toMatch(/^catalog-cache-poll Every second On every instance .* No lease$/);
    expect(jobs['purge-guest-carts']).toMatch(/Not run yet – None Nobody$/);
  });

  it('is the owner’s alone: staff and customers get 403 and no System link, visitors are sent to sign in', async () => {
    const staff = await addStaffMember(shop, owner, { name: 'Rida Staff', email: 'rida@example.test', password: 'a-long-enough-password' });
    const customer = new Shopper(shop.baseUrl);
    await registerAndSignIn(customer, { name: 'Hina Qureshi', email: 'hina@example.test', password: 'a-long-enough-password' });

    expect((await staff.get('/admin/system')).status).toBe(403);
    expect((await staff.get('/admin/orders')).html).not.toContain('href="/admin/system"');
    expect((await customer.get('/admin/system')).status).toBe(403);
    const visitor = await new Shopper(shop.baseUrl).get('/admin/system');
    expect([visitor.status, visitor.location?.split('?')[0]]).toEqual([303, '/login']);
    expect((await owner.get('/admin')).html).toContain('href="/admin/system"');
  });
});
