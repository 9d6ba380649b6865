import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/config.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { mysqlMigrations } from '../../src/database/migrations/mysql/index.js';
import { sqliteMigrations } from '../../src/database/migrations/sqlite/index.js';
import { onMySql, startShop } from '../helpers/test-shop.js';

describe(`schema from migrations (${onMySql() ? 'MySQL/MariaDB' : 'SQLite'})`, () => {
  it("lists each driver's migrations in the order they run (TypeORM runs them by their timestamp)", () => {
    for (const migrations of [sqliteMigrations, mysqlMigrations]) {
      const stamps = migrations.map((migration) => Number(/(\d{13})$/.exec(migration.name)?.[1]));
      expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    }
  });

  it('agrees with the entities: generating a migration after running them all yields nothing', async () => {
    const shop = await startShop();
    try {
      const pending = await shop.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      expect(shop.dataSource.options.synchronize).toBe(false);
      expect(await shop.dataSource.showMigrations()).toBe(false);
    } finally {
      await shop.close();
    }
  });

  it('builds the same schema from an empty database with the CLI data source options', async () => {
    if (onMySql()) return; // The MySQL run above starts from an empty database already.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'anarkali-schema-'));
    const dataSource = new DataSource(dataSourceOptions(loadConfig({ VAR_DIR: dir }).database));
    try {
      await dataSource.initialize();
      const applied = await dataSource.runMigrations();
      expect(applied.length).toBeGreaterThan(0);
      expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
      expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    } finally {
      await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
