import { MigrationInterface, QueryRunner } from "typeorm";

export class AddPaymentMethods1796418831381 implements MigrationInterface {
    name = 'AddPaymentMethods1796418831381'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_aa1379b170ebba06b879ff5c92"`);
        await queryRunner.query(`DROP INDEX "IDX_de1fbd07e6a6145f3866e38651"`);
        await queryRunner.query(`DROP INDEX "IDX_d2d059d5d0bf295037640c13d9"`);
        await queryRunner.query(`DROP INDEX "IDX_7d409a24caf7ca19ac324aeeac"`);
        await queryRunner.query(`CREATE TABLE "temporary_shop_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "number" varchar(20) NOT NULL, "userId" integer, "email" varchar(254) NOT NULL, "fullName" varchar(120) NOT NULL, "phone" varchar(40) NOT NULL, "address" varchar(255) NOT NULL, "city" varchar(120) NOT NULL, "postalCode" varchar(20) NOT NULL, "status" varchar CHECK( "status" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ) NOT NULL, "paymentMethod" varchar CHECK( "paymentMethod" IN ('cod','bank_transfer','stripe','safepay') ) NOT NULL, "shippingMethod" varchar(60) NOT NULL, "currency" varchar(3) NOT NULL, "subtotalMinor" integer NOT NULL, "shippingMinor" integer NOT NULL, "totalMinor" integer NOT NULL, "placedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "temporary_shop_order"("id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt") SELECT "id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt" FROM "shop_order"`);
        await queryRunner.query(`DROP TABLE "shop_order"`);
        await queryRunner.query(`ALTER TABLE "temporary_shop_order" RENAME TO "shop_order"`);
        await queryRunner.query(`CREATE INDEX "IDX_aa1379b170ebba06b879ff5c92" ON "shop_order" ("placedAt", "status", "totalMinor") `);
        await queryRunner.query(`CREATE INDEX "IDX_de1fbd07e6a6145f3866e38651" ON "shop_order" ("userId", "placedAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_d2d059d5d0bf295037640c13d9" ON "shop_order" ("status", "placedAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7d409a24caf7ca19ac324aeeac" ON "shop_order" ("number") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_7d409a24caf7ca19ac324aeeac"`);
        await queryRunner.query(`DROP INDEX "IDX_d2d059d5d0bf295037640c13d9"`);
        await queryRunner.query(`DROP INDEX "IDX_de1fbd07e6a6145f3866e38651"`);
        await queryRunner.query(`DROP INDEX "IDX_aa1379b170ebba06b879ff5c92"`);
        await queryRunner.query(`ALTER TABLE "shop_order" RENAME TO "temporary_shop_order"`);
        await queryRunner.query(`CREATE TABLE "shop_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "number" varchar(20) NOT NULL, "userId" integer, "email" varchar(254) NOT NULL, "fullName" varchar(120) NOT NULL, "phone" varchar(40) NOT NULL, "address" varchar(255) NOT NULL, "city" varchar(120) NOT NULL, "postalCode" varchar(20) NOT NULL, "status" varchar CHECK( "status" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ) NOT NULL, "paymentMethod" varchar CHECK( "paymentMethod" IN ('cod') ) NOT NULL, "shippingMethod" varchar(60) NOT NULL, "currency" varchar(3) NOT NULL, "subtotalMinor" integer NOT NULL, "shippingMinor" integer NOT NULL, "totalMinor" integer NOT NULL, "placedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "shop_order"("id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt") SELECT "id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt" FROM "temporary_shop_order"`);
        await queryRunner.query(`DROP TABLE "temporary_shop_order"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7d409a24caf7ca19ac324aeeac" ON "shop_order" ("number") `);
        await queryRunner.query(`CREATE INDEX "IDX_d2d059d5d0bf295037640c13d9" ON "shop_order" ("status", "placedAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_de1fbd07e6a6145f3866e38651" ON "shop_order" ("userId", "placedAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_aa1379b170ebba06b879ff5c92" ON "shop_order" ("placedAt", "status", "totalMinor") `);
    }

}
