import { SetMetadata } from '@nestjs/common';

/** How a job is run; see JobScheduler. */
export interface JobOptions {
  /**
   * Run by every instance on its own timer, without the lease: for work about this process (its cache's
   * view of the catalog) or whose own row claims already keep anything from being done twice (the
   * outbox). Without it a job runs on one instance at a time, whichever holds its lease.
   */
  perInstance?: boolean;
}

export interface JobDefinition extends JobOptions {
  /** Unique; the job's row in job_lease and its line on /admin/system. */
  name: string;
  everyMs: number;
  /**
   * Whether this instance runs it on its timer; by default when JOBS is not 0. Tests start with JOBS=0
   * and drive jobs themselves (JobScheduler.runNow, or the service's own method).
   */
  enabled?: boolean;
  /** The work. `stopping` aborts when the shop shuts down: a job working in batches stops between two. */
  run(stopping: AbortSignal): unknown;
}

export const SCHEDULED_JOB = Symbol('scheduled-job');

/**
 * Makes a provider's method a periodic job of the one scheduler, in place of @nestjs/schedule's
 * `@Interval(name, ms)` (same arguments): `@ScheduledJob('cod-auto-cancel', 60_000)` runs on one
 * instance at a time through the lease; add `{ perInstance: true }` for work every instance does.
 * The method may take the shutdown AbortSignal; what it throws is logged and shown on /admin/system.
 */
export const ScheduledJob = (name: string, everyMs: number, options: JobOptions = {}): MethodDecorator =>
  SetMetadata(SCHEDULED_JOB, { name, everyMs, ...options });
