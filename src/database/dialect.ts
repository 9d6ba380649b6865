import mysql from 'mysql2/promise';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { DatabaseConfig } from '../config/config.js';

/**
 * Where the shop's SQL differs between its databases: which server it talks to, and how rows are
 * locked. The rest of the code asks here instead of looking at the driver itself.
 */

/**
 * The database as the server itself says it is: MariaDB or MySQL is decided from its VERSION(), not from
 * the URL's scheme (Debian and many hosts install MariaDB as "mysql", and a mysql:// URL to it would get
 * MySQL 8's SQL, such as FOR SHARE, which MariaDB refuses). Creates the named database if it is missing,
 * so a fresh server works with no manual step. SQLite needs neither.
 */
export async function prepareDatabase(database: DatabaseConfig): Promise<DatabaseConfig> {
  if (database.driver === 'sqlite') return database;
  const server = new URL(database.url);
  server.pathname = '/';
  const connection = await mysql.createConnection({ uri: server.toString() });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${database.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return { ...database, driver: dialectOfVersion(String(rows[0]?.version ?? '')) };
  } finally {
    await connection.end();
  }
}

/** "10.11.19-MariaDB-0+deb12u1" is MariaDB; "8.4.3" is MySQL. */
export function dialectOfVersion(version: string): 'mysql' | 'mariadb' {
  return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
}

/** The embedded SQLite database: one writer, no row locks, FTS5 for search. */
export function isEmbedded(dataSource: DataSource): boolean {
  return dataSource.options.type === 'better-sqlite3';
}

/**
 * The row of `entity` with this id (null when there is none), locked on MySQL/MariaDB until
 * `manager`'s transaction ends, so transactions that lock one row take turns. SQLite needs no lock
 * (Transactions.run runs one transaction at a time): there it is a plain read.
 */
export async function lockRow<T extends ObjectLiteral & { id: number }>(manager: EntityManager, entity: EntityTarget<T>, id: number): Promise<T | null> {
  return lockingRows(manager.createQueryBuilder(entity, 'locked').where('locked.id = :id', { id })).getOne();
}

/** The rows a query reads, locked as lockRow locks one (FOR UPDATE on MySQL/MariaDB, a plain read on SQLite). */
export function lockingRows<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return isEmbedded(query.connection) ? query : query.setLock('pessimistic_write');
}

/**
 * The rows as last committed, not as this transaction's snapshot saw them: on MySQL/MariaDB a plain read
 * inside a transaction sees its repeatable-read snapshot, a shared lock sees the latest rows (MySQL 8
 * spells it FOR SHARE, MariaDB LOCK IN SHARE MODE: TypeORM picks by the dialect prepareDatabase decided).
 */
export function readingLatest<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return isEmbedded(query.connection) ? query : query.setLock('pessimistic_read');
}

/**
 * Rows for a worker to claim: locked, skipping those another instance holds (FOR UPDATE SKIP LOCKED),
 * so several instances never take the same row. On SQLite the one writer makes the claim atomic.
 */
export function claimingUnlocked<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return isEmbedded(query.connection) ? query : query.setLock('pessimistic_write').setOnLocked('skip_locked');
}

/**
 * SQL for the store's date ("YYYY-MM-DD") of a UTC datetime column: the zone's offset is added before
 * the date is taken, span by span where clocks change inside the window (offsetSpans of
 * common/store-calendar.ts), so sales are grouped by the store's days in the database itself. The
 * spans' instants are added to `parameters`.
 */
export function storeDateSql(
  connection: DataSource,
  column: string,
  spans: { until: Date | null; offsetMinutes: number }[],
  parameters: Record<string, unknown>,
): string {
  let offset = String(Math.trunc(spans[spans.length - 1].offsetMinutes));
  if (spans.length > 1) {
    const branches = spans.slice(0, -1).map((span, i) => {
      parameters[`offsetUntil${i}`] = span.until;
      return `WHEN ${column} < :offsetUntil${i} THEN ${Math.trunc(span.offsetMinutes)}`;
    });
    offset = `CASE ${branches.join(' ')} ELSE ${offset} END`;
  }
  return isEmbedded(connection) ? `date(${column}, (${offset}) || ' minutes')` : `DATE_FORMAT(DATE_ADD(${column}, INTERVAL (${offset}) MINUTE), '%Y-%m-%d')`;
}
