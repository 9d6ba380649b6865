import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { DataSource, type MigrationInterface } from 'typeorm';
import { type DatabaseConfig, loadConfig } from '../config/config.js';
import { dataSourceOptions } from './data-source-options.js';
import { prepareDatabase } from './dialect.js';

/** The migration folders: `mysql` serves MySQL and MariaDB. */
export type MigrationDriver = 'sqlite' | 'mysql';
export const MIGRATION_DRIVERS: readonly MigrationDriver[] = ['sqlite', 'mysql'];
export type MigrationTarget = MigrationDriver | 'all';

export interface SchemaChange {
  upQueries: { query: string; parameters?: unknown[] }[];
  /** In the order of upQueries, as TypeORM's schema builder gives them: each undoes the up query at its index. */
  downQueries: { query: string; parameters?: unknown[] }[];
}

export type MigrationClass = new () => MigrationInterface;

export interface GenerateOptions {
  /** A MySQL/MariaDB server URL; each run makes its own scratch database there and drops it afterwards. */
  serverUrl: string;
  /** Where a driver's migrations and its index.ts are. */
  folderOf(driver: MigrationDriver): string;
  /** The migrations the scratch database gets; the committed ones unless a test leaves some out. */
  migrationsOf?(driver: MigrationDriver): MigrationClass[];
  now?: number;
}

export function isMigrationTarget(value: string | undefined): value is MigrationTarget {
  return value === 'all' || MIGRATION_DRIVERS.includes(value as MigrationDriver);
}

/**
 * Compares each driver's committed migrations with the entities and writes a migration for what differs.
 * Every driver is compared before anything is written, so a driver that cannot be compared (its server is
 * away) leaves no half of a pair; `all` gives both files one timestamp, which also sorts after every existing
 * migration (TypeORM runs them in timestamp order, whatever the clock says).
 * Returns the lines to print.
 */
export async function generateMigrations(target: MigrationTarget, name: string, options: GenerateOptions): Promise<string[]> {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new Error(`Name the migration for what it does, in PascalCase (AddVariantCompareAtPrice), not "${name}"`);
  }
  const drivers = target === 'all' ? MIGRATION_DRIVERS : [target];
  const plans: { driver: MigrationDriver; change: SchemaChange; newestTimestamp: number }[] = [];
  for (const driver of drivers) plans.push({ driver, ...(await compareWithEntities(driver, options)) });
  const timestamp = Math.max(options.now ?? Date.now(), ...plans.map((plan) => plan.newestTimestamp + 1));
  return plans.map(({ driver, change }) =>
    change.upQueries.length === 0
      ? `No changes: the entities and the ${driver} migrations agree.`
      : `Made ${path.relative(process.cwd(), writeMigration(options.folderOf(driver), name, timestamp, change))}`,
  );
}

/** Runs every migration of the driver on a scratch database and asks TypeORM what the entities still need. */
async function compareWithEntities(driver: MigrationDriver, options: GenerateOptions): Promise<{ change: SchemaChange; newestTimestamp: number }> {
  const scratch = scratchDatabase(driver, options.serverUrl);
  // Before the try: when the server cannot be reached there is nothing to drop, and its error is the one to show.
  const database = await prepareDatabase(scratch.database);
  try {
    const migrations = options.migrationsOf?.(driver);
    const dataSource = new DataSource({ ...dataSourceOptions(database), ...(migrations ? { migrations } : {}) });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
      const change = await dataSource.driver.createSchemaBuilder().log();
      const timestamps = dataSource.migrations.map((migration) => Number(/\d{13}$/.exec(migration.name ?? '')?.[0] ?? 0));
      return { change, newestTimestamp: Math.max(0, ...timestamps) };
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await scratch.drop();
  }
}

function scratchDatabase(driver: MigrationDriver, serverUrl: string): { database: DatabaseConfig; drop(): Promise<void> } {
  if (driver === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'anarkali-migration-'));
    const drop = () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    };
    return { database: loadConfig({ VAR_DIR: dir }).database, drop };
  }
  const url = new URL(serverUrl);
  url.pathname = `/anarkali_migration_${randomBytes(4).toString('hex')}`;
  const database = loadConfig({ DATABASE_URL: url.toString() }).database;
  if (database.driver === 'sqlite') throw new Error(`MIGRATION_DATABASE_URL must be a mysql:// or mariadb:// server (got "${serverUrl}")`);
  return {
    database,
    async drop() {
      url.pathname = '/';
      const connection = await mysql.createConnection({ uri: url.toString() });
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${database.database}\``);
      } finally {
        await connection.end();
      }
    },
  };
}

/** Writes `<timestamp>-<name>.ts` into the folder and adds its class to the folder's index.ts; returns the file. */
export function writeMigration(folder: string, name: string, timestamp: number, change: SchemaChange): string {
  const className = `${name}${timestamp}`;
  const file = path.join(folder, `${timestamp}-${name}.ts`);
  const indexFile = path.join(folder, 'index.ts');
  const index = registeredIn(readFileSync(indexFile, 'utf8'), className, `./${timestamp}-${name}.js`);
  writeFileSync(file, migrationSource(className, change), { flag: 'wx' });
  writeFileSync(indexFile, index);
  return file;
}

/** The text TypeORM's own `migration:generate` writes, so that generated migrations all read alike. */
export function migrationSource(className: string, change: SchemaChange): string {
  const lines = (queries: SchemaChange['upQueries']) =>
    queries.map(({ query, parameters }) => {
      const escaped = query.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${');
      return `        await queryRunner.query(\`${escaped}\`${parameters?.length ? `, ${JSON.stringify(parameters)}` : ''});`;
    });
  return `import { MigrationInterface, QueryRunner } from "typeorm";

export class ${className} implements MigrationInterface {
    name = '${className}'

    public async up(queryRunner: QueryRunner): Promise<void> {
${lines(change.upQueries).join('\n')}
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
${lines([...change.downQueries].reverse()).join('\n')}
    }

}
`;
}

/** index.ts with the class imported after the last import and added at the end of the exported array. */
function registeredIn(index: string, className: string, importPath: string): string {
  const list = /(export const \w+ = \[)([\s\S]*?)(\];)/.exec(index);
  const lastImport = [...index.matchAll(/^import .*;$/gm)].at(-1);
  if (!list || !lastImport) throw new Error('index.ts must import each migration and export them in one array (export const … = [ … ];)');
  const afterImports = lastImport.index + lastImport[0].length;
  const listed = list[2].replace(/[\s,]*$/, '');
  const withList = index.replace(list[0], () => `${list[1]}${listed.trim() ? `${listed}, ` : ''}${className}${list[3]}`);
  return `${withList.slice(0, afterImports)}\nimport { ${className} } from '${importPath}';${withList.slice(afterImports)}`;
}
