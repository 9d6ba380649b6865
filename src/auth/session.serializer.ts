import { Injectable } from '@nestjs/common';
import { PassportSerializer } from '@nestjs/passport';
import { AuthService } from './auth.service.js';
import type { SessionUser } from './session-user.js';

/** The session holds only the user's id; the user is read fresh each request so a role change applies at once. */
@Injectable()
export class SessionSerializer extends PassportSerializer {
  constructor(private readonly auth: AuthService) {
    super();
  }

  serializeUser(user: SessionUser, done: (err: Error | null, id?: number) => void): void {
    done(null, user.id);
  }

  deserializeUser(id: number, done: (err: Error | null, user?: SessionUser | false) => void): void {
    this.auth.findSessionUser(id).then(
      (user) => done(null, user ?? false),
      (error: Error) => done(error),
    );
  }
}
