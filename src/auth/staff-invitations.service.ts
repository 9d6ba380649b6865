import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, IsNull, MoreThan, Repository } from 'typeorm';
import { actorFrom } from '../audit/actor.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { NotFoundError, ShopError } from '../common/errors.js';
import { logSecurityEvent, type RequestOrigin } from '../common/security-log.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Transactions } from '../database/transactions.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { type OutgoingEmail, MailService } from '../mail/mail.service.js';
import { date } from '../views/helpers/date.js';
import { InvalidStaffInvitationError, StaffFormError, StaffInvitationChangedError } from './auth.errors.js';
import { StaffInvitation } from './entities/staff-invitation.entity.js';
import { Role, User } from './entities/user.entity.js';
import { isLinkToken, linkTokenHash, newLinkToken } from './link-tokens.js';
import { hashPassword } from './passwords.js';
import { DatabaseSessionStore } from '../sessions/session-store.js';
import type { SessionUser } from './session-user.js';

const INVITATION_MS = 7 * 24 * 60 * 60_000;

/** An invitation the owner sees on /admin/staff, until it is accepted, withdrawn or expires. */
export interface PendingInvitation {
  id: number;
  email: string;
  invitedBy: string;
  expiresAt: Date;
}

/**
 * What the invitation link's page offers the person who opened it:
 * - `create-account`: nobody has an account with the address; choose a name and password.
 * - `sign-in`: an account has it; sign in with it (or take it back by resetting its password) first.
 * - `accept`: this browser is signed in as that account; a button makes it staff.
 * - `other-account`: this browser is signed in as someone else.
 * - `has-access`: the account with the address is staff or the owner already.
 */
export type InvitationStep = 'create-account' | 'sign-in' | 'accept' | 'other-account' | 'has-access';

export interface InvitationView {
  email: string;
  invitedBy: string;
  expiresAt: Date;
  step: InvitationStep;
  signedInAs?: string;
}

/**
 * Staff join by invitation only: the owner names an address, the shop emails it a single-use link,
 * and only whoever opens that link becomes staff. Giving access to whatever account held the address
 * let anyone who registered a future employee's address in advance, with a password of their own, into
 * the panel the day the owner added that person.
 */
@Injectable()
export class StaffInvitationsService {
  constructor(
    @InjectRepository(StaffInvitation) private readonly invitations: Repository<StaffInvitation>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly mail: MailService,
    private readonly sessions: DatabaseSessionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Emails `address` a link to join the staff, queued in the transaction that stores the invitation.
   * An earlier invitation to the same address still pending is withdrawn: only the newest link works.
   */
  async invite(address: string, by: SessionUser, origin: RequestOrigin): Promise<string> {
    const email = address.trim().toLowerCase();
    const holder = await this.users.findOne({ where: { email }, select: { id: true, role: true } });
    if (holder?.role === Role.Owner) throw new StaffFormError('This is the owner’s address: the owner already has access.', 'email');
    if (holder?.role === Role.Staff) throw new StaffFormError('This person is already staff.', 'email');
    const token = newLinkToken();
    const expiresAt = new Date(Date.now() + INVITATION_MS);
    await this.transactions.run(async (manager) => {
      await manager.update(StaffInvitation, { email, ...stillPending() }, { withdrawnAt: new Date() });
      const inserted = await manager.insert(StaffInvitation, { email, tokenHash: linkTokenHash(token), invitedByUserId: by.id, expiresAt });
      await this.audit.record(manager, actorFrom(by, origin), {
        action: 'staff.invited',
        subject: { type: 'staff_invitation', id: Number(inserted.identifiers[0].id) },
        after: { email, expiresAt },
      });
      await this.mail.enqueue(manager, invitationEmail({ email, inviter: by, link: `${this.config.publicUrl}/staff/invitations/${token}`, expiresAt }));
    });
    logSecurityEvent('staff_invited', origin, { email, byUserId: by.id });
    return email;
  }

  /** Invitations that can still be accepted, newest first, with the name of who sent each. */
  async pending(): Promise<PendingInvitation[]> {
    const rows = await this.invitations.find({ where: { ...stillPending(), expiresAt: MoreThan(new Date()) }, order: { createdAt: 'DESC', id: 'DESC' } });
    const names = await this.namesOf(rows.map((row) => row.invitedByUserId));
    return rows.map((row) => ({ id: row.id, email: row.email, invitedBy: names.get(row.invitedByUserId) ?? 'The owner', expiresAt: row.expiresAt }));
  }

  /** The invitation's link stops working. Returns the address it was for. */
  async withdraw(id: number, by: SessionUser, origin: RequestOrigin): Promise<string> {
    const invitation = await this.invitations.findOneBy({ id });
    if (!invitation) throw new NotFoundError('That invitation');
    await this.transactions.run(async (manager) => {
      // Conditional, so an invitation accepted meanwhile is not marked withdrawn after the fact.
      const { affected } = await manager.update(StaffInvitation, { id, ...stillPending() }, { withdrawnAt: new Date() });
      if (!affected) throw new ShopError('That invitation was already accepted or withdrawn.', 409);
      await this.audit.record(manager, actorFrom(by, origin), {
        action: 'staff.invitation_withdrawn',
        subject: { type: 'staff_invitation', id },
        before: { email: invitation.email },
      });
    });
    logSecurityEvent('staff_invitation_withdrawn', origin, { email: invitation.email, byUserId: by.id });
    return invitation.email;
  }

  /**
   * What the link's page shows to `viewer` (undefined for a visitor); throws InvalidStaffInvitationError
   * when the link cannot be used. Only looks: opening the link changes nothing.
   */
  async open(token: string, viewer: SessionUser | undefined): Promise<InvitationView> {
    const invitation = await usableInvitation(this.invitations.manager, token);
    if (!invitation) throw new InvalidStaffInvitationError();
    const holder = await this.users.findOne({ where: { email: invitation.email }, select: { id: true, role: true } });
    const names = await this.namesOf([invitation.invitedByUserId]);
    const view = { email: invitation.email, invitedBy: names.get(invitation.invitedByUserId) ?? 'The owner', expiresAt: invitation.expiresAt };
    if (holder && holder.role !== Role.Customer) return { ...view, step: 'has-access' };
    if (viewer && viewer.id !== holder?.id) return { ...view, step: 'other-account', signedInAs: viewer.email };
    if (!holder) return { ...view, step: 'create-account' };
    return { ...view, step: viewer ? 'accept' : 'sign-in' };
  }

  /**
   * A new staff account for the invited address, its email confirmed (the link reached that inbox), and
   * the invitation spent, in one transaction. The invitation is spent first: of a second submit, or two at
   * once, all but one fail there, before any account is made; the unique email then only stops an account
   * someone registered with the address meanwhile.
   */
  async createAccount(token: string, account: { name: string; password: string }, origin: RequestOrigin): Promise<SessionUser> {
    // Checked before hashing, so a made-up link costs no argon2 work; the transaction decides races.
    if (!(await usableInvitation(this.invitations.manager, token))) throw new InvalidStaffInvitationError();
    const passwordHash = await hashPassword(account.password);
    const name = account.name.trim();
    const { user, invitedBy } = await this.transactions.run(async (manager) => {
      const invitation = await usableInvitation(manager, token);
      if (!invitation) throw new InvalidStaffInvitationError();
      const now = new Date();
      await spend(manager, invitation, now);
      const created = await manager
        .insert(User, { email: invitation.email, name, passwordHash, role: Role.Staff, emailVerifiedAt: now })
        .catch((error: unknown) => {
          if (!isUniqueViolation(error)) throw error;
          throw new StaffInvitationChangedError(`An account with ${invitation.email} has just been created. Sign in with it to accept the invitation.`);
        });
      const userId = Number(created.identifiers[0].id);
      await manager.update(StaffInvitation, { id: invitation.id }, { acceptedUserId: userId });
      const joined = { userId, email: invitation.email, ip: origin.ip };
      await this.audit.record(manager, joined, {
        action: 'staff.joined',
        subject: { type: 'user', id: userId },
        after: { role: Role.Staff, invitation: invitation.id },
      });
      return { user: { id: userId, email: invitation.email, name, role: Role.Staff }, invitedBy: invitation.invitedByUserId };
    });
    logSecurityEvent('staff_added', origin, { userId: user.id, email: user.email, byUserId: invitedBy });
    return user;
  }

  /**
   * Makes the signed-in customer holding the invited address staff, confirms the address and spends the
   * invitation, in one transaction; every session of the account ends, so nobody else signed in to it
   * (someone who registered the address before its owner did) carries the new access. The caller signs
   * this browser in again.
   */
  async accept(token: string, viewer: SessionUser, origin: RequestOrigin): Promise<SessionUser> {
    const invitation = await this.transactions.run(async (manager) => {
      const usable = await usableInvitation(manager, token);
      if (!usable) throw new InvalidStaffInvitationError();
      const now = new Date();
      await spend(manager, usable, now);
      await manager.update(StaffInvitation, { id: usable.id }, { acceptedUserId: viewer.id });
      // Conditional on the account still holding the address and still being a customer, as the page showed.
      const promoted = await manager.update(User, { id: viewer.id, email: usable.email, role: Role.Customer }, { role: Role.Staff });
      if (!promoted.affected) throw new StaffInvitationChangedError('Your account changed since this page was opened.');
      await manager.update(User, { id: viewer.id, emailVerifiedAt: IsNull() }, { emailVerifiedAt: now });
      await this.sessions.destroyAllFor(viewer.id, manager);
      await this.audit.record(manager, actorFrom(viewer, origin), {
        action: 'staff.joined',
        subject: { type: 'user', id: viewer.id },
        before: { role: Role.Customer },
        after: { role: Role.Staff, invitation: usable.id },
      });
      return usable;
    });
    logSecurityEvent('staff_added', origin, { userId: viewer.id, email: invitation.email, byUserId: invitation.invitedByUserId });
    return { ...viewer, role: Role.Staff };
  }

  private async namesOf(userIds: number[]): Promise<Map<number, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.users.find({ where: { id: In([...new Set(userIds)]) }, select: { id: true, name: true } });
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}

const stillPending = () => ({ acceptedAt: IsNull(), withdrawnAt: IsNull() });

async function usableInvitation(manager: EntityManager, token: string): Promise<StaffInvitation | null> {
  if (!isLinkToken(token)) return null;
  return manager.findOneBy(StaffInvitation, { tokenHash: linkTokenHash(token), ...stillPending(), expiresAt: MoreThan(new Date()) });
}

/**
 * Marks the invitation accepted if it is still usable. The conditional update (not accepted, not
 * withdrawn, not expired; affected rows checked) lets exactly one of two racing requests through.
 */
async function spend(manager: EntityManager, invitation: StaffInvitation, now: Date): Promise<void> {
  const spent = await manager.update(StaffInvitation, { id: invitation.id, ...stillPending(), expiresAt: MoreThan(now) }, { acceptedAt: now });
  if (spent.affected !== 1) throw new InvalidStaffInvitationError();
}

function invitationEmail(invitation: { email: string; inviter: SessionUser; link: string; expiresAt: Date }): OutgoingEmail<'staff_invitation'> {
  return {
    kind: 'staff_invitation',
    to: invitation.email,
    variables: {
      inviterName: invitation.inviter.name,
      inviterEmail: invitation.inviter.email,
      acceptUrl: invitation.link,
      expiresAt: date(invitation.expiresAt),
    },
  };
}
