import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobRun } from './entities/job-run.entity.js';
import { JobRuns } from './job-runs.service.js';

/** What scheduled jobs share: the record of which job ran for which period, so each runs once across instances. */
@Module({
  imports: [TypeOrmModule.forFeature([JobRun])],
  providers: [JobRuns],
  exports: [JobRuns],
})
export class JobsModule {}
