import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { GracefulShutdown } from './graceful-shutdown.js';
import { HealthController } from './health.controller.js';
import { MetricsAccessGuard } from './metrics-access.guard.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsGauges } from './metrics-gauges.js';

/** Liveness, readiness, /metrics, and the graceful shutdown that readiness reports. */
@Module({
  imports: [MailModule],
  controllers: [HealthController, MetricsController],
  providers: [GracefulShutdown, MetricsAccessGuard, MetricsGauges],
  exports: [GracefulShutdown],
})
export class HealthModule {}
