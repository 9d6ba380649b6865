import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, IsNull, MoreThan, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Transactions } from '../database/transactions.js';
import { MailService, type OutgoingEmail } from '../mail/mail.service.js';
import { AttemptLimiter } from './attempt-limiter.js';
import { InvalidResetLinkError, InvalidVerificationLinkError } from './auth.errors.js';
import { TokenPurpose, UserToken } from './entities/user-token.entity.js';
import { User } from './entities/user.entity.js';
import { isLinkToken, linkTokenHash, newLinkToken } from './link-tokens.js';
import { hashPassword } from './passwords.js';
import { DatabaseSessionStore } from '../sessions/session-store.js';

const VERIFY_EMAIL_MS = 7 * 24 * 60 * 60_000;
const RESET_PASSWORD_MS = 60 * 60_000;

interface Recipient {
  id: number;
  email: string;
  name: string;
}

/**
 * The single-use links the shop emails: confirming an email address and resetting a password. The raw
 * token exists only in the email; the table keeps its SHA-256, so a leaked table opens no account.
 */
@Injectable()
export class AccountTokensService {
  constructor(
    private readonly transactions: Transactions,
    private readonly mail: MailService,
    private readonly sessions: DatabaseSessionStore,
    @InjectRepository(UserToken) private readonly tokens: Repository<UserToken>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: AttemptLimiter,
  ) {}

  /**
   * Queues the "confirm your email" link in the caller's transaction (registration, a changed email), so
   * the change and its email commit together. A link sent to an earlier address stops working.
   */
  async sendEmailVerification(manager: EntityManager, user: Recipient): Promise<void> {
    const token = newLinkToken();
    await issue(manager, user.id, TokenPurpose.VerifyEmail, token, VERIFY_EMAIL_MS);
    await this.mail.enqueue(manager, verificationEmail(user, `${this.config.publicUrl}/email/verify/${token}`));
  }

  /**
   * Someone asked for a new account with an address that has one: its owner is told, in the caller's
   * transaction, with the ways back in. The visitor is answered as if the account were new, so only
   * the mailbox learns that the address has an account here.
   */
  async sendAccountExistsNotice(manager: EntityManager, user: Recipient): Promise<void> {
    await this.mail.enqueue(manager, accountExistsEmail(user, this.config.publicUrl));
  }

  /**
   * Whether the confirmation page may offer its button; throws InvalidVerificationLinkError when the link
   * is unknown, used or expired. Only looks: opening the link confirms nothing (see verifyEmail).
   */
  async checkVerificationLink(token: string): Promise<void> {
    if (!(await this.isUsable(token, TokenPurpose.VerifyEmail))) throw new InvalidVerificationLinkError();
  }

  /**
   * Confirms the address and spends the link. Called by the confirmation page's POST, never by the GET of
   * the link: mail scanners and link previews open every link in a message, and must not confirm for a person.
   */
  async verifyEmail(token: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const userId = await consume(manager, token, TokenPurpose.VerifyEmail);
      if (userId === null) throw new InvalidVerificationLinkError();
      await manager.update(User, { id: userId, emailVerifiedAt: IsNull() }, { emailVerifiedAt: new Date() });
    });
  }

  /**
   * Emails a reset link if an account has this address, and says nothing either way. Both paths make a
   * token and look the address up inside a transaction, so both answer in about the same time; only the
   * few writes for a real account differ.
   */
  async requestPasswordReset(email: string): Promise<void> {
    const token = newLinkToken();
    await this.transactions.run(async (manager) => {
      const user = await manager.findOne(User, { where: { email: email.trim().toLowerCase() }, select: { id: true, email: true, name: true } });
      if (!user) return;
      await issue(manager, user.id, TokenPurpose.ResetPassword, token, RESET_PASSWORD_MS);
      await this.mail.enqueue(manager, resetEmail(user, `${this.config.publicUrl}/password/reset/${token}`));
    });
  }

  /** Whether the reset form may be shown; throws InvalidResetLinkError when the link is unknown, used or expired. */
  async checkResetLink(token: string): Promise<void> {
    if (!(await this.isUsable(token, TokenPurpose.ResetPassword))) throw new InvalidResetLinkError();
  }

  /**
   * Sets a new password through a reset link, which is spent by the same transaction, and in it signs
   * the account out everywhere: whoever knew the old password loses their session with it. Then the
   * sign-in failures counted against the account are forgotten: its owner proved they read its mail.
   * Returns whose account it was.
   */
  async resetPassword(token: string, password: string): Promise<{ email: string }> {
    // Checked before hashing so a made-up link costs no argon2 work; the conditional update below decides races.
    await this.checkResetLink(token);
    const passwordHash = await hashPassword(password);
    const account = await this.transactions.run(async (manager) => {
      const owner = await consume(manager, token, TokenPurpose.ResetPassword);
      if (owner === null) throw new InvalidResetLinkError();
      await manager.update(User, { id: owner }, { passwordHash });
      // The link reached the inbox, which proves the address as well as the confirmation link would.
      await manager.update(User, { id: owner, emailVerifiedAt: IsNull() }, { emailVerifiedAt: new Date() });
      await this.sessions.destroyAllFor(owner, manager);
      return manager.findOneOrFail(User, { where: { id: owner }, select: { id: true, email: true } });
    });
    await this.limiter.forgiveAccount(account.email);
    return { email: account.email };
  }

  /**
   * The user's unused links of these kinds stop working now: after a changed email or password, a link
   * sent before it (perhaps to a mailbox the account no longer uses) is no way in.
   */
  async expireLinks(manager: EntityManager, userId: number, purposes: TokenPurpose[]): Promise<void> {
    await expireUnused(manager, userId, purposes, new Date());
  }

  private async isUsable(token: string, purpose: TokenPurpose): Promise<boolean> {
    return isLinkToken(token) && (await this.tokens.existsBy({ tokenHash: linkTokenHash(token), purpose, usedAt: IsNull(), expiresAt: MoreThan(new Date()) }));
  }
}

/**
 * Stores the hash of a new token and retires the user's earlier unused ones for the same purpose: only the
 * newest link works, so an older email lying in an inbox (or sent to a previous address) is no way in.
 */
async function issue(manager: EntityManager, userId: number, purpose: TokenPurpose, token: string, lifetimeMs: number): Promise<void> {
  const now = new Date();
  await expireUnused(manager, userId, [purpose], now);
  await manager.insert(UserToken, { userId, purpose, tokenHash: linkTokenHash(token), expiresAt: new Date(now.getTime() + lifetimeMs) });
}

async function expireUnused(manager: EntityManager, userId: number, purposes: TokenPurpose[], now: Date): Promise<void> {
  await manager.update(UserToken, { userId, purpose: In(purposes), usedAt: IsNull(), expiresAt: MoreThan(now) }, { expiresAt: now });
}

/**
 * Marks the token used if it is still usable and returns whose it is, or null. The conditional update
 * (usedAt IS NULL AND expiresAt > now, affected rows checked) lets exactly one of two racing requests win.
 */
async function consume(manager: EntityManager, token: string, purpose: TokenPurpose): Promise<number | null> {
  if (!isLinkToken(token)) return null;
  const row = await manager.findOne(UserToken, { where: { tokenHash: linkTokenHash(token), purpose }, select: { id: true, userId: true } });
  if (!row) return null;
  const now = new Date();
  const spent = await manager.update(UserToken, { id: row.id, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
  return spent.affected === 1 ? row.userId : null;
}

function verificationEmail(user: Recipient, verifyUrl: string): OutgoingEmail<'verify_email'> {
  return { kind: 'verify_email', to: user.email, variables: { name: user.name, verifyUrl } };
}

function resetEmail(user: Recipient, resetUrl: string): OutgoingEmail<'reset_password'> {
  return { kind: 'reset_password', to: user.email, variables: { name: user.name, resetUrl } };
}

function accountExistsEmail(user: Recipient, publicUrl: string): OutgoingEmail<'account_exists'> {
  return {
    kind: 'account_exists',
    to: user.email,
    variables: { name: user.name, signInUrl: `${publicUrl}/login`, forgotPasswordUrl: `${publicUrl}/password/forgot` },
  };
}
