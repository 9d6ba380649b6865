import type { Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/config/config.js';
import { MetricsModule } from '../../src/common/metrics.js';
import { ConfigModule } from '../../src/config/config.module.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { prepareDatabase } from '../../src/database/dialect.js';
import { freshTestStorage, passportHooksAddedBy } from './test-shop.js';

/** The shop's services below HTTP, on a database of their own (the medium tier of tests). */
export interface ServiceModule {
  config: AppConfig;
  dataSource: DataSource;
  get<T>(type: new (...args: never[]) => T): T;
  close(): Promise<void>;
}

/**
 * `await serviceModule(OrdersModule)`: the shop's modules a service needs, with the configuration and
 * the database they all share, in a Nest testing module against a fresh real database (a temporary
 * SQLite file, or a new database on the MySQL/MariaDB server DATABASE_URL names, migrated as at start).
 * No HTTP server and nothing listening; the outbox worker is off, so queued mail stays in the table
 * for the test to read. `close()` ends the module, then drops the database and its folder.
 */
export function serviceModule(...modules: Type[]): Promise<ServiceModule> {
  return serviceModuleWith({}, ...modules);
}

/** serviceModule with settings of the test's own: `serviceModuleWith({ STORE_TIME_ZONE: 'Europe/London' }, AdminModule)`. */
export async function serviceModuleWith(env: Record<string, string>, ...modules: Type[]): Promise<ServiceModule> {
  const storage = freshTestStorage({ MAIL_WORKER: '0', ...env });
  // The server decides whether it is MySQL or MariaDB, as when the shop starts (createShopApp).
  const config: AppConfig = { ...storage.config, database: await prepareDatabase(storage.config.database) };
  const passportHooks = passportHooksAddedBy();
  let testing: TestingModule | undefined;
  const close = async () => {
    await testing?.close();
    passportHooks.remove();
    await storage.remove();
  };
  try {
    testing = await Test.createTestingModule({ imports: [ConfigModule.register(config), MetricsModule, DatabaseModule, ...modules] }).compile();
    passportHooks.settle();
    // Start-up hooks run as in the shop: with AuthModule the owner's account (OWNER) is made; the demo seed is off (SEED_DEMO=0).
    await testing.init();
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  const ready = testing;
  return { config, dataSource: ready.get(DataSource), get: (type) => ready.get(type), close };
}
