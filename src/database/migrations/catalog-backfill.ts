import type { QueryRunner } from 'typeorm';

/**
 * Fills the catalog columns added by the CatalogModel migration for products that already exist, so a
 * shop upgraded in place sorts by price and popularity, searches, and orders its sizes and colours at once.
 * Plain SQL both drivers read alike (unquoted camelCase names, `?` placeholders).
 */
export async function backfillCatalog(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query('UPDATE product SET priceMinor = COALESCE((SELECT MIN(v.priceMinor) FROM variant v WHERE v.productId = product.id), 0)');
  await queryRunner.query(
    `UPDATE product SET unitsSold = COALESCE((SELECT SUM(-m.delta) FROM stock_movement m JOIN variant v ON v.id = m.variantId
      WHERE v.productId = product.id AND m.reason IN ('sale', 'order cancelled')), 0)`,
  );
  const products: { id: number; name: string; description: string; category: string | null; parent: string | null }[] = await queryRunner.query(
    `SELECT p.id AS id, p.name AS name, p.description AS description, c.name AS category, pc.name AS parent
       FROM product p LEFT JOIN category c ON c.id = p.categoryId LEFT JOIN category pc ON pc.id = c.parentId`,
  );
  const variants: { productId: number; size: string | null; colour: string | null }[] = await queryRunner.query(
    'SELECT productId, size, colour FROM variant ORDER BY productId, position, id',
  );
  for (const product of products) {
    const colours = variants.filter((v) => Number(v.productId) === Number(product.id)).map((v) => v.colour);
    const searchText = productSearchText({ ...product, categoryNames: [product.category, product.parent], colours });
    await queryRunner.query('UPDATE product SET searchText = ? WHERE id = ?', [searchText, product.id]);
  }
  const option = queryRunner.connection.driver.escape('option');
  for (const [name, values] of [
    ['size', variants.map((v) => v.size)],
    ['colour', variants.map((v) => v.colour)],
  ] as const) {
    for (const [position, value] of [...new Set(values.filter(Boolean))].entries()) {
      await queryRunner.query(`INSERT INTO option_value (${option}, value, position) VALUES (?, ?, ?)`, [name, value, position]);
    }
  }
}

/**
 * The search text of a product as the CatalogModel migration wrote it: a frozen copy of the catalog's
 * rule of that day (catalog/search-text.ts), so a later change to the live rule never changes what
 * this landed migration does. The live rule rewrites the text whenever a product is saved.
 */
function productSearchText(product: { name: string; description: string; categoryNames: (string | null | undefined)[]; colours: (string | null)[] }): string {
  const colours = [...new Set(product.colours)];
  const text = [product.name, product.name, ...product.categoryNames, ...colours, product.description].filter(Boolean).join(' ');
  const joined = (text.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)+/gu) ?? []).map((word) => word.replace(/[-'’]/g, ''));
  return [text, ...joined]
    .join(' ')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .slice(0, 2000);
}
