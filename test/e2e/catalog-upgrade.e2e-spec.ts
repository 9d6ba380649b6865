import { onMySql } from '../helpers/test-shop.js';
import { upgradeTo } from '../helpers/upgrade.js';

/**
 * A shop that already has products when it upgrades to the catalog model must keep working at once:
 * the migration fills the lowest price, units sold, search words and option order from what is there.
 */
describe(`upgrading a stocked shop to the catalog model (${onMySql() ? 'MySQL/MariaDB' : 'SQLite'})`, () => {
  const upgrade = upgradeTo('CatalogModel');
  afterAll(() => upgrade.cleanUp());

  it('fills price, units sold, search text and option values from existing rows', async () => {
    const before = await upgrade.databaseBefore();
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

    const after = upgrade.databaseAfter();
    await after.initialize();
    try {
      expect((await after.runMigrations()).map((m) => m.name)[0]).toMatch(/^CatalogModel/);
      const [product]: { priceMinor: number | string; unitsSold: number | string; searchText: string }[] = await after.query(
        'SELECT priceMinor, unitsSold, searchText FROM product WHERE id = 1',
      );
      expect(Number(product.priceMinor)).toBe(149_900);
      expect(Number(product.unitsSold)).toBe(4);
      expect(product.searchText).toContain('tshirt');
      const values: { kind: string; value: string }[] = await after.query(
        `SELECT ${after.driver.escape('option')} AS kind, value FROM option_value ORDER BY position`,
      );
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

/**
 * "Bought together" moved from a read of the orders' lines to counts the catalog keeps: a shop that
 * upgrades keeps what its past orders taught it, without the cancelled ones.
 */
describe(`upgrading a shop with orders to the catalog's co-purchase counts (${onMySql() ? 'MySQL/MariaDB' : 'SQLite'})`, () => {
  const upgrade = upgradeTo('AddCoPurchase');
  afterAll(() => upgrade.cleanUp());

  it('counts, for each pair of products, the orders not cancelled that held both', async () => {
    const before = await upgrade.databaseBefore();
    await before.query(`INSERT INTO category (slug, name, position) VALUES ('basics', 'Basics', 0)`);
    await before.query(
      `INSERT INTO product (slug, name, description, status, categoryId, searchText) VALUES
       ('kurta', 'Kurta', '', 'published', 1, ''), ('shawl', 'Shawl', '', 'published', 1, ''), ('scarf', 'Scarf', '', 'published', 1, '')`,
    );
    await before.query(
      `INSERT INTO variant (productId, sku, size, colour, priceMinor, stock, position) VALUES
       (1, 'K-S', 'S', NULL, 100, 9, 0), (1, 'K-M', 'M', NULL, 100, 9, 1), (2, 'SH', NULL, NULL, 100, 9, 0), (3, 'SC', NULL, NULL, 100, 9, 0)`,
    );
    const placed = (number: string, status: string) =>
      before.query(
        `INSERT INTO shop_order (number, email, fullName, phone, address, city, postalCode, status, paymentMethod, shippingMethod, currency, subtotalMinor, shippingMinor, totalMinor)
         VALUES ('${number}', 'a@example.test', 'A', '1', 'Street', 'Lahore', '54000', '${status}', 'cod', 'Standard', 'PKR', 100, 0, 100)`,
      );
    const line = (orderId: number, variantId: number) =>
      before.query(
        `INSERT INTO order_line (orderId, variantId, sku, productName, variantLabel, unitPriceMinor, quantity, lineTotalMinor) VALUES (${orderId}, ${variantId}, 'X', 'X', '', 100, 1, 100)`,
      );
    // Order 1: both sizes of the kurta and the shawl; order 2: the kurta and the shawl; order 3 (cancelled): the kurta and the scarf.
    await placed('AK-1', 'delivered');
    await placed('AK-2', 'placed');
    await placed('AK-3', 'cancelled');
    for (const [orderId, variantId] of [
      [1, 1],
      [1, 2],
      [1, 3],
      [2, 1],
      [2, 3],
      [3, 1],
      [3, 4],
    ])
      await line(orderId, variantId);
    await before.destroy();

    const after = upgrade.databaseAfter();
    await after.initialize();
    try {
      expect((await after.runMigrations()).map((m) => m.name)[0]).toMatch(/^AddCoPurchase/);
      const pairs: { productId: number | string; otherProductId: number | string; orderCount: number | string }[] = await after.query(
        'SELECT productId, otherProductId, orderCount FROM co_purchase ORDER BY productId, otherProductId',
      );
      expect(pairs.map((pair) => [Number(pair.productId), Number(pair.otherProductId), Number(pair.orderCount)])).toEqual([
        [1, 2, 2],
        [2, 1, 2],
      ]);
    } finally {
      await after.destroy();
    }
  });
});

/**
 * Archiving came with a change of product.status; on SQLite that rebuilds the product table, which drops
 * the search triggers. Search must find what was there, and keep following inserts and edits after it.
 */
describe(`upgrading a stocked shop to archived products (${onMySql() ? 'MySQL/MariaDB' : 'SQLite'})`, () => {
  const upgrade = upgradeTo('AddProductArchivedStatus');
  afterAll(() => upgrade.cleanUp());

  it('keeps every product and its search words, accepts archived, and search still follows new and edited products', async () => {
    const before = await upgrade.databaseBefore();
    await before.query(`INSERT INTO category (slug, name, position) VALUES ('basics', 'Basics', 0)`);
    await before.query(
      `INSERT INTO product (slug, name, description, status, categoryId, priceMinor, searchText) VALUES
       ('lawn-kurta', 'Lawn Kurta', '', 'published', 1, 100, 'lawn kurta lawn kurta basics'), ('silk-shawl', 'Silk Shawl', '', 'draft', 1, 100, 'silk shawl silk shawl basics')`,
    );
    await before.destroy();

    const after = upgrade.databaseAfter();
    await after.initialize();
    try {
      expect((await after.runMigrations()).map((m) => m.name)[0]).toMatch(/^AddProductArchivedStatus/);
      const found = async (word: string): Promise<number[]> => {
        const rows: { id: number | string }[] = onMySql()
          ? await after.query(`SELECT id FROM product WHERE MATCH(searchText) AGAINST (? IN BOOLEAN MODE) ORDER BY id`, [`+${word}*`])
          : await after.query(`SELECT rowid AS id FROM product_search WHERE product_search MATCH ? ORDER BY rowid`, [`"${word}"*`]);
        return rows.map((row) => Number(row.id));
      };
      const statuses: { slug: string; status: string }[] = await after.query('SELECT slug, status FROM product ORDER BY id');
      expect(statuses).toEqual([
        { slug: 'lawn-kurta', status: 'published' },
        { slug: 'silk-shawl', status: 'draft' },
      ]);
      expect(await found('kurta')).toEqual([1]);

      await after.query(`UPDATE product SET status = 'archived', searchText = 'silk shawl silk shawl pashmina' WHERE id = 2`);
      await after.query(
        `INSERT INTO product (slug, name, description, status, categoryId, priceMinor, searchText) VALUES ('khaddar-kurta', 'Khaddar Kurta', '', 'published', 1, 100, 'khaddar kurta khaddar kurta basics')`,
      );
      expect(await found('kurta')).toEqual([1, 3]);
      expect(await found('pashmina')).toEqual([2]);
      expect(await found('basics')).toEqual([1, 3]);
      await after.query('DELETE FROM product WHERE id = 1');
      expect(await found('kurta')).toEqual([3]);
    } finally {
      await after.destroy();
    }
  });
});

/** Orders placed before the risk count must count at once: the migration keys their phones and lower-cases their emails. */
describe(`upgrading a shop with orders to the cash-on-delivery risk count (${onMySql() ? 'MySQL/MariaDB' : 'SQLite'})`, () => {
  const upgrade = upgradeTo('AddCodRiskAndReminders');
  afterAll(() => upgrade.cleanUp());

  it("keys each order's phone however it was typed", async () => {
    const before = await upgrade.databaseBefore();
    const columns =
      'number, email, fullName, phone, address, city, postalCode, status, paymentMethod, shippingMethod, currency, subtotalMinor, shippingMinor, totalMinor';
    await before.query(
      `INSERT INTO shop_order (${columns}) VALUES
       ('AK-OLD00001', 'Rabia@Example.test', 'Rabia', '+92 345-1112233', '1 Mall Road', 'Lahore', '54000', 'cancelled', 'cod', 'Standard', 'PKR', 100, 0, 100),
       ('AK-OLD00002', 'rabia@example.test', 'Rabia', '0345 1112233', '1 Mall Road', 'Lahore', '54000', 'placed', 'cod', 'Standard', 'PKR', 100, 0, 100)`,
    );
    await before.destroy();

    const after = upgrade.databaseAfter();
    await after.initialize();
    try {
      expect((await after.runMigrations()).map((m) => m.name)[0]).toMatch(/^AddCodRiskAndReminders/);
      const orders: { phoneKey: string; email: string }[] = await after.query('SELECT phoneKey, email FROM shop_order ORDER BY id');
      expect(orders).toEqual([
        { phoneKey: '3451112233', email: 'rabia@example.test' },
        { phoneKey: '3451112233', email: 'rabia@example.test' },
      ]);
    } finally {
      await after.destroy();
    }
  });
});
