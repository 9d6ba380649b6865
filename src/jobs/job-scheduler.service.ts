import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import { In } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { Transactions } from '../database/transactions.js';
import { JobLease } from './entities/job-lease.entity.js';
import { type JobDefinition, type JobOptions, SCHEDULED_JOB } from './scheduled-job.js';

/** What one call of runNow did. */
export type JobOutcome = 'ran' | 'failed' | 'held-elsewhere' | 'running' | 'stopped';

/** A job as /admin/system shows it. */
export interface JobOverview {
  name: string;
  everyMs: number;
  once: boolean;
  runsHere: boolean;
  lastStartedAt: Date | null;
  lastDurationMs: number | null;
  lastOutcome: string | null;
  lastRanOn: string | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  /** The instance holding a live lease, or null. */
  leaseHolder: string | null;
  leaseExpiresAt: Date | null;
}

interface Registered extends JobDefinition {
  timer?: NodeJS.Timeout;
  running?: Promise<JobOutcome>;
  /** A per-instance job's last successful run here, kept in memory (see record()). */
  lastOkHere?: { startedAt: Date; durationMs: number };
}

/**
 * The one list of the shop's periodic jobs, and the one place they are run from. Each job is a timer
 * in @nestjs/schedule's SchedulerRegistry. A job whose work must happen once at a time (purges, the
 * digest, payment release) first takes its lease in job_lease: a conditional update that succeeds
 * only when the lease is free, expired or already this instance's. The holder renews it at each run
 * for one period plus JOB_LEASE_MS, so it keeps the job while it lives and another instance takes
 * over that long after it dies; on shutdown it gives the lease back. A once-job's every run (start,
 * duration, outcome) is written to the same row, so every instance's /admin/system shows it; a
 * per-instance job writes its failures there and keeps its successes in memory.
 *
 * Register with `@ScheduledJob(name, everyMs, options?)` on a provider's method (scheduled-job.ts), or
 * `scheduler.register({ name, everyMs, run })` for an object a factory builds. See src/jobs/README.md.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly jobs = new Map<string, Registered>();
  private readonly stopping = new AbortController();
  private started = false;
  /** This process, as lease holder and in "last ran on". */
  readonly instanceId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`.slice(-100);

  constructor(
    private readonly transactions: Transactions,
    private readonly registry: SchedulerRegistry,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(job: JobDefinition): void {
    if (this.jobs.has(job.name)) throw new Error(`A job named "${job.name}" is registered twice`);
    const registered: Registered = { ...job };
    this.jobs.set(job.name, registered);
    if (this.started) this.startTimer(registered);
  }

  /** Finds the @ScheduledJob methods, then starts the timers of the jobs this instance runs. */
  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = prototype[method];
        if (typeof fn !== 'function') continue;
        const options = this.reflector.get<(JobOptions & { name: string; everyMs: number }) | undefined>(SCHEDULED_JOB, fn);
        if (options) this.register({ ...options, run: (stopping) => (fn as (signal: AbortSignal) => unknown).call(instance, stopping) });
      }
    }
    this.started = true;
    for (const job of this.jobs.values()) this.startTimer(job);
  }

  /** No new run starts once the application begins to close. */
  onModuleDestroy(): void {
    this.stopTimers();
  }

  /**
   * Before Redis and the database pool close (graceful-shutdown.ts): runs in flight are told to stop
   * (between two batches) and waited for, SHUTDOWN_GRACE_MS at most; then the leases of the jobs that
   * ended are given back, so another instance takes them at its next tick. A run still going keeps its
   * lease until it expires: it may yet commit before the pool closes.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopTimers();
    this.stopping.abort();
    const inFlight = [...this.jobs.values()].flatMap((job) => (job.running ? [job.running] : []));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.config.shutdownGraceMs)));
    await Promise.race([Promise.allSettled(inFlight), late]);
    clearTimeout(timer);
    const abandoned = [...this.jobs.values()].filter((job) => job.running !== undefined).map((job) => job.name);
    if (abandoned.length) this.logger.warn({ event: 'jobs_abandoned', jobs: abandoned });
    const finished = [...this.jobs.values()].filter((job) => !job.perInstance && job.running === undefined).map((job) => job.name);
    let released = 0;
    try {
      if (finished.length) {
        const leases = this.transactions.repository(JobLease);
        released = (await leases.update({ name: In(finished), leaseHolder: this.instanceId }, { leaseHolder: null, leaseExpiresAt: null })).affected ?? 0;
      }
    } catch (error) {
      this.logger.warn({ event: 'job_leases_not_released', error: (error as Error).message });
    }
    if (this.started) this.logger.log({ event: 'jobs_stopped', leasesReleased: released, abandoned });
  }

  /**
   * Runs the job now, as its timer does: at most one run at a time in this process, and for a
   * once-job only while this instance holds the lease. Failures are recorded, not thrown.
   */
  runNow(name: string): Promise<JobOutcome> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`No job named "${name}"`);
    if (this.stopping.signal.aborted) return Promise.resolve('stopped');
    if (job.running) return Promise.resolve('running');
    const running = this.execute(job).finally(() => (job.running = undefined));
    job.running = running;
    return running;
  }

  /** Every registered job with its schedule, last run and lease, by name. */
  async overview(now = new Date()): Promise<JobOverview[]> {
    const rows = await this.transactions.repository(JobLease).find();
    const byName = new Map(rows.map((row) => [row.name, row]));
    return [...this.jobs.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((job) => {
        const row = byName.get(job.name);
        const leased = row?.leaseHolder && row.leaseExpiresAt && row.leaseExpiresAt > now;
        // A per-instance job's success here is newer than the failure the row may hold (from here or elsewhere).
        const okHere = job.lastOkHere && (!row?.lastStartedAt || job.lastOkHere.startedAt > row.lastStartedAt) ? job.lastOkHere : undefined;
        return {
          name: job.name,
          everyMs: job.everyMs,
          once: !job.perInstance,
          runsHere: this.runsHere(job),
          lastStartedAt: okHere?.startedAt ?? row?.lastStartedAt ?? null,
          lastDurationMs: okHere?.durationMs ?? row?.lastDurationMs ?? null,
          lastOutcome: okHere ? 'ok' : (row?.lastOutcome ?? null),
          lastRanOn: okHere ? this.instanceId : (row?.lastRanOn ?? null),
          lastError: row?.lastError ?? null,
          lastErrorAt: row?.lastErrorAt ?? null,
          leaseHolder: leased ? row.leaseHolder : null,
          leaseExpiresAt: leased ? row.leaseExpiresAt : null,
        };
      });
  }

  private runsHere(job: Registered): boolean {
    return job.enabled ?? this.config.jobsEnabled;
  }

  private startTimer(job: Registered): void {
    if (job.timer || !this.runsHere(job) || this.stopping.signal.aborted) return;
    job.timer = setInterval(() => void this.runNow(job.name), job.everyMs);
    job.timer.unref();
    this.registry.addInterval(job.name, job.timer);
  }

  private stopTimers(): void {
    for (const job of this.jobs.values()) {
      if (!job.timer) continue;
      clearInterval(job.timer);
      job.timer = undefined;
      if (this.registry.getIntervals().includes(job.name)) this.registry.deleteInterval(job.name);
    }
  }

  private async execute(job: Registered): Promise<JobOutcome> {
    let renewal: NodeJS.Timeout | undefined;
    if (!job.perInstance) {
      try {
        if (!(await this.takeLease(job))) return 'held-elsewhere';
      } catch (error) {
        this.logger.error({ event: 'job_lease_failed', job: job.name, error: (error as Error).message });
        return 'failed';
      }
      // A run longer than the lease keeps it: renewed halfway through each lease length.
      renewal = setInterval(() => void this.takeLease(job).catch(() => undefined), Math.max(1, this.config.jobLeaseMs / 2));
      renewal.unref();
    }
    const startedAt = new Date();
    let failure: Error | undefined;
    try {
      await job.run(this.stopping.signal);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      this.logger.error({ event: 'job_failed', job: job.name, error: failure.message }, failure.stack);
    } finally {
      clearInterval(renewal);
    }
    await this.record(job, startedAt, Date.now() - startedAt.getTime(), failure);
    return failure ? 'failed' : 'ran';
  }

  /** Takes or renews the lease for one period plus JOB_LEASE_MS; true when this instance holds it. */
  private async takeLease(job: Registered): Promise<boolean> {
    const now = new Date();
    const lease = { leaseHolder: this.instanceId, leaseExpiresAt: new Date(now.getTime() + job.everyMs + this.config.jobLeaseMs) };
    const leases = this.transactions.repository(JobLease);
    const { affected } = await leases
      .createQueryBuilder()
      .update(JobLease)
      .set(lease)
      .where('name = :name', { name: job.name })
      .andWhere('(leaseHolder IS NULL OR leaseHolder = :holder OR leaseExpiresAt IS NULL OR leaseExpiresAt < :now)', { holder: this.instanceId, now })
      .execute();
    if (affected === 1) return true;
    try {
      // The job's first run anywhere: of two instances inserting its row, one wins the primary key.
      await leases.insert({ name: job.name, ...lease });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /**
   * Writes how the run went; a database that is away costs the record, never the job. A per-instance
   * job's successful run (the cache poll, every second) stays in this process's memory: it is about this
   * instance, and a write a second would hold SQLite's one writer (and, with two shops on one file in one
   * process, as the tests run them, block the process on the other's transaction). Its failures are
   * written, for every instance's /admin/system.
   */
  private async record(job: Registered, startedAt: Date, durationMs: number, failure: Error | undefined): Promise<void> {
    if (job.perInstance && !failure) {
      job.lastOkHere = { startedAt, durationMs };
      return;
    }
    try {
      await this.transactions.repository(JobLease).upsert(
        {
          name: job.name,
          lastStartedAt: startedAt,
          lastDurationMs: durationMs,
          lastOutcome: failure ? 'failed' : 'ok',
          lastRanOn: this.instanceId,
          ...(failure ? { lastError: failure.message.slice(0, 500), lastErrorAt: new Date() } : {}),
        },
        ['name'],
      );
    } catch (error) {
      this.logger.warn({ event: 'job_run_not_recorded', job: job.name, error: (error as Error).message });
    }
  }
}
