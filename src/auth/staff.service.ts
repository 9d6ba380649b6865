import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { actorFrom } from '../audit/actor.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { NotFoundError, ShopError } from '../common/errors.js';
import { logSecurityEvent, type RequestOrigin } from '../common/security-log.js';
import { Transactions } from '../database/transactions.js';
import { Role, User } from './entities/user.entity.js';
import { DatabaseSessionStore } from '../sessions/session-store.js';
import type { SessionUser } from './session-user.js';

export interface StaffMember {
  id: number;
  name: string;
  email: string;
  role: Role;
  isOwner: boolean;
  twoFactor: boolean;
}

/** Who works in the owner's panel: the owner invites staff (StaffInvitationsService) and removes them here. */
@Injectable()
export class StaffService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly sessions: DatabaseSessionStore,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
  ) {}

  async list(): Promise<StaffMember[]> {
    const rows = await this.users.find({ where: { role: In([Role.Owner, Role.Staff]) }, order: { role: 'ASC', name: 'ASC', id: 'ASC' } });
    return rows.map((user) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      isOwner: user.role === Role.Owner,
      twoFactor: user.totpEnabledAt !== null,
    }));
  }

  /**
   * Makes a staff member a customer again and ends every session they have. The role is read afresh
   * on each request, so the demotion alone already shuts the panel; ending the sessions signs them out too.
   */
  async remove(userId: number, by: SessionUser, origin: RequestOrigin): Promise<StaffMember> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user || user.role === Role.Customer) throw new NotFoundError('That staff member');
    if (user.role === Role.Owner) throw new ShopError('The owner cannot be removed.', 422);
    await this.transactions.run(async (manager) => {
      const { affected } = await manager.update(User, { id: userId, role: Role.Staff }, { role: Role.Customer });
      if (!affected) throw new NotFoundError('That staff member');
      await this.sessions.destroyAllFor(userId, manager);
      await this.audit.record(manager, actorFrom(by, origin), {
        action: 'staff.removed',
        subject: { type: 'user', id: userId },
        before: { role: Role.Staff },
        after: { role: Role.Customer },
      });
    });
    logSecurityEvent('staff_removed', origin, { userId, email: user.email, byUserId: by.id });
    return { id: user.id, name: user.name, email: user.email, role: Role.Customer, isOwner: false, twoFactor: user.totpEnabledAt !== null };
  }
}
