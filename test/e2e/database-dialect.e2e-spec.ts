import mysql from 'mysql2/promise';
import { dialectOfVersion } from '../../src/database/dialect.js';
import { aProduct } from '../helpers/factories.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { freshMySqlDatabase, onMySql, startShop } from '../helpers/test-shop.js';

describe('the SQL dialect', () => {
  it("is MariaDB's when the server says so in its version, else MySQL's", () => {
    expect(dialectOfVersion('10.11.19-MariaDB-0+deb12u1')).toBe('mariadb');
    expect(dialectOfVersion('11.4.2-MariaDB')).toBe('mariadb');
    expect(dialectOfVersion('8.4.3')).toBe('mysql');
    expect(dialectOfVersion('8.0.36-0ubuntu0.22.04.1')).toBe('mysql');
  });
});

/**
 * Debian and many hosts install MariaDB as "mysql", so a mysql:// URL often points at MariaDB: the
 * server, not the URL, decides the SQL. Both schemes are tried against the server the run uses.
 */
(onMySql() ? describe : describe.skip)('a shop on MySQL or MariaDB, whichever scheme its URL has', () => {
  for (const scheme of ['mysql', 'mariadb']) {
    it(`on a ${scheme}:// URL speaks the server's own SQL: the second buyer of the last unit is told it sold out`, async () => {
      const database = freshMySqlDatabase();
      const url = new URL(database.url);
      url.protocol = `${scheme}:`;
      const shop = await startShop({ DATABASE_URL: url.toString() });
      try {
        const version = await serverVersion(database.url);
        expect(shop.dataSource.options.type).toBe(dialectOfVersion(version));
        const shawl = await aProduct(shop, { name: 'Last Pashmina', stock: 1 });
        const [first, second] = [new Shopper(shop.baseUrl), new Shopper(shop.baseUrl)];
        await addToCart(first, shawl);
        await addToCart(second, shawl);

        expect((await checkout(first)).status).toBe(303);
        const refused = await checkout(second);

        expect(refused.status).toBe(409);
        expect(textOf(refused.html)).toContain('Sorry, Last Pashmina (M / Indigo) just sold out.');
      } finally {
        await shop.close();
        await database.drop();
      }
    });
  }
});

async function serverVersion(url: string): Promise<string> {
  const server = new URL(url);
  server.pathname = '/';
  const connection = await mysql.createConnection({ uri: server.toString() });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
    return String(rows[0].version);
  } finally {
    await connection.end();
  }
}
