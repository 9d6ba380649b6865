import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { loadConfig } from '../../src/config/config.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { prepareDatabase } from '../../src/database/dialect.js';
import { freshMySqlDatabase, onMySql } from './test-shop.js';

/** A fresh database of the driver the run uses, for a migration (by name) to upgrade: the database as it was before it, and the options to run the rest. */
export function upgradeTo(migrationName: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'anarkali-upgrade-'));
  const mysqlDatabase = onMySql() ? freshMySqlDatabase() : undefined;
  const config = loadConfig({ VAR_DIR: dir, ...(mysqlDatabase ? { DATABASE_URL: mysqlDatabase.url } : {}) }).database;
  let options: DataSourceOptions | undefined;
  return {
    /** The database with every migration before `migrationName` run, initialised; the caller fills and destroys it. */
    async databaseBefore(): Promise<DataSource> {
      // prepareDatabase makes the MySQL/MariaDB database and picks the dialect from the server, as the shop does.
      options = dataSourceOptions(await prepareDatabase(config));
      const migrations = options.migrations as NonNullable<DataSourceOptions['migrations']> & unknown[];
      const upgrade = migrations.findIndex((migration) => String((migration as { name: string }).name).startsWith(migrationName));
      const before = new DataSource({ ...options, migrations: migrations.slice(0, upgrade) } as DataSourceOptions);
      await before.initialize();
      await before.runMigrations();
      return before;
    },
    /** The same database with every migration, to run the upgrade. */
    databaseAfter(): DataSource {
      if (!options) throw new Error('databaseBefore() first');
      return new DataSource(options);
    },
    async cleanUp() {
      await mysqlDatabase?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
