import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobLease } from './entities/job-lease.entity.js';
import { JobRun } from './entities/job-run.entity.js';
import { JobRuns } from './job-runs.service.js';
import { JobScheduler } from './job-scheduler.service.js';

/**
 * The shop's periodic jobs: the one scheduler every job runs through (with its lease in job_lease, so
 * a job whose work must happen once runs on one instance at a time), and the record of which job ran
 * for which period. See README.md in this folder for adding a job.
 */
@Module({
  imports: [TypeOrmModule.forFeature([JobRun, JobLease]), DiscoveryModule, ScheduleModule.forRoot()],
  providers: [JobRuns, JobScheduler],
  exports: [JobRuns, JobScheduler],
})
export class JobsModule {}
