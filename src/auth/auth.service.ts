import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type EntityManager, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { containsPattern } from '../common/like.js';
import { clampedPage, pageCount, type Page } from '../common/pagination.js';
import { phoneDigitsSql } from '../common/phone.js';
import { logSecurityEvent } from '../common/security-log.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { Transactions } from '../database/transactions.js';
import { AccountTokensService } from './account-tokens.service.js';
import { type Attempter, AttemptLimiter, LimitedAction } from './attempt-limiter.js';
import { EmailTakenError } from './auth.errors.js';
import { Address } from './entities/address.entity.js';
import { Role, User } from './entities/user.entity.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';
import type { SessionUser } from './session-user.js';

const CUSTOMERS_PER_PAGE = 25;

/** A customer account as the owner's panel lists it: no password hash or second-factor secret. */
export interface CustomerSummary {
  id: number;
  name: string;
  email: string;
  emailVerified: boolean;
  joinedAt: Date;
}

export interface CustomerQuery {
  page: number;
  search?: string;
  /** The digits of a phone number searched for (phoneSearchDigits), to match saved addresses. */
  phoneDigits?: string;
  /** Accounts to include as matches besides (found by another module, such as by their orders' phone). */
  alsoAccounts?: number[];
}

export interface NewAccount {
  name: string;
  email: string;
  password: string;
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly accountTokens: AccountTokensService,
    private readonly limiter: AttemptLimiter,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureOwner();
  }

  /**
   * Creates an account and, unless it is the owner's, queues the email that confirms its address, in
   * one transaction. For the owner, staff and scripts: a visitor asks through requestCustomerAccount.
   */
  async register(account: NewAccount, role: Role = Role.Customer): Promise<SessionUser> {
    const email = account.email.trim().toLowerCase();
    if (await this.users.existsBy({ email })) throw new EmailTakenError();
    const passwordHash = await hashPassword(account.password);
    return this.transactions.run((manager) => this.createAccount(manager, { email, name: account.name.trim(), passwordHash, role }));
  }

  /**
   * A visitor asks for a customer account, and learns nothing about whether the email has one: the
   * attempt is counted first (TooManyAttemptsError past ten an hour from one address or three for one
   * email), the password is hashed either way so both take as long, and then, in one transaction,
   * either a new unconfirmed account is made with its confirmation email, or the owner of the address
   * is told by email that someone tried. Whatever the form carried, a new account is a customer's.
   */
  async requestCustomerAccount(account: NewAccount, who: Attempter): Promise<void> {
    const email = account.email.trim().toLowerCase();
    await this.limiter.begin(LimitedAction.Register, { ...who, email });
    const passwordHash = await hashPassword(account.password);
    const request = () =>
      this.transactions.run(async (manager) => {
        const existing = await manager.findOne(User, { where: { email }, select: { id: true, email: true, name: true } });
        if (existing) await this.accountTokens.sendAccountExistsNotice(manager, existing);
        else await this.createAccount(manager, { email, name: account.name.trim(), passwordHash, role: Role.Customer });
      });
    try {
      await request();
    } catch (error) {
      // Two requests raced for one new email and the unique index chose the other: now the account exists.
      if (!(error instanceof EmailTakenError)) throw error;
      await request();
    }
  }

  /**
   * The user for these credentials, or null; takes the same time whether or not the email exists.
   * The attempt is counted (and past the limit refused with TooManyAttemptsError) before the account
   * is even looked up, so a locked-out guesser never makes us hash. A right password for an account
   * with two-factor sign-in does not forgive the account's failures: that waits for the right code.
   */
  async checkCredentials(email: string, password: string, who: Attempter): Promise<SessionUser | null> {
    const address = email.trim().toLowerCase();
    const ticket = await this.limiter.begin(LimitedAction.SignIn, { ...who, email: address });
    const user = await this.users.findOneBy({ email: address });
    const matches = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
    if (!user || !matches) {
      logSecurityEvent('sign_in_failed', who, { email: address, userId: user?.id });
      return null;
    }
    const secondFactor = user.totpEnabledAt !== null;
    await this.limiter.succeeded(ticket, { forgiveAccount: !secondFactor });
    logSecurityEvent(secondFactor ? 'sign_in_second_factor_required' : 'sign_in_succeeded', who, { userId: user.id, email: address, role: user.role });
    return toSessionUser(user);
  }

  async findSessionUser(id: number): Promise<SessionUser | null> {
    const user = await this.users.findOneBy({ id });
    return user ? toSessionUser(user) : null;
  }

  /** findSessionUser in the caller's transaction (a job that emails the account holder in it). */
  async findSessionUserWithin(manager: EntityManager, id: number): Promise<SessionUser | null> {
    const user = await manager.findOneBy(User, { id });
    return user ? toSessionUser(user) : null;
  }

  /**
   * One page of customer accounts (not staff or the owner), newest first; `search` matches part of the
   * email or the name, with the searcher's own % and _ taken literally. With `phoneDigits` it also
   * matches accounts with a saved address of that number (compared as digits), and the accounts in
   * `alsoAccounts` (those the orders found for it).
   */
  async customerPage(query: CustomerQuery): Promise<Page<CustomerSummary>> {
    const customers = this.users.createQueryBuilder('u').where('u.role = :customer', { customer: Role.Customer });
    const { search, phoneDigits, alsoAccounts = [] } = query;
    if (search) {
      customers.andWhere(
        new Brackets((either) => {
          either.where("u.email LIKE :search ESCAPE '!'", { search: containsPattern(search.toLowerCase()) });
          either.orWhere("LOWER(u.name) LIKE :search ESCAPE '!'");
          if (phoneDigits) {
            const savedWithPhone = customers
              .subQuery()
              .select('a.userId')
              .from(Address, 'a')
              .where(`${phoneDigitsSql('a.phone')} LIKE :phoneDigits ESCAPE '!'`)
              .getQuery();
            either.orWhere(`u.id IN ${savedWithPhone}`, { phoneDigits: containsPattern(phoneDigits) });
          }
          if (alsoAccounts.length > 0) either.orWhere('u.id IN (:...alsoAccounts)', { alsoAccounts });
        }),
      );
    }
    const total = await customers.getCount();
    const pages = pageCount(total, CUSTOMERS_PER_PAGE);
    const page = clampedPage(query.page, total, CUSTOMERS_PER_PAGE);
    const rows = await customers
      .select(['u.id', 'u.name', 'u.email', 'u.emailVerifiedAt', 'u.createdAt'])
      .orderBy('u.createdAt', 'DESC')
      .addOrderBy('u.id', 'DESC')
      .skip((page - 1) * CUSTOMERS_PER_PAGE)
      .take(CUSTOMERS_PER_PAGE)
      .getMany();
    return { items: rows.map(toCustomerSummary), page, pages, total };
  }

  /** A customer's account by id; staff, the owner or no account at all are "not found". */
  async customer(id: number): Promise<CustomerSummary> {
    const user = Number.isSafeInteger(id) && id > 0 ? await this.users.findOneBy({ id, role: Role.Customer }) : null;
    if (!user) throw new NotFoundError('That customer');
    return toCustomerSummary(user);
  }

  /**
   * Makes sure the shop has an owner: from ADMIN_EMAIL/ADMIN_PASSWORD when set, otherwise a generated
   * account whose one-time password is printed once, here, and stored only as a hash.
   */
  private async ensureOwner(): Promise<void> {
    const { email, password } = this.config.owner;
    if (email && password) {
      if (!(await this.users.existsBy({ email }))) {
        await this.register({ name: 'Shop owner', email, password }, Role.Owner);
        this.logger.log({ event: 'owner_created', email });
      }
      return;
    }
    if (await this.users.existsBy({ role: Role.Owner })) return;
    const generated = { name: 'Shop owner', email: email ?? 'owner@anarkali.local', password: randomBytes(12).toString('base64url') };
    await this.register(generated, Role.Owner);
    process.stdout.write(
      `\n  Owner account created. Sign in at /login with\n    email:    ${generated.email}\n    password: ${generated.password}\n` +
        `  This password is shown only once. Set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own.\n\n`,
    );
  }

  /**
   * Inserts the account and queues its confirmation email in the caller's transaction; EmailTakenError
   * when the unique index finds the address taken. The owner's address comes from the shop's own
   * configuration, not from a stranger's form, so it counts as confirmed.
   */
  private async createAccount(manager: EntityManager, account: Pick<User, 'email' | 'name' | 'passwordHash' | 'role'>): Promise<SessionUser> {
    const verified = account.role === Role.Owner;
    const created = await manager.insert(User, { ...account, emailVerifiedAt: verified ? new Date() : null }).catch((error: unknown) => {
      throw isUniqueViolation(error) ? new EmailTakenError() : error;
    });
    const user = { id: Number(created.identifiers[0].id), email: account.email, name: account.name, role: account.role };
    if (!verified) await this.accountTokens.sendEmailVerification(manager, user);
    return user;
  }
}

function toCustomerSummary(user: User): CustomerSummary {
  return { id: user.id, name: user.name, email: user.email, emailVerified: user.emailVerifiedAt !== null, joinedAt: user.createdAt };
}

export function toSessionUser(user: User): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
