import { Module } from '@nestjs/common';
import { getRepositoryToken, TypeOrmModule } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CsrfTokens } from '../common/csrf.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { JobScheduler } from '../jobs/job-scheduler.service.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { SettingsService } from '../settings/settings.service.js';
import { SessionRecord } from './entities/session.entity.js';
import { SESSION_SECRET } from './session-secret.js';
import { DatabaseSessionStore } from './session-store.js';
import { SignInHooks } from './sign-in-hooks.js';

/**
 * Session plumbing every module shares: the store in our database, the secret that signs cookies and
 * CSRF tokens (SESSION_SECRET, or one kept in the database so every instance signs alike), and the
 * sign-in hooks through which modules carry a visitor's things into their account.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SessionRecord]), SettingsModule, JobsModule],
  providers: [
    SignInHooks,
    {
      provide: DatabaseSessionStore,
      inject: [getRepositoryToken(SessionRecord), APP_CONFIG, JobScheduler],
      useFactory: (sessions: Repository<SessionRecord>, config: AppConfig, scheduler: JobScheduler) => {
        const store = new DatabaseSessionStore(sessions, config.sessionIdleMinutes * 60_000);
        scheduler.register({ name: 'session-sweep', everyMs: 15 * 60_000, run: () => store.sweepExpired() });
        return store;
      },
    },
    {
      provide: SESSION_SECRET,
      inject: [APP_CONFIG, SettingsService],
      useFactory: (config: AppConfig, settings: SettingsService) => settings.sessionSecret(config.sessionSecret),
    },
    {
      provide: CsrfTokens,
      inject: [SESSION_SECRET, APP_CONFIG],
      useFactory: (secret: string, config: AppConfig) => new CsrfTokens(secret, config.trustProxy),
    },
  ],
  exports: [SignInHooks, DatabaseSessionStore, SESSION_SECRET, CsrfTokens],
})
export class SessionsModule {}
