import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database/database-errors.js';
import { JobRun } from './entities/job-run.entity.js';

/** Jobs that must run once per period however many instances run them: the claim is a row with a unique key. */
@Injectable()
export class JobRuns {
  /**
   * Claims `job` for `period` in the caller's transaction: true for the one caller that may do the work
   * (its writes commit with the claim, or neither does); false when another has done it. A second
   * instance claiming while the first's transaction is open waits for it, then finds the row taken
   * (or, should the first roll back, claims it itself).
   */
  async claim(manager: EntityManager, job: string, period: string): Promise<boolean> {
    try {
      await manager.insert(JobRun, { job, period });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
