import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, jest } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import mysql from 'mysql2/promise';
import passport from 'passport';
import { DataSource } from 'typeorm';
import { createShopApp, listenOn, type ShopAppOptions } from '../../src/app.factory.js';
import { type AppConfig, loadConfig } from '../../src/config/config.js';

export const OWNER = { email: 'owner@anarkali.test', password: 'owner-password-123' };
const TEST_SESSION_SECRET = 'test-secret-test-secret-test-secret-0123';

export interface TestShop {
  app: NestExpressApplication;
  config: AppConfig;
  baseUrl: string;
  dataSource: DataSource;
  get<T>(type: new (...args: never[]) => T): T;
  close(): Promise<void>;
}

export const onMySql = (): boolean => /^(mysql|mariadb):/.test(process.env.DATABASE_URL ?? '');

/**
 * Starts the whole shop on a free port of HOST (loopback, unless a test sets it; on PORT when the test
 * names one, so PUBLIC_URL can point at it before it starts) against its own fresh database: a temporary SQLite file, or, when DATABASE_URL points at MySQL/MariaDB, a new database on
 * that server, dropped at close.
 */
export async function startShop(env: Record<string, string> = {}, options: ShopAppOptions = {}): Promise<TestShop> {
  const storage = freshTestStorage({ HOST: '127.0.0.1', ...env });
  const config = storage.config;
  const passportHooks = passportHooksAddedBy();
  const app = await createShopApp(config, options);
  passportHooks.settle();
  await listenOn(app, config, env.PORT ? config.port : 0);
  const address = app.getHttpServer().address() as AddressInfo;
  const dataSource = app.get(DataSource);
  return {
    app,
    config,
    dataSource,
    baseUrl: `http://${loopbackTo(address)}:${address.port}`,
    get: (type) => app.get(type),
    async close() {
      await app.close();
      passportHooks.remove();
      await storage.remove();
    },
  };
}

/**
 * The test settings, with a place of its own for a test's data: a temporary VAR_DIR (the SQLite file,
 * uploads) and, when DATABASE_URL points at MySQL/MariaDB, a new database named on that server (made
 * by prepareDatabase when the shop starts). `remove()` drops the database and deletes the folder.
 */
export function freshTestStorage(env: Record<string, string> = {}): { config: AppConfig; remove(): Promise<void> } {
  const varDir = mkdtempSync(path.join(os.tmpdir(), 'anarkali-test-'));
  const database = onMySql() ? freshMySqlDatabase() : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    VAR_DIR: varDir,
    SEED_DEMO: '0',
    // Scheduled jobs (the daily stock digest) run only where a test drives them.
    JOBS: '0',
    ADMIN_EMAIL: OWNER.email,
    ADMIN_PASSWORD: OWNER.password,
    SESSION_SECRET: TEST_SESSION_SECRET,
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  return {
    config,
    async remove() {
      await database?.drop();
      rmSync(varDir, { recursive: true, force: true });
    },
  };
}

/** What a shop started in a process of its own (shop-process.ts) needs to find the same database, folder and owner as `config`'s. */
export function storageEnv(config: AppConfig): Record<string, string> {
  return {
    VAR_DIR: config.varDir,
    SEED_DEMO: '0',
    ADMIN_EMAIL: OWNER.email,
    ADMIN_PASSWORD: OWNER.password,
    SESSION_SECRET: TEST_SESSION_SECRET,
    ...(config.database.driver === 'sqlite' ? {} : { DATABASE_URL: config.database.url }),
  };
}

/** Where this machine reaches a server listening at `address`: itself over IPv4 when it listens on every interface. */
function loopbackTo(address: AddressInfo): string {
  if (address.address === '::' || address.address === '0.0.0.0') return '127.0.0.1';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}

/** REDIS_URL for the Redis on this machine, with a fresh key prefix per shop, so runs (and tests) never see each other's keys. */
export const redisEnv = (): Record<string, string> => ({
  REDIS_URL: 'redis://127.0.0.1:6379',
  REDIS_KEY_PREFIX: `anarkali-test:${process.pid}:${randomUUID()}:`,
});

/** The same database for a second instance: the SQLite file in the first one's folder, or its MySQL database. */
export function sameDatabaseAs(shop: TestShop): Record<string, string> {
  return shop.config.database.driver === 'sqlite' ? { VAR_DIR: shop.config.varDir } : { DATABASE_URL: shop.config.database.url };
}

/**
 * `const open = shopsClosedAfterEach()` in a describe block: `await open(env)` starts a shop that is
 * closed after the test, with any spies restored. The newest closes first: a second instance shares the
 * first one's database, which closing the first drops.
 */
export function shopsClosedAfterEach(): (env?: Record<string, string>, options?: ShopAppOptions) => Promise<TestShop> {
  const shops: TestShop[] = [];
  afterEach(async () => {
    for (const shop of shops.splice(0).reverse()) await shop.close();
    jest.restoreAllMocks();
  });
  return async (env = {}, options = {}) => {
    const shop = await startShop(env, options);
    shops.push(shop);
    return shop;
  };
}

/**
 * passport is one object per process and every shop's SessionSerializer adds itself to its chains. A
 * closed shop's deserializer, first in the chain, would answer the next shop's sign-ins from a closed
 * database; so each test shop takes its own hooks out again when it closes.
 */
export function passportHooksAddedBy() {
  const chains = passport as unknown as { _serializers: unknown[]; _deserializers: unknown[] };
  const before = [new Set(chains._serializers), new Set(chains._deserializers)];
  let added: unknown[] = [];
  return {
    settle() {
      added = [...chains._serializers.filter((hook) => !before[0].has(hook)), ...chains._deserializers.filter((hook) => !before[1].has(hook))];
    },
    remove() {
      for (const chain of [chains._serializers, chains._deserializers]) {
        for (const hook of added) if (chain.includes(hook)) chain.splice(chain.indexOf(hook), 1);
      }
    },
  };
}

export function freshMySqlDatabase(): { url: string; drop(): Promise<void> } {
  const server = new URL(process.env.DATABASE_URL as string);
  const name = `anarkali_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  server.pathname = '/';
  return {
    url: url.toString(),
    async drop() {
      const connection = await mysql.createConnection({ uri: server.toString() });
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}
