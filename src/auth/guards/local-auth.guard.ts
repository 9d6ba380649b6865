import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

/** Runs passport-local; a wrong password is not an exception but a form to show again, so the user may be null. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser | null {
    if (error instanceof Error) throw error;
    if (error) throw new Error('Sign-in failed');
    return user || null;
  }
}
