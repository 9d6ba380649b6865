import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { Transactions } from '../database/transactions.js';
import { AccountTokensService } from './account-tokens.service.js';
import { EmailInUseError, WrongCurrentPasswordError } from './auth.errors.js';
import { TokenPurpose } from './entities/user-token.entity.js';
import { User } from './entities/user.entity.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { DatabaseSessionStore } from '../sessions/session-store.js';

/** What the account page shows about the signed-in person. */
export interface AccountProfile {
  name: string;
  email: string;
  emailVerified: boolean;
  memberSince: Date;
}

/**
 * A signed-in customer looking after their own account: name, sign-in email and password. Changing
 * the email or the password asks for the current password first, so a browser left signed in is not
 * enough to take the account over.
 */
@Injectable()
export class AccountService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly transactions: Transactions,
    private readonly accountTokens: AccountTokensService,
    private readonly sessions: DatabaseSessionStore,
  ) {}

  async profile(userId: number): Promise<AccountProfile> {
    const user = await this.accountOf(userId);
    return { name: user.name, email: user.email, emailVerified: user.emailVerifiedAt !== null, memberSince: user.createdAt };
  }

  async rename(userId: number, name: string): Promise<void> {
    await this.users.update({ id: userId }, { name: name.trim() });
  }

  /**
   * Moves the account to a new sign-in email. The new address is unconfirmed until its owner opens the
   * link we send there; links already sent to the old address stop working, or one of them could
   * confirm (or reset) the account from a mailbox it no longer belongs to.
   */
  async changeEmail(userId: number, change: { email: string; currentPassword: string }): Promise<void> {
    const user = await this.confirmedAccount(userId, change.currentPassword);
    const email = change.email.trim().toLowerCase();
    if (email === user.email) return;
    if (await this.users.existsBy({ email, id: Not(userId) })) throw new EmailInUseError();
    await this.transactions.run(async (manager) => {
      await manager.update(User, { id: userId }, { email, emailVerifiedAt: null }).catch((error: unknown) => {
        // Two accounts racing for one address: the unique index decides.
        throw isUniqueViolation(error) ? new EmailInUseError() : error;
      });
      await this.accountTokens.expireLinks(manager, userId, [TokenPurpose.VerifyEmail, TokenPurpose.ResetPassword]);
      await this.accountTokens.sendEmailVerification(manager, { id: userId, email, name: user.name });
    });
  }

  /**
   * Sets a new password and ends every session of the account, this one included: whoever else was
   * signed in (perhaps with the old password) is out. The caller signs the current browser in again.
   */
  async changePassword(userId: number, change: { currentPassword: string; password: string }): Promise<void> {
    await this.confirmedAccount(userId, change.currentPassword);
    const passwordHash = await hashPassword(change.password);
    await this.transactions.run(async (manager) => {
      await manager.update(User, { id: userId }, { passwordHash });
      await this.accountTokens.expireLinks(manager, userId, [TokenPurpose.ResetPassword]);
      await this.sessions.destroyAllFor(userId, manager);
    });
  }

  private async confirmedAccount(userId: number, currentPassword: string): Promise<User> {
    const user = await this.accountOf(userId);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new WrongCurrentPasswordError();
    return user;
  }

  private async accountOf(userId: number): Promise<User> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new NotFoundError('That account');
    return user;
  }
}
