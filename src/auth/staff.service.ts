import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { NotFoundError, ShopError } from '../common/errors.js';
import { logSecurityEvent, type RequestOrigin } from '../common/security-log.js';
import { Transactions } from '../database/transactions.js';
import { StaffFormError } from './auth.errors.js';
import { AuthService } from './auth.service.js';
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

/** A new staff account (name and initial password), or only the email of a customer to promote. */
export interface NewStaffMember {
  email: string;
  name?: string;
  password?: string;
}

/** Who may work in the owner's panel: the owner adds and removes staff. */
@Injectable()
export class StaffService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly auth: AuthService,
    private readonly sessions: DatabaseSessionStore,
    private readonly transactions: Transactions,
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
   * Makes a customer with this email staff, or, when nobody has the email yet, creates a staff
   * account with the name and initial password given. Returns whether an existing account was promoted.
   */
  async add(member: NewStaffMember, by: SessionUser, origin: RequestOrigin): Promise<{ promoted: boolean }> {
    const email = member.email.trim().toLowerCase();
    const existing = await this.users.findOneBy({ email });
    if (existing) {
      if (existing.role !== Role.Customer) throw new StaffFormError('This person is already staff.', 'email');
      // Conditional on the role just read, so a change made meanwhile is not overwritten.
      const { affected } = await this.users.update({ id: existing.id, role: Role.Customer }, { role: Role.Staff });
      if (!affected) throw new StaffFormError('This person is already staff.', 'email');
      logSecurityEvent('staff_added', origin, { userId: existing.id, email, byUserId: by.id });
      return { promoted: true };
    }
    if (!member.name) throw new StaffFormError('Nobody has an account with this email yet: enter their name to create one.', 'name');
    if (!member.password) throw new StaffFormError('Nobody has an account with this email yet: choose an initial password for it.', 'password');
    const created = await this.auth.register({ name: member.name, email, password: member.password }, Role.Staff);
    logSecurityEvent('staff_added', origin, { userId: created.id, email, byUserId: by.id });
    return { promoted: false };
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
    });
    logSecurityEvent('staff_removed', origin, { userId, email: user.email, byUserId: by.id });
    return { id: user.id, name: user.name, email: user.email, role: Role.Customer, isOwner: false, twoFactor: user.totpEnabledAt !== null };
  }
}
