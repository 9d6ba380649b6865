import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral, QueryDeepPartialEntity, QueryRunner } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { isEmbedded } from './dialect.js';

/**
 * Statements written by hand from TypeORM's metadata, and writes held back until their transaction
 * commits. Placing an order is a dozen inserts and updates, and each one sent is a round trip that
 * every order in flight waits for, plus the CPU of building it: measured on the checkout benchmark, the
 * socket writes to MariaDB were a sixth of the shop's CPU and TypeORM's query builders a quarter.
 */

/** One statement and its bound values, with `?` placeholders as both of the shop's drivers take them. */
export interface Statement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/**
 * INSERT of `rows` (which all name the same properties) into `entity`'s table, the values converted as
 * TypeORM converts them (dates, booleans, JSON, transformers); properties left out take the column's
 * default. `orIgnore`: a row that would break a unique key is skipped instead of failing.
 */
export function insertStatement<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
  { orIgnore = false }: { orIgnore?: boolean } = {},
): Statement {
  const metadata = manager.connection.getMetadata(entity);
  const properties = Object.keys(rows[0] ?? {});
  const shape = shapeOf(manager, metadata, properties, orIgnore);
  const driver = manager.connection.driver;
  const parameters: unknown[] = [];
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    for (const column of shape.columns) {
      if (!(column.propertyName in values)) throw new Error(`insertStatement: every row of ${metadata.tableName} must name ${column.propertyName}`);
      parameters.push(driver.preparePersistentValue(values[column.propertyName], column));
    }
  }
  return { sql: `${shape.prefix}${Array(rows.length).fill(shape.row).join(', ')}`, parameters };
}

/** UPDATE of `entity`'s rows whose properties have the values in `where`, setting those in `set`. */
export function updateStatement<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  set: Partial<Record<keyof T & string, unknown>>,
  where: Partial<Record<keyof T & string, unknown>>,
): Statement {
  const metadata = manager.connection.getMetadata(entity);
  const assignments = columnValues(manager, metadata, set);
  const conditions = columnValues(manager, metadata, where, true);
  if (assignments.length === 0 || conditions.length === 0) throw new Error(`updateStatement: nothing to set or no condition for ${metadata.tableName}`);
  return {
    sql: `UPDATE ${manager.connection.driver.escape(metadata.tableName)} SET ${assignments.map((a) => a.sql).join(', ')} WHERE ${conditions.map((c) => c.sql).join(' AND ')}`,
    parameters: [...assignments, ...conditions].flatMap((pair) => pair.values),
  };
}

/** DELETE of `entity`'s rows whose properties have these values. */
export function deleteStatement<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: Partial<Record<keyof T & string, unknown>>,
): Statement {
  const metadata = manager.connection.getMetadata(entity);
  const conditions = columnValues(manager, metadata, where, true);
  if (conditions.length === 0) throw new Error(`deleteStatement: no condition for ${metadata.tableName}`);
  return {
    sql: `DELETE FROM ${manager.connection.driver.escape(metadata.tableName)} WHERE ${conditions.map((condition) => condition.sql).join(' AND ')}`,
    parameters: conditions.flatMap((condition) => condition.values),
  };
}

/**
 * The `properties` of `entity`'s rows whose properties have the values in `where`, converted from the
 * database's form as TypeORM converts them (a SQLite date string becomes a Date, say).
 */
export async function selectRows<T extends ObjectLiteral, K extends keyof T & string>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  properties: K[],
  where: Partial<Record<keyof T & string, unknown>>,
): Promise<Pick<T, K>[]> {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const columns = properties.map((property) => columnOf(metadata, property));
  const conditions = columnValues(manager, metadata, where, true);
  const sql = `SELECT ${columns.map((column) => driver.escape(column.databaseName)).join(', ')} FROM ${driver.escape(metadata.tableName)} WHERE ${conditions.map((c) => c.sql).join(' AND ')}`;
  const rows = await manager.query<Record<string, unknown>[]>(
    sql,
    conditions.flatMap((condition) => condition.values),
  );
  return rows.map(
    (row) =>
      Object.fromEntries(columns.map((column) => [column.propertyName, driver.prepareHydratedValue(row[column.databaseName], column) as unknown])) as Pick<
        T,
        K
      >,
  );
}

/**
 * `column = ?` for each property given, with its value as the database takes it; in a condition
 * (`where`), a null value is `column IS NULL`, which is what `= NULL` would never match.
 */
function columnValues(manager: EntityManager, metadata: EntityMetadata, values: Record<string, unknown>, where = false): { sql: string; values: unknown[] }[] {
  const driver = manager.connection.driver;
  return Object.entries(values).map(([property, value]) => {
    const column = columnOf(metadata, property);
    if (where && (value === null || value === undefined)) return { sql: `${driver.escape(column.databaseName)} IS NULL`, values: [] };
    return { sql: `${driver.escape(column.databaseName)} = ?`, values: [driver.preparePersistentValue(value, column) as unknown] };
  });
}

function columnOf(metadata: EntityMetadata, property: string): ColumnMetadata {
  const column = metadata.findColumnWithPropertyName(property);
  if (!column) throw new Error(`${metadata.tableName} has no column for ${property}`);
  return column;
}

/** An insert's SQL up to VALUES, and one row's placeholders. */
interface InsertShape {
  prefix: string;
  row: string;
  columns: ColumnMetadata[];
}
/** Insert shapes by table and the properties given. */
const shapes = new WeakMap<EntityMetadata, Map<string, InsertShape>>();

function shapeOf(manager: EntityManager, metadata: EntityMetadata, properties: string[], orIgnore: boolean): InsertShape {
  let byProperties = shapes.get(metadata);
  if (!byProperties) shapes.set(metadata, (byProperties = new Map<string, InsertShape>()));
  const key = `${orIgnore ? 'ignore' : ''}:${properties.join(',')}`;
  let shape = byProperties.get(key);
  if (!shape) {
    const columns = properties.map((property) => columnOf(metadata, property));
    const escape = (name: string) => manager.connection.driver.escape(name);
    const verb = !orIgnore ? 'INSERT' : isEmbedded(manager.connection) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    shape = {
      prefix: `${verb} INTO ${escape(metadata.tableName)} (${columns.map((column) => escape(column.databaseName)).join(', ')}) VALUES `,
      row: `(${columns.map(() => '?').join(', ')})`,
      columns,
    };
    byProperties.set(key, shape);
  }
  return shape;
}

/**
 * Inserts rows of `entity` and answers the first one's generated id, reading nothing back (TypeORM's own
 * insert selects the columns with defaults again where the database cannot return them: a statement
 * more per row for values the caller already has).
 */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: QueryDeepPartialEntity<T>[]): Promise<number> {
  const { sql, parameters } = insertStatement(manager, entity, rows);
  // better-sqlite3 answers the last row id; mysql2 a result header with the first inserted id.
  const raw = await manager.query<number | bigint | { insertId: number }>(sql, [...parameters]);
  return Number(typeof raw === 'object' ? raw.insertId : raw);
}

/**
 * Sends `writes`, then `read`, and answers the read's rows: on MySQL/MariaDB in one round trip (a lock
 * taken by an update and the rows it guards, say), on SQLite in turn.
 */
export async function readAfterWrites<R>(manager: EntityManager, writes: Statement[], read: Statement): Promise<R[]> {
  if (writes.length === 0 || isEmbedded(manager.connection)) {
    await send(manager, writes);
    return manager.query<R[]>(read.sql, [...read.parameters]);
  }
  const all = [...writes, read];
  const results = await manager.query<unknown[]>(
    all.map((statement) => statement.sql).join(';\n'),
    all.flatMap((statement) => statement.parameters),
  );
  return results[results.length - 1] as R[];
}

/** A TypeORM query's SQL and values, to send with others (readAfterWrites, writeAtCommit). */
export function statementOf(query: { getQueryAndParameters(): [string, unknown[]] }): Statement {
  const [sql, parameters] = query.getQueryAndParameters();
  return { sql, parameters };
}

/** Writes waiting for their transaction's commit, by the transaction's query runner (see Transactions.run). */
const waiting = new WeakMap<QueryRunner, Statement[]>();

/**
 * Sends `statements` (writes whose results nobody reads: no id, no count of rows changed) just before
 * `manager`'s transaction commits, together with every other write held back in it: on MySQL/MariaDB in
 * one round trip. Nothing later in the same transaction may read what they write. Outside a transaction
 * run by Transactions.run (no transaction, or one opened some other way) they are sent at once.
 */
export async function writeAtCommit(manager: EntityManager, ...statements: Statement[]): Promise<void> {
  const queue = manager.queryRunner && waiting.get(manager.queryRunner);
  if (queue) queue.push(...statements);
  else await send(manager, statements);
}

/** insertStatement's rows, written at commit (writeAtCommit). */
export async function insertAtCommit<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
  options?: { orIgnore?: boolean },
): Promise<void> {
  if (rows.length > 0) await writeAtCommit(manager, insertStatement(manager, entity, rows, options));
}

/** Transactions.run: from here on, writeAtCommit in this transaction waits for sendWaitingWrites. */
export function holdWrites(runner: QueryRunner): void {
  waiting.set(runner, []);
}

/** Transactions.run, once its work is done and before it commits: sends what writeAtCommit held back. */
export async function sendWaitingWrites(manager: EntityManager): Promise<void> {
  const runner = manager.queryRunner as QueryRunner;
  const queue = waiting.get(runner) ?? [];
  waiting.delete(runner);
  await send(manager, queue);
}

/** Transactions.run, when its work failed: what was held back is dropped with the rest of the transaction. */
export function dropWaitingWrites(runner: QueryRunner): void {
  waiting.delete(runner);
}

/**
 * Sends statements in order: on MySQL/MariaDB as one multi-statement query (the pool allows them,
 * data-source-options.ts), so several writes cost one round trip; SQLite runs in this process, where
 * a statement costs no round trip, and better-sqlite3 binds values for one statement at a time.
 */
async function send(manager: EntityManager, statements: Statement[]): Promise<void> {
  if (statements.length === 1 || (statements.length > 1 && isEmbedded(manager.connection))) {
    for (const { sql, parameters } of statements) await manager.query(sql, [...parameters]);
  } else if (statements.length > 1) {
    await manager.query(
      statements.map((statement) => statement.sql).join(';\n'),
      statements.flatMap((statement) => statement.parameters),
    );
  }
}
