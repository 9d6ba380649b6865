import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { EmailTakenError } from './auth.errors.js';
import { Role, User } from './entities/user.entity.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';
import type { SessionUser } from './session-user.js';

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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureOwner();
  }

  /** Creates a customer account. Whatever the form carried, a new account is never staff or owner. */
  async register(account: NewAccount, role: Role = Role.Customer): Promise<SessionUser> {
    const email = account.email.trim().toLowerCase();
    if (await this.users.existsBy({ email })) throw new EmailTakenError();
    const passwordHash = await hashPassword(account.password);
    try {
      const created = await this.users.insert({ email, name: account.name.trim(), passwordHash, role });
      return { id: Number(created.identifiers[0].id), email, name: account.name.trim(), role };
    } catch (error) {
      // Two registrations racing for one email: the unique index decides.
      if (error instanceof QueryFailedError) throw new EmailTakenError();
      throw error;
    }
  }

  /** The user for these credentials, or null; takes the same time whether or not the email exists. */
  async checkCredentials(email: string, password: string): Promise<SessionUser | null> {
    const user = await this.users.findOneBy({ email: email.trim().toLowerCase() });
    const matches = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
    return user && matches ? toSessionUser(user) : null;
  }

  async findSessionUser(id: number): Promise<SessionUser | null> {
    const user = await this.users.findOneBy({ id });
    return user ? toSessionUser(user) : null;
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
}

function toSessionUser(user: User): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
