import { MigrationInterface, QueryRunner } from "typeorm";
import { createProductSearch, dropProductSearch } from "../sqlite-product-search.js";

export class AddProductArchivedStatus1796413436262 implements MigrationInterface {
    name = 'AddProductArchivedStatus1796413436262'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Rebuilding "product" drops the search triggers: the search index is made again after it.
        await dropProductSearch(queryRunner);
        await queryRunner.query(`DROP INDEX "IDX_c8f66d5929f3c5ddd427bdbee6"`);
        await queryRunner.query(`DROP INDEX "IDX_efa6ec8a0f072dd498bfd3eeef"`);
        await queryRunner.query(`DROP INDEX "IDX_aeb3f0a3bf41a80dc7cef9a77a"`);
        await queryRunner.query(`DROP INDEX "IDX_d468b8d591cbb7de7e8eba0b84"`);
        await queryRunner.query(`DROP INDEX "IDX_8cfaf4a1e80806d58e3dbe6922"`);
        await queryRunner.query(`CREATE TABLE "temporary_product" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "name" varchar(160) NOT NULL, "description" text NOT NULL, "status" varchar CHECK( "status" IN ('draft','published','archived') ) NOT NULL DEFAULT ('published'), "categoryId" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6), "seoTitle" varchar(160), "seoDescription" varchar(320), "priceMinor" integer NOT NULL DEFAULT (0), "unitsSold" integer NOT NULL DEFAULT (0), "searchText" varchar(2000) NOT NULL DEFAULT (''))`);
        await queryRunner.query(`INSERT INTO "temporary_product"("id", "slug", "name", "description", "status", "categoryId", "createdAt", "updatedAt", "seoTitle", "seoDescription", "priceMinor", "unitsSold", "searchText") SELECT "id", "slug", "name", "description", "status", "categoryId", "createdAt", "updatedAt", "seoTitle", "seoDescription", "priceMinor", "unitsSold", "searchText" FROM "product"`);
        await queryRunner.query(`DROP TABLE "product"`);
        await queryRunner.query(`ALTER TABLE "temporary_product" RENAME TO "product"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8cfaf4a1e80806d58e3dbe6922" ON "product" ("slug") `);
        await queryRunner.query(`CREATE INDEX "IDX_efa6ec8a0f072dd498bfd3eeef" ON "product" ("status", "unitsSold") `);
        await queryRunner.query(`CREATE INDEX "IDX_c8f66d5929f3c5ddd427bdbee6" ON "product" ("status", "priceMinor") `);
        await queryRunner.query(`CREATE INDEX "IDX_aeb3f0a3bf41a80dc7cef9a77a" ON "product" ("categoryId", "status", "createdAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_d468b8d591cbb7de7e8eba0b84" ON "product" ("status", "createdAt") `);
        await createProductSearch(queryRunner);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await dropProductSearch(queryRunner);
        // The old schema knows no archived product: it becomes a draft, hidden from the shop as before.
        await queryRunner.query(`UPDATE "product" SET "status" = 'draft' WHERE "status" = 'archived'`);
        await queryRunner.query(`DROP INDEX "IDX_d468b8d591cbb7de7e8eba0b84"`);
        await queryRunner.query(`DROP INDEX "IDX_aeb3f0a3bf41a80dc7cef9a77a"`);
        await queryRunner.query(`DROP INDEX "IDX_c8f66d5929f3c5ddd427bdbee6"`);
        await queryRunner.query(`DROP INDEX "IDX_efa6ec8a0f072dd498bfd3eeef"`);
        await queryRunner.query(`DROP INDEX "IDX_8cfaf4a1e80806d58e3dbe6922"`);
        await queryRunner.query(`ALTER TABLE "product" RENAME TO "temporary_product"`);
        await queryRunner.query(`CREATE TABLE "product" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "name" varchar(160) NOT NULL, "description" text NOT NULL, "status" varchar CHECK( "status" IN ('draft','published') ) NOT NULL DEFAULT ('published'), "categoryId" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6), "seoTitle" varchar(160), "seoDescription" varchar(320), "priceMinor" integer NOT NULL DEFAULT (0), "unitsSold" integer NOT NULL DEFAULT (0), "searchText" varchar(2000) NOT NULL DEFAULT (''))`);
        await queryRunner.query(`INSERT INTO "product"("id", "slug", "name", "description", "status", "categoryId", "createdAt", "updatedAt", "seoTitle", "seoDescription", "priceMinor", "unitsSold", "searchText") SELECT "id", "slug", "name", "description", "status", "categoryId", "createdAt", "updatedAt", "seoTitle", "seoDescription", "priceMinor", "unitsSold", "searchText" FROM "temporary_product"`);
        await queryRunner.query(`DROP TABLE "temporary_product"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8cfaf4a1e80806d58e3dbe6922" ON "product" ("slug") `);
        await queryRunner.query(`CREATE INDEX "IDX_d468b8d591cbb7de7e8eba0b84" ON "product" ("status", "createdAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_aeb3f0a3bf41a80dc7cef9a77a" ON "product" ("categoryId", "status", "createdAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_efa6ec8a0f072dd498bfd3eeef" ON "product" ("status", "unitsSold") `);
        await queryRunner.query(`CREATE INDEX "IDX_c8f66d5929f3c5ddd427bdbee6" ON "product" ("status", "priceMinor") `);
        await createProductSearch(queryRunner);
    }

}
