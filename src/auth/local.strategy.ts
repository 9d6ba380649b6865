import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { originOf } from '../common/security-log.js';
import { AuthService } from './auth.service.js';
import type { SessionUser } from './session-user.js';
import { TrustedDevices } from './trusted-devices.js';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(
    private readonly auth: AuthService,
    private readonly devices: TrustedDevices,
  ) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: Request, email: string, password: string): Promise<SessionUser | false> {
    return (await this.auth.checkCredentials(email, password, { ...originOf(req), deviceCookie: this.devices.cookieOf(req) })) ?? false;
  }
}
