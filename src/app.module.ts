import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AdminModule } from './admin/admin.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CartModule } from './cart/cart.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { CsrfGuard } from './common/csrf.js';
import { HtmlExceptionFilter } from './common/html-exception.filter.js';
import { MetricsModule } from './common/metrics.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MailModule } from './mail/mail.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { PagesModule } from './pages/pages.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { SettingsModule } from './settings/settings.module.js';

@Module({})
export class AppModule {
  /** `logger`: the shop's pino logger (common/logging.ts), whose request middleware createShopApp mounts first. */
  static register(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        // Nest's Logger writes through pino, with the request's id inside a request; useExisting: the
        // request middleware is ours, mounted before sessions and static files so every request is logged.
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true }),
        MetricsModule,
        DatabaseModule,
        SettingsModule,
        SessionsModule,
        AuthModule,
        CatalogModule,
        CartModule,
        OrdersModule,
        RemindersModule,
        PagesModule,
        AdminModule,
        MailModule,
        HealthModule,
        // Every periodic job runs through its scheduler (src/jobs/README.md); JOBS=0 leaves the once-jobs to the tests that drive them.
        JobsModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: CsrfGuard },
        { provide: APP_FILTER, useClass: HtmlExceptionFilter },
      ],
    };
  }
}
