import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { projectRoot } from '../../src/common/paths.js';
import { migrationServerUrl } from '../../src/config/config.js';
import { type MigrationDriver, generateMigrations, migrationSource, writeMigration } from '../../src/database/migration-generator.js';
import { mysqlMigrations } from '../../src/database/migrations/mysql/index.js';
import { sqliteMigrations } from '../../src/database/migrations/sqlite/index.js';
import { onMySql } from '../helpers/test-shop.js';

const committed = { sqlite: sqliteMigrations, mysql: mysqlMigrations };
const committedFolder = (driver: MigrationDriver) => path.join(projectRoot, 'src', 'database', 'migrations', driver);
const serverUrl = migrationServerUrl({ MIGRATION_DATABASE_URL: process.env.DATABASE_URL });
const runDriver: MigrationDriver = onMySql() ? 'mysql' : 'sqlite';
const queryLines = (source: string) => source.split('\n').filter((line) => line.includes('await queryRunner.query('));

describe('npm run migration:generate', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'anarkali-generate-test-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('writes a migration shaped like the generated ones, with down in reverse order, and registers it in index.ts', () => {
    writeFileSync(
      path.join(scratch, 'index.ts'),
      `import { InitialSchema1795758646720 } from './1795758646720-InitialSchema.js';
import { CatalogModel1795767057801 } from './1795767057801-CatalogModel.js';

/** SQLite migrations in the order they run. */
export const sqliteMigrations = [InitialSchema1795758646720, CatalogModel1795767057801];
`,
    );
    const file = writeMigration(scratch, 'AddThing', 1796000000000, {
      upQueries: [{ query: 'ALTER TABLE "product" ADD "thing" varchar(40)' }, { query: 'CREATE INDEX "IDX_thing" ON "product" ("thing") ' }],
      downQueries: [{ query: 'ALTER TABLE "product" DROP COLUMN "thing"' }, { query: 'DROP INDEX "IDX_thing"' }],
    });

    expect(file).toBe(path.join(scratch, '1796000000000-AddThing.ts'));
    expect(readFileSync(file, 'utf8')).toBe(`import { MigrationInterface, QueryRunner } from "typeorm";

export class AddThing1796000000000 implements MigrationInterface {
    name = 'AddThing1796000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`ALTER TABLE "product" ADD "thing" varchar(40)\`);
        await queryRunner.query(\`CREATE INDEX "IDX_thing" ON "product" ("thing") \`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`DROP INDEX "IDX_thing"\`);
        await queryRunner.query(\`ALTER TABLE "product" DROP COLUMN "thing"\`);
    }

}
`);
    expect(readFileSync(path.join(scratch, 'index.ts'), 'utf8')).toBe(`import { InitialSchema1795758646720 } from './1795758646720-InitialSchema.js';
import { CatalogModel1795767057801 } from './1795767057801-CatalogModel.js';
import { AddThing1796000000000 } from './1796000000000-AddThing.js';

/** SQLite migrations in the order they run. */
export const sqliteMigrations = [InitialSchema1795758646720, CatalogModel1795767057801, AddThing1796000000000];
`);
  });

  it('escapes what would end or interpolate the template literal, and keeps query parameters', () => {
    const source = migrationSource('AddNote1796000000000', {
      upQueries: [{ query: "ALTER TABLE `product` ADD `note` varchar(9) NOT NULL DEFAULT '${a}\\n'", parameters: ['x', 1] }],
      downQueries: [{ query: 'ALTER TABLE `product` DROP COLUMN `note`' }],
    });
    expect(queryLines(source)).toEqual([
      '        await queryRunner.query(`ALTER TABLE \\`product\\` ADD \\`note\\` varchar(9) NOT NULL DEFAULT \'\\${a}\\\\n\'`, ["x",1]);',
      '        await queryRunner.query(`ALTER TABLE \\`product\\` DROP COLUMN \\`note\\``);',
    ]);
  });

  it('refuses a name that does not say in PascalCase what the migration does', async () => {
    await expect(generateMigrations(runDriver, 'add thing', { serverUrl, folderOf: () => scratch })).rejects.toThrow(/PascalCase/);
  });

  it(`finds nothing to write when the entities and the ${runDriver} migrations agree, and leaves no scratch database`, async () => {
    const before = await scratchDatabases();
    const lines = await generateMigrations(runDriver, 'AddThing', { serverUrl, folderOf: () => scratch });
    expect(lines).toEqual([`No changes: the entities and the ${runDriver} migrations agree.`]);
    expect(readdirSync(scratch)).toEqual([]);
    expect(await scratchDatabases()).toEqual(before);
  });

  it(`writes again, query for query, a committed migration that is left out (${onMySql() ? 'all' : 'sqlite'}, after the newest migration)`, async () => {
    const drivers: MigrationDriver[] = onMySql() ? ['sqlite', 'mysql'] : ['sqlite'];
    for (const driver of drivers) {
      mkdirSync(path.join(scratch, driver));
      copyFileSync(path.join(committedFolder(driver), 'index.ts'), path.join(scratch, driver, 'index.ts'));
    }
    const remaining = (driver: MigrationDriver) => committed[driver].filter((migration) => !migration.name.startsWith('IndexOrderLineVariant'));
    const lines = await generateMigrations(onMySql() ? 'all' : 'sqlite', 'IndexAgain', {
      serverUrl,
      folderOf: (driver) => path.join(scratch, driver),
      migrationsOf: remaining,
      now: 1, // a clock far behind: the new migration must still sort after every remaining one
    });

    const timestamp = 1 + Math.max(...drivers.flatMap((driver) => remaining(driver).map((migration) => Number(migration.name.slice(-13)))));
    expect(lines).toEqual(drivers.map((driver) => `Made ${path.relative(process.cwd(), path.join(scratch, driver, `${timestamp}-IndexAgain.ts`))}`));
    for (const driver of drivers) {
      const leftOut = readdirSync(committedFolder(driver)).find((file) => file.endsWith('-IndexOrderLineVariant.ts')) as string;
      const made = readFileSync(path.join(scratch, driver, `${timestamp}-IndexAgain.ts`), 'utf8');
      expect(queryLines(made)).toEqual(queryLines(readFileSync(path.join(committedFolder(driver), leftOut), 'utf8')));
      expect(made).toContain(`export class IndexAgain${timestamp} implements MigrationInterface`);
      expect(readFileSync(path.join(scratch, driver, 'index.ts'), 'utf8')).toContain(`, IndexAgain${timestamp}];`);
    }
  });
});

/** The generator's scratch databases: SQLite files' folders, or databases on the MySQL/MariaDB server of this run. */
async function scratchDatabases(): Promise<string[]> {
  if (!onMySql()) return readdirSync(os.tmpdir()).filter((name) => name.startsWith('anarkali-migration-'));
  const server = new URL(serverUrl);
  server.pathname = '/';
  const connection = await mysql.createConnection({ uri: server.toString() });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>("SHOW DATABASES LIKE 'anarkali_migration\\_%'");
    return rows.map((row) => String(Object.values(row)[0]));
  } finally {
    await connection.end();
  }
}
