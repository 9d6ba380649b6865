import { Controller, Get, UseFilters } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JsonExceptionFilter } from '../common/html-exception.filter.js';
import { GracefulShutdown } from './graceful-shutdown.js';
import { DatabaseDownError, ShuttingDownError } from './health.errors.js';

/** For the load balancer and the container's HEALTHCHECK: alive, and ready (the database answers, and the shop is not closing). */
@Controller('health')
@UseFilters(JsonExceptionFilter)
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly shutdown: GracefulShutdown,
  ) {}

  /** Never touches the database: a process whose pool is exhausted or whose database is away is still alive. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    if (this.shutdown.draining) throw new ShuttingDownError();
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new DatabaseDownError();
    }
    // Asked again: a shutdown that began while the database was being asked answers this probe too.
    if (this.shutdown.draining) throw new ShuttingDownError();
    return { status: 'ok', database: 'up' };
  }
}
