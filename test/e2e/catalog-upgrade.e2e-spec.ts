import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { loadConfig } from '../../src/config/config.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { freshMySqlDatabase, onMySql } from '../helpers/test-shop.js';

/**
 * A shop that already has products when it upgrades to the catalog model must keep working at once:
 * the migration fills the lowest price, units sold, search words and option order from what is there.
 */
describe(`upgrading a stocked shop to the catalog model (${onMySql() ? 'MySQL/MariaDB' : 'SQLite'})`, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'anarkali-upgrade-'));
  const mysqlDatabase = onMySql() ? freshMySqlDatabase() : undefined;
  const options = dataSourceOptions(loadConfig({ VAR_DIR: dir, ...(mysqlDatabase ? { DATABASE_URL: mysqlDatabase.url } : {}) }).database);
  const migrations = options.migrations as NonNullable<DataSourceOptions['migrations']> & unknown[];
  const catalogModel = migrations.findIndex((migration) => String((migration as { name: string }).name).startsWith('CatalogModel'));

  afterAll(async () => {
    await mysqlDatabase?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fills price, units sold, search text and option values from existing rows', async () => {
    const before = new DataSource({ ...options, migrations: migrations.slice(0, catalogModel) } as DataSourceOptions);
    if (mysqlDatabase) await createDatabase(mysqlDatabase.url);
    await before.initialize();
    await before.runMigrations();
    await before.query(`INSERT INTO category (slug, name, position) VALUES ('basics', 'Basics', 0)`);
    await before.query(
      `INSERT INTO product (slug, name, description, status, categoryId) VALUES ('cotton-t-shirt', 'Cotton T-Shirt', 'Organic cotton.', 'published', 1)`,
    );
    await before.query(
      `INSERT INTO variant (productId, sku, size, colour, priceMinor, stock, position) VALUES
       (1, 'TEE-S-RUST', 'S', 'Rust', 159900, 4, 0), (1, 'TEE-M-RUST', 'M', 'Rust', 149900, 0, 1), (1, 'TEE-S-TEAL', 'S', 'Teal', 149900, 2, 2)`,
    );
    await before.query(
      `INSERT INTO stock_movement (variantId, delta, reason, reference) VALUES
       (1, 6, 'initial stock', NULL), (1, -2, 'sale', 'A1'), (2, -3, 'sale', 'A2'), (2, 1, 'order cancelled', 'A2')`,
    );
    await before.destroy();

    const after = new DataSource(options);
    await after.initialize();
    try {
      expect((await after.runMigrations()).map((m) => m.name)[0]).toMatch(/^CatalogModel/);
      const [product]: { priceMinor: number | string; unitsSold: number | string; searchText: string }[] = await after.query('SELECT priceMinor, unitsSold, searchText FROM product WHERE id = 1');
      expect(Number(product.priceMinor)).toBe(149_900);
      expect(Number(product.unitsSold)).toBe(4);
      expect(product.searchText).toContain('tshirt');
      const values: { kind: string; value: string }[] = await after.query(`SELECT ${after.driver.escape('option')} AS kind, value FROM option_value ORDER BY position`);
      expect(values.filter((v) => v.kind === 'size').map((v) => v.value)).toEqual(['S', 'M']);
      expect(values.filter((v) => v.kind === 'colour').map((v) => v.value)).toEqual(['Rust', 'Teal']);
      const found: { id: number }[] = onMySql()
        ? await after.query(`SELECT id FROM product WHERE MATCH(searchText) AGAINST ('+tshirt*' IN BOOLEAN MODE)`)
        : await after.query(`SELECT rowid AS id FROM product_search WHERE product_search MATCH '"tshirt"*'`);
      expect(found.map((row) => Number(row.id))).toEqual([1]);
    } finally {
      await after.destroy();
    }
  });
});

async function createDatabase(url: string): Promise<void> {
  const { default: mysql } = await import('mysql2/promise');
  const server = new URL(url);
  const name = server.pathname.slice(1);
  server.pathname = '/';
  const connection = await mysql.createConnection({ uri: server.toString() });
  await connection.query(`CREATE DATABASE \`${name}\``);
  await connection.end();
}
