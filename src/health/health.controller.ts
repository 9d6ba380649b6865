import { Controller, Get, UseFilters } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JsonExceptionFilter } from '../common/html-exception.filter.js';
import { DatabaseDownError } from './health.errors.js';

/** For the load balancer and the container's HEALTHCHECK: alive, and ready (the database answers). */
@Controller('health')
@UseFilters(JsonExceptionFilter)
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new DatabaseDownError();
    }
    return { status: 'ok', database: 'up' };
  }
}
