import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule, getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { JobScheduler } from '../jobs/job-scheduler.service.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { ExpiredLinkPurge } from './expired-link.purge.js';
import { MailModule } from '../mail/mail.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { AccountTokensService } from './account-tokens.service.js';
import { AccountController } from './account.controller.js';
import { AccountService } from './account.service.js';
import { AddressBookController } from './address-book.controller.js';
import { AddressBookService } from './address-book.service.js';
import { ATTEMPT_COUNTER, type AttemptCounter, DatabaseAttemptCounter, PRUNE_EVERY_MS, RedisAttemptCounter } from './attempt-counter.js';
import { AttemptLimiter } from './attempt-limiter.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { EmailVerificationController } from './email-verification.controller.js';
import { Address } from './entities/address.entity.js';
import { AuthAttempt } from './entities/auth-attempt.entity.js';
import { StaffInvitation } from './entities/staff-invitation.entity.js';
import { UserToken } from './entities/user-token.entity.js';
import { User } from './entities/user.entity.js';
import { LocalStrategy } from './local.strategy.js';
import { PasswordResetController } from './password-reset.controller.js';
import { SessionSerializer } from './session.serializer.js';
import { StaffInvitationController } from './staff-invitation.controller.js';
import { StaffInvitationsService } from './staff-invitations.service.js';
import { StaffService } from './staff.service.js';
import { trustedDevicesProvider } from './trusted-devices.js';
import { TwoFactorController } from './two-factor.controller.js';
import { TwoFactorService } from './two-factor.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, UserToken, Address, AuthAttempt, StaffInvitation]),
    PassportModule.register({ session: true }),
    AuditModule,
    SessionsModule,
    MailModule,
    SettingsModule,
    JobsModule,
  ],
  controllers: [
    AuthController,
    PasswordResetController,
    EmailVerificationController,
    AccountController,
    AddressBookController,
    TwoFactorController,
    StaffInvitationController,
  ],
  providers: [
    AuthService,
    AccountTokensService,
    AccountService,
    AddressBookService,
    LocalStrategy,
    SessionSerializer,
    AttemptLimiter,
    TwoFactorService,
    StaffService,
    StaffInvitationsService,
    trustedDevicesProvider,
    ExpiredLinkPurge,
    {
      provide: ATTEMPT_COUNTER,
      inject: [getRepositoryToken(AuthAttempt), APP_CONFIG, JobScheduler],
      useFactory: async (attempts: Repository<AuthAttempt>, config: AppConfig, scheduler: JobScheduler): Promise<AttemptCounter> => {
        // Redis forgets old attempts by itself (each key expires with its window); rows need pruning.
        if (config.redis) return RedisAttemptCounter.connect(config.redis.url, config.redis.keyPrefix);
        const counter = new DatabaseAttemptCounter(attempts);
        scheduler.register({ name: 'auth-attempt-prune', everyMs: PRUNE_EVERY_MS, run: () => counter.prune() });
        return counter;
      },
    },
  ],
  exports: [AuthService, AddressBookService, StaffService, StaffInvitationsService, TwoFactorService, AttemptLimiter],
})
export class AuthModule {}
