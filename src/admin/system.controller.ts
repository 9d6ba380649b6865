import { Controller, Get, Render } from '@nestjs/common';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { JobScheduler, type JobOverview } from '../jobs/job-scheduler.service.js';

/** /admin/system: the periodic jobs, how each last ran and who holds its lease. The owner's alone. */
@Controller('admin/system')
@AdminAccess(Role.Owner)
export class SystemController {
  constructor(private readonly scheduler: JobScheduler) {}

  @Get()
  @Render('admin/system')
  async show() {
    const jobs = await this.scheduler.overview();
    return { title: 'System', layout: 'admin', instance: this.scheduler.instanceId, jobs: jobs.map(jobView) };
  }
}

/** One job as its row reads: times as dates, durations and periods in words. */
function jobView(job: JobOverview) {
  return {
    name: job.name,
    schedule: `Every ${spanOf(job.everyMs)}`,
    once: job.once,
    runsHere: job.runsHere,
    lastStartedAt: job.lastStartedAt,
    duration: job.lastDurationMs === null ? null : job.lastDurationMs < 1000 ? `${job.lastDurationMs} ms` : `${(job.lastDurationMs / 1000).toFixed(1)} s`,
    failed: job.lastOutcome === 'failed',
    lastRanOn: job.lastRanOn,
    lastError: job.lastError,
    lastErrorAt: job.lastErrorAt,
    leaseHolder: job.leaseHolder,
    leaseExpiresAt: job.leaseExpiresAt,
  };
}

function spanOf(ms: number): string {
  const units: [number, string][] = [
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, unit] of units) {
    if (ms % size === 0) return ms === size ? unit : `${ms / size} ${unit}s`;
  }
  return `${ms} ms`;
}
