import { applyDecorators, type CanActivate, type ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { SecondFactorSetupRequiredError } from '../auth.errors.js';
import { Role } from '../entities/user.entity.js';
import { TwoFactorService } from '../two-factor.service.js';
import { Roles, RolesGuard } from './roles.js';

/** When the owner requires two-factor sign-in, staff without it are sent to set it up before anything else. */
@Injectable()
export class SecondFactorSetupGuard implements CanActivate {
  constructor(private readonly twoFactor: TwoFactorService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const user = context.switchToHttp().getRequest<Request>().user;
    if (user && (await this.twoFactor.mustSetUp(user))) throw new SecondFactorSetupRequiredError();
    return true;
  }
}

/**
 * @AdminAccess(Role.Owner) on a panel controller: visitors sign in, other roles get 403, and staff
 * whom the shop requires to use two-factor sign-in set it up first.
 */
export const AdminAccess = (...roles: Role[]) => applyDecorators(UseGuards(RolesGuard, SecondFactorSetupGuard), Roles(...roles));
