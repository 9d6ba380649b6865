import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { Actor } from '../audit/actor.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { randomSecret } from '../config/config.js';
import { Transactions } from '../database/transactions.js';
import { StoreSetting } from './store-setting.entity.js';

const REQUIRE_TWO_FACTOR = 'require_two_factor';
const CATALOG_GENERATION = 'catalog_generation';

/** Store-wide settings every instance agrees on, read from the database. */
@Injectable()
export class SettingsService {
  constructor(
    @InjectRepository(StoreSetting) private readonly settings: Repository<StoreSetting>,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
  ) {}

  async currency(): Promise<string> {
    return (await this.settings.findOneBy({ key: 'currency' }))?.value ?? 'PKR';
  }

  /** Whether staff and the owner must sign in with a second factor (a code from an authenticator app). */
  async requireTwoFactor(): Promise<boolean> {
    return (await this.settings.findOneBy({ key: REQUIRE_TWO_FACTOR }))?.value === 'true';
  }

  async setRequireTwoFactor(required: boolean, actor: Actor): Promise<void> {
    await this.transactions.run(async (manager) => {
      const before = await this.requireTwoFactorIn(manager);
      await manager.upsert(StoreSetting, { key: REQUIRE_TWO_FACTOR, value: String(required) }, ['key']);
      await this.audit.record(manager, actor, {
        action: 'setting.changed',
        subject: { type: 'setting', id: REQUIRE_TWO_FACTOR },
        before: { value: before },
        after: { value: required },
      });
    });
  }

  private async requireTwoFactorIn(manager: EntityManager): Promise<boolean> {
    return (await manager.findOneBy(StoreSetting, { key: REQUIRE_TWO_FACTOR }))?.value === 'true';
  }

  /** The catalog cache's generation (see CatalogCache), shared through the database by instances without Redis. */
  async catalogGeneration(): Promise<string | null> {
    return (await this.settings.findOneBy({ key: CATALOG_GENERATION }))?.value ?? null;
  }

  async setCatalogGeneration(generation: string): Promise<void> {
    await this.settings.upsert({ key: CATALOG_GENERATION, value: generation }, ['key']);
  }

  /**
   * Makes every other transaction that asks for the lock `name` wait until `transaction` ends, on this
   * instance or any other sharing the database: the row is written (made if absent), which takes its
   * exclusive lock in one statement. Inserting-or-ignoring and then reading FOR UPDATE would take a
   * shared lock first, and two waiters upgrading theirs would deadlock. (On SQLite, Transactions.run
   * already runs one transaction at a time.)
   */
  async holdLock(transaction: EntityManager, name: string): Promise<void> {
    await transaction.upsert(StoreSetting, { key: `lock:${name}`, value: '' }, ['key']);
  }

  /**
   * The session-signing secret: SESSION_SECRET when it is set, else one made once and shared through the
   * database so every instance signs alike.
   */
  async sessionSecret(configured?: string): Promise<string> {
    if (configured) return configured;
    // Insert-if-absent then read: two instances starting together end up with the same secret.
    await this.settings.createQueryBuilder().insert().values({ key: 'session_secret', value: randomSecret() }).orIgnore().execute();
    const row = await this.settings.findOneByOrFail({ key: 'session_secret' });
    return row.value;
  }
}
