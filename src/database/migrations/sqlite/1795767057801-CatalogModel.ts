import { MigrationInterface, QueryRunner } from "typeorm";
import { backfillCatalog } from "../catalog-backfill.js";
import { createProductSearch, dropProductSearch } from "../sqlite-product-search.js";

export class CatalogModel1795767057801 implements MigrationInterface {
    name = 'CatalogModel1795767057801'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "option_value" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "option" varchar CHECK( "option" IN ('size','colour') ) NOT NULL, "value" varchar(40) NOT NULL, "position" integer NOT NULL DEFAULT (0), "swatch" varchar(7))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_59c5082a9f4f8343b3d0d8d0a5" ON "option_value" ("option", "value") `);
        await queryRunner.query(`CREATE TABLE "product_slug_redirect" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "productId" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ec84b90bd6add9941593ce48be" ON "product_slug_redirect" ("slug") `);
        await queryRunner.query(`CREATE INDEX "IDX_bd35d5075d9ab1878cbc7b3728" ON "product_slug_redirect" ("productId") `);
        await queryRunner.query(`DROP INDEX "IDX_197dfc074e0bf15255bfd34cd8"`);
        await queryRunner.query(`CREATE TABLE "temporary_product_image" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "productId" integer NOT NULL, "colour" varchar(40), "url" varchar(255) NOT NULL, "alt" varchar(255) NOT NULL, "position" integer NOT NULL DEFAULT (0), "thumbnailWidths" varchar(60) NOT NULL DEFAULT (''))`);
        await queryRunner.query(`INSERT INTO "temporary_product_image"("id", "productId", "colour", "url", "alt", "position") SELECT "id", "productId", "colour", "url", "alt", "position" FROM "product_image"`);
        await queryRunner.query(`DROP TABLE "product_image"`);
        await queryRunner.query(`ALTER TABLE "temporary_product_image" RENAME TO "product_image"`);
        await queryRunner.query(`CREATE INDEX "IDX_197dfc074e0bf15255bfd34cd8" ON "product_image" ("productId", "position") `);
        await queryRunner.query(`DROP INDEX "IDX_d468b8d591cbb7de7e8eba0b84"`);
        await queryRunner.query(`DROP INDEX "IDX_aeb3f0a3bf41a80dc7cef9a77a"`);
        await queryRunner.query(`DROP INDEX "IDX_8cfaf4a1e80806d58e3dbe6922"`);
        await queryRunner.query(`CREATE TABLE "temporary_product" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "name" varchar(160) NOT NULL, "description" text NOT NULL, "status" varchar CHECK( "status" IN ('draft','published') ) NOT NULL DEFAULT ('published'), "categoryId" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6), "seoTitle" varchar(160), "seoDescription" varchar(320), "priceMinor" integer NOT NULL DEFAULT (0), "unitsSold" integer NOT NULL DEFAULT (0), "searchText" varchar(2000) NOT NULL DEFAULT (''))`);
        await queryRunner.query(`INSERT INTO "temporary_product"("id", "slug", "name", "description", "status", "categoryId", "createdAt", "updatedAt") SELECT "id", "slug", "name", "description", "status", "categoryId", "createdAt", "updatedAt" FROM "product"`);
        await queryRunner.query(`DROP TABLE "product"`);
        await queryRunner.query(`ALTER TABLE "temporary_product" RENAME TO "product"`);
        await queryRunner.query(`CREATE INDEX "IDX_d468b8d591cbb7de7e8eba0b84" ON "product" ("status", "createdAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_aeb3f0a3bf41a80dc7cef9a77a" ON "product" ("categoryId", "status", "createdAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8cfaf4a1e80806d58e3dbe6922" ON "product" ("slug") `);
        await queryRunner.query(`DROP INDEX "IDX_b0ec0f223eab03e884042a6041"`);
        await queryRunner.query(`DROP INDEX "IDX_cb0df5c8d79ac0ea08a8711967"`);
        await queryRunner.query(`CREATE TABLE "temporary_variant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "productId" integer NOT NULL, "sku" varchar(64) NOT NULL, "size" varchar(40), "colour" varchar(40), "priceMinor" integer NOT NULL, "stock" integer NOT NULL DEFAULT (0), "position" integer NOT NULL DEFAULT (0), "compareAtPriceMinor" integer, "lowStockThreshold" integer NOT NULL DEFAULT (3))`);
        await queryRunner.query(`INSERT INTO "temporary_variant"("id", "productId", "sku", "size", "colour", "priceMinor", "stock", "position") SELECT "id", "productId", "sku", "size", "colour", "priceMinor", "stock", "position" FROM "variant"`);
        await queryRunner.query(`DROP TABLE "variant"`);
        await queryRunner.query(`ALTER TABLE "temporary_variant" RENAME TO "variant"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b0ec0f223eab03e884042a6041" ON "variant" ("sku") `);
        await queryRunner.query(`CREATE INDEX "IDX_cb0df5c8d79ac0ea08a8711967" ON "variant" ("productId") `);
        await queryRunner.query(`CREATE INDEX "IDX_efa6ec8a0f072dd498bfd3eeef" ON "product" ("status", "unitsSold") `);
        await queryRunner.query(`CREATE INDEX "IDX_c8f66d5929f3c5ddd427bdbee6" ON "product" ("status", "priceMinor") `);
        await backfillCatalog(queryRunner);
        await createProductSearch(queryRunner);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await dropProductSearch(queryRunner);
        await queryRunner.query(`DROP INDEX "IDX_c8f66d5929f3c5ddd427bdbee6"`);
        await queryRunner.query(`DROP INDEX "IDX_efa6ec8a0f072dd498bfd3eeef"`);
        await queryRunner.query(`DROP INDEX "IDX_cb0df5c8d79ac0ea08a8711967"`);
        await queryRunner.query(`DROP INDEX "IDX_b0ec0f223eab03e884042a6041"`);
        await queryRunner.query(`ALTER TABLE "variant" RENAME TO "temporary_variant"`);
        await queryRunner.query(`CREATE TABLE "variant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "productId" integer NOT NULL, "sku" varchar(64) NOT NULL, "size" varchar(40), "colour" varchar(40), "priceMinor" integer NOT NULL, "stock" integer NOT NULL DEFAULT (0), "position" integer NOT NULL DEFAULT (0))`);
        await queryRunner.query(`INSERT INTO "variant"("id", "productId", "sku", "size", "colour", "priceMinor", "stock", "position") SELECT "id", "productId", "sku", "size", "colour", "priceMinor", "stock", "position" FROM "temporary_variant"`);
        await queryRunner.query(`DROP TABLE "temporary_variant"`);
        await queryRunner.query(`CREATE INDEX "IDX_cb0df5c8d79ac0ea08a8711967" ON "variant" ("productId") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b0ec0f223eab03e884042a6041" ON "variant" ("sku") `);
        await queryRunner.query(`DROP INDEX "IDX_8cfaf4a1e80806d58e3dbe6922"`);
        await queryRunner.query(`DROP INDEX "IDX_aeb3f0a3bf41a80dc7cef9a77a"`);
        await queryRunner.query(`DROP INDEX "IDX_d468b8d591cbb7de7e8eba0b84"`);
        await queryRunner.query(`ALTER TABLE "product" RENAME TO "temporary_product"`);
        await queryRunner.query(`CREATE TABLE "product" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "name" varchar(160) NOT NULL, "description" text NOT NULL, "status" varchar CHECK( "status" IN ('draft','published') ) NOT NULL DEFAULT ('published'), "categoryId" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6))`);
        await queryRunner.query(`INSERT INTO "product"("id", "slug", "name", "description", "status", "categoryId", "createdAt", "updatedAt") SELECT "id", "slug", "name", "description", "status", "categoryId", "createdAt", "updatedAt" FROM "temporary_product"`);
        await queryRunner.query(`DROP TABLE "temporary_product"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8cfaf4a1e80806d58e3dbe6922" ON "product" ("slug") `);
        await queryRunner.query(`CREATE INDEX "IDX_aeb3f0a3bf41a80dc7cef9a77a" ON "product" ("categoryId", "status", "createdAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_d468b8d591cbb7de7e8eba0b84" ON "product" ("status", "createdAt") `);
        await queryRunner.query(`DROP INDEX "IDX_197dfc074e0bf15255bfd34cd8"`);
        await queryRunner.query(`ALTER TABLE "product_image" RENAME TO "temporary_product_image"`);
        await queryRunner.query(`CREATE TABLE "product_image" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "productId" integer NOT NULL, "colour" varchar(40), "url" varchar(255) NOT NULL, "alt" varchar(255) NOT NULL, "position" integer NOT NULL DEFAULT (0))`);
        await queryRunner.query(`INSERT INTO "product_image"("id", "productId", "colour", "url", "alt", "position") SELECT "id", "productId", "colour", "url", "alt", "position" FROM "temporary_product_image"`);
        await queryRunner.query(`DROP TABLE "temporary_product_image"`);
        await queryRunner.query(`CREATE INDEX "IDX_197dfc074e0bf15255bfd34cd8" ON "product_image" ("productId", "position") `);
        await queryRunner.query(`DROP INDEX "IDX_bd35d5075d9ab1878cbc7b3728"`);
        await queryRunner.query(`DROP INDEX "IDX_ec84b90bd6add9941593ce48be"`);
        await queryRunner.query(`DROP TABLE "product_slug_redirect"`);
        await queryRunner.query(`DROP INDEX "IDX_59c5082a9f4f8343b3d0d8d0a5"`);
        await queryRunner.query(`DROP TABLE "option_value"`);
    }

}
