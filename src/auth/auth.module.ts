import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule, getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CartModule } from '../cart/cart.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { Address } from './entities/address.entity.js';
import { AuthAttempt } from './entities/auth-attempt.entity.js';
import { SessionRecord } from './entities/session.entity.js';
import { UserToken } from './entities/user-token.entity.js';
import { User } from './entities/user.entity.js';
import { LocalStrategy } from './local.strategy.js';
import { DatabaseSessionStore } from './session-store.js';
import { SessionSerializer } from './session.serializer.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, SessionRecord, UserToken, Address, AuthAttempt]), PassportModule.register({ session: true }), CartModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    LocalStrategy,
    SessionSerializer,
    {
      provide: DatabaseSessionStore,
      inject: [getRepositoryToken(SessionRecord), APP_CONFIG],
      useFactory: (sessions: Repository<SessionRecord>, config: AppConfig) =>
        new DatabaseSessionStore(sessions, config.sessionIdleMinutes * 60_000),
    },
  ],
  exports: [AuthService, DatabaseSessionStore],
})
export class AuthModule {}
