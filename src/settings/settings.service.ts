import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, Like, Repository } from 'typeorm';
import type { Actor } from '../audit/actor.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { randomSecret } from '../config/config.js';
import { Transactions } from '../database/transactions.js';
import { StoreSetting } from './store-setting.entity.js';

const REQUIRE_TWO_FACTOR = 'require_two_factor';

/** The currencies a shop may sell in (ISO 4217). Prices are stored as numbers: changing it converts nothing. */
export const CURRENCIES = ['PKR', 'USD', 'GBP', 'EUR', 'AED', 'SAR', 'INR'] as const;

/** What the shop says about itself on every page: its name and logo, how to reach it, its currency and home page. */
export interface StoreSettings {
  shopName: string;
  /** An /uploads/shop/… address, or null for none (the name alone). */
  logoUrl: string | null;
  contactEmail: string;
  contactPhone: string;
  currency: string;
  homeHeading: string;
  homeText: string;
}

/** Each setting's row in store_setting. */
const STORE_KEYS: Record<keyof StoreSettings, string> = {
  shopName: 'shop_name',
  logoUrl: 'logo_url',
  contactEmail: 'contact_email',
  contactPhone: 'contact_phone',
  currency: 'currency',
  homeHeading: 'home_heading',
  homeText: 'home_text',
};

/** What a shop that has never saved its settings shows: the demo brand's. */
export const DEFAULT_STORE_SETTINGS: StoreSettings = {
  shopName: 'Anarkali',
  logoUrl: null,
  contactEmail: '',
  contactPhone: '',
  currency: 'PKR',
  homeHeading: 'Clothes made in Lahore, for every day and every occasion',
  homeText: 'Lawn kurtas, linen shirts and silk dupattas — cut, sewn and finished by our own tailors.',
};
const CATALOG_GENERATION = 'catalog_generation';
/** A row per tag of the catalog cache dropped lately, keyed by a hash of the tag (a product's slug may be longer than a key). */
const CATALOG_TAG_PREFIX = 'catalog_tag:';
/**
 * A dropped tag's row is kept this long, then deleted by the next read: every instance has read it by
 * then (they poll every second), and every entry cached before the drop has expired
 * (CATALOG_CACHE_TTL_SECONDS), so it tells nobody anything; without this the rows would grow with the catalog.
 */
const CATALOG_TAG_KEPT_MS = 5 * 60_000;

/** What a dropped tag's row holds: the tag, its new version, and when it was written (ms since the epoch). */
interface CatalogTagDrop {
  tag: string;
  version: string;
  at: number;
}

/** The owner's bank account, for customers who pay by bank transfer. */
export interface BankAccount {
  accountTitle: string;
  bankName: string;
  /** The IBAN or account number, as the customer types it into their banking app. */
  accountNumber: string;
  /** Anything else the customer should know ("Send the receipt to WhatsApp 0300 …"). */
  instructions: string;
}

/** Each bank account setting's row in store_setting. */
const BANK_KEYS: Record<keyof BankAccount, string> = {
  accountTitle: 'bank_account_title',
  bankName: 'bank_name',
  accountNumber: 'bank_account_number',
  instructions: 'bank_instructions',
};

/** Store-wide settings every instance agrees on, read from the database. */
@Injectable()
export class SettingsService {
  constructor(
    @InjectRepository(StoreSetting) private readonly settings: Repository<StoreSetting>,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
  ) {}

  async currency(): Promise<string> {
    return (await this.settings.findOneBy({ key: STORE_KEYS.currency }))?.value ?? DEFAULT_STORE_SETTINGS.currency;
  }

  /**
   * The store's settings, read from the database in one query. Pages read them through the catalog's
   * StorefrontSettings, which keeps them in the catalog cache (so a page view costs no query) and drops
   * them on every instance when they change.
   */
  storeSettings(): Promise<StoreSettings> {
    return this.storeSettingsIn(this.settings.manager);
  }

  /**
   * Saves the store's settings given (those left out stay as they are) in the caller's transaction, and
   * records each changed one in the audit log (setting.changed, the value before and after). Answers
   * the settings as they were.
   */
  async saveStoreSettings(manager: EntityManager, settings: Partial<StoreSettings>, actor: Actor): Promise<StoreSettings> {
    const before = await this.storeSettingsIn(manager);
    for (const name of Object.keys(STORE_KEYS) as (keyof StoreSettings)[]) {
      if (!(name in settings) || before[name] === settings[name]) continue;
      await manager.upsert(StoreSetting, { key: STORE_KEYS[name], value: settings[name] ?? '' }, ['key']);
      await this.audit.record(manager, actor, {
        action: 'setting.changed',
        subject: { type: 'setting', id: STORE_KEYS[name] },
        before: { value: before[name] },
        after: { value: settings[name] },
      });
    }
    return before;
  }

  /** The shop's name as `manager`'s transaction reads it: what an email queued in it is signed with. */
  async shopNameWithin(manager: EntityManager): Promise<string> {
    return (await manager.findOneBy(StoreSetting, { key: STORE_KEYS.shopName }))?.value || DEFAULT_STORE_SETTINGS.shopName;
  }

  private async storeSettingsIn(manager: EntityManager): Promise<StoreSettings> {
    const rows = await manager.findBy(StoreSetting, { key: In(Object.values(STORE_KEYS)) });
    const saved = new Map(rows.map((row) => [row.key, row.value]));
    const value = (name: keyof StoreSettings) => saved.get(STORE_KEYS[name]) ?? DEFAULT_STORE_SETTINGS[name];
    return {
      shopName: value('shopName') as string,
      logoUrl: value('logoUrl') || null,
      contactEmail: value('contactEmail') as string,
      contactPhone: value('contactPhone') as string,
      currency: value('currency') as string,
      homeHeading: value('homeHeading') as string,
      homeText: value('homeText') as string,
    };
  }

  /** The owner's bank account, or null while it has no title and number (then bank transfer is not offered). */
  async bankAccount(): Promise<BankAccount | null> {
    const saved = await this.valuesOf(Object.values(BANK_KEYS));
    const value = (name: keyof BankAccount) => saved.get(BANK_KEYS[name]) ?? '';
    const account = {
      accountTitle: value('accountTitle'),
      bankName: value('bankName'),
      accountNumber: value('accountNumber'),
      instructions: value('instructions'),
    };
    return account.accountTitle && account.accountNumber ? account : null;
  }

  /** Saves the bank account in the caller's transaction, each changed value recorded in the audit log. */
  async saveBankAccount(manager: EntityManager, account: BankAccount, actor: Actor): Promise<void> {
    await this.saveValues(
      manager,
      Object.fromEntries((Object.keys(BANK_KEYS) as (keyof BankAccount)[]).map((name) => [BANK_KEYS[name], account[name]])),
      actor,
      '',
    );
  }

  /**
   * Settings a feature keeps in its own words (pricing's delivery, tax and cash-on-delivery rules), by
   * key, in one query; a key never saved is absent, and the feature supplies its default.
   */
  async valuesOf(keys: string[]): Promise<Map<string, string>> {
    const rows = await this.settings.findBy({ key: In(keys) });
    return new Map(rows.map((row) => [row.key, row.value]));
  }

  /**
   * Saves such settings in the caller's transaction, each one that changed recorded in the audit log
   * (setting.changed). `unsaved`: what a key never saved stands for ('' for the bank account's fields,
   * so leaving one blank is no change); by default none, so every first value is saved.
   */
  async saveValues(manager: EntityManager, values: Record<string, string>, actor: Actor, unsaved: string | null = null): Promise<void> {
    const rows = await manager.findBy(StoreSetting, { key: In(Object.keys(values)) });
    const before = new Map(rows.map((row) => [row.key, row.value]));
    for (const [key, value] of Object.entries(values)) {
      if ((before.get(key) ?? unsaved) === value) continue;
      await manager.upsert(StoreSetting, { key, value }, ['key']);
      await this.audit.record(manager, actor, {
        action: 'setting.changed',
        subject: { type: 'setting', id: key },
        before: { value: before.get(key) ?? unsaved },
        after: { value },
      });
    }
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

  /**
   * The catalog cache's generation and the versions of the tags dropped lately, by tag (see
   * MemoryCatalogStore), shared through the database by instances without Redis: one query. Rows of
   * tags dropped longer ago than CATALOG_TAG_KEPT_MS are deleted, unless written again since.
   */
  async catalogCacheVersions(): Promise<{ generation: string | null; tags: Map<string, string> }> {
    const rows = await this.settings.find({ where: [{ key: CATALOG_GENERATION }, { key: Like(`${CATALOG_TAG_PREFIX}%`) }] });
    const tags = new Map<string, string>();
    const keptSince = Date.now() - CATALOG_TAG_KEPT_MS;
    for (const row of rows) {
      if (!row.key.startsWith(CATALOG_TAG_PREFIX)) continue;
      const drop = catalogTagDropIn(row.value);
      if (drop && drop.at >= keptSince) tags.set(drop.tag, drop.version);
      else await this.settings.delete({ key: row.key, value: row.value });
    }
    return { generation: rows.find((row) => row.key === CATALOG_GENERATION)?.value ?? null, tags };
  }

  async setCatalogGeneration(generation: string): Promise<void> {
    await this.settings.upsert({ key: CATALOG_GENERATION, value: generation }, ['key']);
  }

  /** New versions of catalog cache tags, by tag. In key order, so two instances writing the same rows at once lock them in one order. */
  async setCatalogTagVersions(versions: ReadonlyMap<string, string>): Promise<void> {
    const at = Date.now();
    const rows = [...versions]
      .map(([tag, version]) => ({ key: catalogTagKey(tag), value: JSON.stringify({ tag, version, at } satisfies CatalogTagDrop) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    await this.settings.upsert(rows, ['key']);
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

function catalogTagKey(tag: string): string {
  return `${CATALOG_TAG_PREFIX}${createHash('sha256').update(tag).digest('hex').slice(0, 48)}`;
}

/** A tag row's drop, or undefined for a value that is not one (it is then deleted as stale). */
function catalogTagDropIn(value: string): CatalogTagDrop | undefined {
  try {
    const drop = JSON.parse(value) as Partial<CatalogTagDrop>;
    return typeof drop.tag === 'string' && typeof drop.version === 'string' && typeof drop.at === 'number' ? (drop as CatalogTagDrop) : undefined;
  } catch {
    return undefined;
  }
}
