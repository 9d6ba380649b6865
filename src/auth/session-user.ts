import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { Role } from './entities/user.entity.js';

/** What a request knows about the signed-in person; no password hash ever travels with it. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
  }
}

export const isStaff = (user: SessionUser | undefined): boolean => user?.role === Role.Owner || user?.role === Role.Staff;

/** @CurrentUser() user: SessionUser | undefined */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<Request>().user);
