import type { QueryRunner } from 'typeorm';

/**
 * SQLite's full-text search: an FTS5 index over product.searchText (an external-content table, so the
 * words are stored once), kept in step by triggers on every insert, update and delete of a product.
 * TypeORM rebuilds a SQLite table to alter it, which drops its triggers: a later migration that alters
 * `product` must call dropProductSearch before and createProductSearch after (the search tests notice).
 */
export async function createProductSearch(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(
    `CREATE VIRTUAL TABLE "product_search" USING fts5("searchText", content='product', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`,
  );
  await queryRunner.query(
    `CREATE TRIGGER "product_search_insert" AFTER INSERT ON "product" BEGIN
       INSERT INTO "product_search"(rowid, "searchText") VALUES (new."id", new."searchText"); END`,
  );
  await queryRunner.query(
    `CREATE TRIGGER "product_search_delete" AFTER DELETE ON "product" BEGIN
       INSERT INTO "product_search"("product_search", rowid, "searchText") VALUES ('delete', old."id", old."searchText"); END`,
  );
  await queryRunner.query(
    `CREATE TRIGGER "product_search_update" AFTER UPDATE OF "searchText" ON "product" BEGIN
       INSERT INTO "product_search"("product_search", rowid, "searchText") VALUES ('delete', old."id", old."searchText");
       INSERT INTO "product_search"(rowid, "searchText") VALUES (new."id", new."searchText"); END`,
  );
  await queryRunner.query(`INSERT INTO "product_search"("product_search") VALUES ('rebuild')`);
}

export async function dropProductSearch(queryRunner: QueryRunner): Promise<void> {
  for (const trigger of ['product_search_insert', 'product_search_delete', 'product_search_update']) {
    await queryRunner.query(`DROP TRIGGER IF EXISTS "${trigger}"`);
  }
  await queryRunner.query(`DROP TABLE IF EXISTS "product_search"`);
}
