import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/config.js';
import { allEntities } from './entities.js';
import { mysqlMigrations } from './migrations/mysql/index.js';
import { sqliteMigrations } from './migrations/sqlite/index.js';

/**
 * The one place that knows how each driver is set up. The app, the CLI (ormconfig.ts) and the tests use it.
 * `poolSize` bounds the connections to MySQL/MariaDB (DB_POOL_SIZE; SQLite has one).
 */
export function dataSourceOptions(database: DatabaseConfig, poolSize = 20): DataSourceOptions {
  const common = {
    entities: allEntities,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each' as const,
    logging: false as const,
  };
  if (database.driver === 'sqlite') {
    mkdirSync(path.dirname(database.path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      migrations: sqliteMigrations,
      // WAL lets readers run beside the writer; the busy timeout makes a second process wait instead of failing.
      prepareDatabase: (db: { pragma(source: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
        db.pragma('synchronous = NORMAL');
      },
    };
  }
  return {
    ...common,
    // Against MariaDB the mariadb driver type matters: with mysql the drift check reports false changes.
    type: database.driver,
    url: database.url,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    migrations: mysqlMigrations,
    // trace: false spares mysql2 capturing a stack trace for every query (about a twentieth of the
    // CPU an order costs); a failed query's error still says what failed, and TypeORM's carries the SQL.
    // multipleStatements: the writes a transaction holds back until its commit go in one round trip
    // (statements.ts). Every value the shop sends is bound, never spliced into SQL, so a second
    // statement cannot ride in on one.
    // maxPreparedStatements: TypeORM sends queries, never prepared statements, yet mysql2 gives each
    // connection a statement cache sized for 16,000 that allocates its slots at once (0.5 MB a
    // connection, 10 MB of the heap for the default pool).
    extra: { connectionLimit: poolSize, trace: false, multipleStatements: true, maxPreparedStatements: 16 },
  };
}
