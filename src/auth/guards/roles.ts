import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AccessDeniedError, SignInRequiredError } from '../../common/errors.js';
import { Role } from '../entities/user.entity.js';

const ROLES = 'roles';

/** @Roles(Role.Owner, Role.Staff) on a controller or route: who may use it. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** A visitor is sent to sign in; a signed-in user without one of the roles gets 403. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<Request>().user;
    if (!user) throw new SignInRequiredError();
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (allowed && !allowed.includes(user.role)) throw new AccessDeniedError();
    return true;
  }
}

/** Any signed-in user. */
@Injectable()
export class SignedInGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (!context.switchToHttp().getRequest<Request>().user) throw new SignInRequiredError();
    return true;
  }
}
