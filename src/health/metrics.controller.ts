import { Controller, Get, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { JsonExceptionFilter } from '../common/html-exception.filter.js';
import { ShopMetrics } from '../common/metrics.js';
import { MetricsAccessGuard } from './metrics-access.guard.js';

/** Prometheus's scrape: the text exposition format of every metric the shop keeps (see ShopMetrics, MetricsGauges). */
@Controller('metrics')
@UseFilters(JsonExceptionFilter)
@UseGuards(MetricsAccessGuard)
export class MetricsController {
  constructor(private readonly metrics: ShopMetrics) {}

  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    const { contentType, body } = await this.metrics.text();
    res.type(contentType).send(body);
  }
}
