import { MigrationInterface, QueryRunner } from "typeorm";

export class InitialSchema1795758646720 implements MigrationInterface {
    name = 'InitialSchema1795758646720'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "session" ("id" varchar(128) PRIMARY KEY NOT NULL, "expiresAt" datetime(6) NOT NULL, "userId" integer, "data" text NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "IDX_5d97cf9773002b16861b4bb8ae" ON "session" ("expiresAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_3d2f174ef04fb312fdebd0ddc5" ON "session" ("userId") `);
        await queryRunner.query(`CREATE TABLE "user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "passwordHash" varchar(255) NOT NULL, "role" varchar CHECK( "role" IN ('customer','staff','owner') ) NOT NULL DEFAULT ('customer'), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e12875dfb3b1d92d7d7c5377e2" ON "user" ("email") `);
        await queryRunner.query(`CREATE TABLE "cart_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "cartId" integer NOT NULL, "variantId" integer NOT NULL, "quantity" integer NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_52e2c2f0e9b4fcd35922e7031e" ON "cart_line" ("cartId", "variantId") `);
        await queryRunner.query(`CREATE TABLE "cart" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "userId" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_756f53ab9466eb52a52619ee01" ON "cart" ("userId") `);
        await queryRunner.query(`CREATE TABLE "category" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(120) NOT NULL, "name" varchar(120) NOT NULL, "description" text, "parentId" integer, "position" integer NOT NULL DEFAULT (0))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_cb73208f151aa71cdd78f662d7" ON "category" ("slug") `);
        await queryRunner.query(`CREATE TABLE "product_image" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "productId" integer NOT NULL, "colour" varchar(40), "url" varchar(255) NOT NULL, "alt" varchar(255) NOT NULL, "position" integer NOT NULL DEFAULT (0))`);
        await queryRunner.query(`CREATE INDEX "IDX_197dfc074e0bf15255bfd34cd8" ON "product_image" ("productId", "position") `);
        await queryRunner.query(`CREATE TABLE "product" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "name" varchar(160) NOT NULL, "description" text NOT NULL, "status" varchar CHECK( "status" IN ('draft','published') ) NOT NULL DEFAULT ('published'), "categoryId" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8cfaf4a1e80806d58e3dbe6922" ON "product" ("slug") `);
        await queryRunner.query(`CREATE INDEX "IDX_aeb3f0a3bf41a80dc7cef9a77a" ON "product" ("categoryId", "status", "createdAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_d468b8d591cbb7de7e8eba0b84" ON "product" ("status", "createdAt") `);
        await queryRunner.query(`CREATE TABLE "stock_movement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "variantId" integer NOT NULL, "delta" integer NOT NULL, "reason" varchar(40) NOT NULL, "reference" varchar(64), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "IDX_e64f07861f20574a1883d4cd4d" ON "stock_movement" ("variantId") `);
        await queryRunner.query(`CREATE TABLE "variant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "productId" integer NOT NULL, "sku" varchar(64) NOT NULL, "size" varchar(40), "colour" varchar(40), "priceMinor" integer NOT NULL, "stock" integer NOT NULL DEFAULT (0), "position" integer NOT NULL DEFAULT (0))`);
        await queryRunner.query(`CREATE INDEX "IDX_cb0df5c8d79ac0ea08a8711967" ON "variant" ("productId") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b0ec0f223eab03e884042a6041" ON "variant" ("sku") `);
        await queryRunner.query(`CREATE TABLE "outbox_message" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(40) NOT NULL, "recipient" varchar(254) NOT NULL, "subject" varchar(255) NOT NULL, "body" text NOT NULL, "status" varchar CHECK( "status" IN ('pending','sent','failed') ) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime(6) NOT NULL, "claimedAt" datetime(6), "sentAt" datetime(6), "lastError" varchar(500), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "IDX_77c1875845c0e4b7159770b023" ON "outbox_message" ("status", "nextAttemptAt") `);
        await queryRunner.query(`CREATE TABLE "order_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "orderId" integer NOT NULL, "variantId" integer NOT NULL, "sku" varchar(64) NOT NULL, "productName" varchar(160) NOT NULL, "variantLabel" varchar(100) NOT NULL, "unitPriceMinor" integer NOT NULL, "quantity" integer NOT NULL, "lineTotalMinor" integer NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "IDX_239cfca2a55b98b90b6bef2e44" ON "order_line" ("orderId") `);
        await queryRunner.query(`CREATE TABLE "shop_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "number" varchar(20) NOT NULL, "userId" integer, "email" varchar(254) NOT NULL, "fullName" varchar(120) NOT NULL, "phone" varchar(40) NOT NULL, "address" varchar(255) NOT NULL, "city" varchar(120) NOT NULL, "postalCode" varchar(20) NOT NULL, "status" varchar CHECK( "status" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ) NOT NULL, "paymentMethod" varchar CHECK( "paymentMethod" IN ('cod') ) NOT NULL, "shippingMethod" varchar(60) NOT NULL, "currency" varchar(3) NOT NULL, "subtotalMinor" integer NOT NULL, "shippingMinor" integer NOT NULL, "totalMinor" integer NOT NULL, "placedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7d409a24caf7ca19ac324aeeac" ON "shop_order" ("number") `);
        await queryRunner.query(`CREATE INDEX "IDX_a76aacd2fbf9e6f6330fd20be3" ON "shop_order" ("userId") `);
        await queryRunner.query(`CREATE INDEX "IDX_d2d059d5d0bf295037640c13d9" ON "shop_order" ("status", "placedAt") `);
        await queryRunner.query(`CREATE TABLE "order_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "orderId" integer NOT NULL, "fromStatus" varchar CHECK( "fromStatus" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ), "toStatus" varchar CHECK( "toStatus" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ) NOT NULL, "changedByUserId" integer, "note" varchar(255), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "IDX_9ccaebb1a3b9711427739421c3" ON "order_status_change" ("orderId") `);
        await queryRunner.query(`CREATE TABLE "store_setting" ("key" varchar(64) PRIMARY KEY NOT NULL, "value" text NOT NULL)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "store_setting"`);
        await queryRunner.query(`DROP INDEX "IDX_9ccaebb1a3b9711427739421c3"`);
        await queryRunner.query(`DROP TABLE "order_status_change"`);
        await queryRunner.query(`DROP INDEX "IDX_d2d059d5d0bf295037640c13d9"`);
        await queryRunner.query(`DROP INDEX "IDX_a76aacd2fbf9e6f6330fd20be3"`);
        await queryRunner.query(`DROP INDEX "IDX_7d409a24caf7ca19ac324aeeac"`);
        await queryRunner.query(`DROP TABLE "shop_order"`);
        await queryRunner.query(`DROP INDEX "IDX_239cfca2a55b98b90b6bef2e44"`);
        await queryRunner.query(`DROP TABLE "order_line"`);
        await queryRunner.query(`DROP INDEX "IDX_77c1875845c0e4b7159770b023"`);
        await queryRunner.query(`DROP TABLE "outbox_message"`);
        await queryRunner.query(`DROP INDEX "IDX_b0ec0f223eab03e884042a6041"`);
        await queryRunner.query(`DROP INDEX "IDX_cb0df5c8d79ac0ea08a8711967"`);
        await queryRunner.query(`DROP TABLE "variant"`);
        await queryRunner.query(`DROP INDEX "IDX_e64f07861f20574a1883d4cd4d"`);
        await queryRunner.query(`DROP TABLE "stock_movement"`);
        await queryRunner.query(`DROP INDEX "IDX_d468b8d591cbb7de7e8eba0b84"`);
        await queryRunner.query(`DROP INDEX "IDX_aeb3f0a3bf41a80dc7cef9a77a"`);
        await queryRunner.query(`DROP INDEX "IDX_8cfaf4a1e80806d58e3dbe6922"`);
        await queryRunner.query(`DROP TABLE "product"`);
        await queryRunner.query(`DROP INDEX "IDX_197dfc074e0bf15255bfd34cd8"`);
        await queryRunner.query(`DROP TABLE "product_image"`);
        await queryRunner.query(`DROP INDEX "IDX_cb73208f151aa71cdd78f662d7"`);
        await queryRunner.query(`DROP TABLE "category"`);
        await queryRunner.query(`DROP INDEX "IDX_756f53ab9466eb52a52619ee01"`);
        await queryRunner.query(`DROP TABLE "cart"`);
        await queryRunner.query(`DROP INDEX "IDX_52e2c2f0e9b4fcd35922e7031e"`);
        await queryRunner.query(`DROP TABLE "cart_line"`);
        await queryRunner.query(`DROP INDEX "IDX_e12875dfb3b1d92d7d7c5377e2"`);
        await queryRunner.query(`DROP TABLE "user"`);
        await queryRunner.query(`DROP INDEX "IDX_3d2f174ef04fb312fdebd0ddc5"`);
        await queryRunner.query(`DROP INDEX "IDX_5d97cf9773002b16861b4bb8ae"`);
        await queryRunner.query(`DROP TABLE "session"`);
    }

}
