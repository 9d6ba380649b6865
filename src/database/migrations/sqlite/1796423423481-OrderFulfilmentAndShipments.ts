import { MigrationInterface, QueryRunner } from "typeorm";

export class OrderFulfilmentAndShipments1796423423481 implements MigrationInterface {
    name = 'OrderFulfilmentAndShipments1796423423481'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // "paid" is no longer a status but the payment's own (order_payment): a paid order not yet sent is
        // confirmed, and a history step to "paid" becomes a payment step that leaves the status as it was.
        await queryRunner.query(`UPDATE "shop_order" SET "status" = 'confirmed' WHERE "status" = 'paid'`);
        await queryRunner.query(`CREATE TEMPORARY TABLE "paid_step" AS SELECT "id" FROM "order_status_change" WHERE "toStatus" = 'paid'`);
        await queryRunner.query(`UPDATE "order_status_change" SET "toStatus" = CASE WHEN "fromStatus" IN ('placed', 'confirmed') THEN "fromStatus" ELSE 'placed' END WHERE "toStatus" = 'paid'`);
        await queryRunner.query(`UPDATE "order_status_change" SET "fromStatus" = 'confirmed' WHERE "fromStatus" = 'paid'`);
        await queryRunner.query(`DROP INDEX "IDX_09c7b56f5105cc9ede727e937b"`);
        await queryRunner.query(`DROP INDEX "IDX_7d409a24caf7ca19ac324aeeac"`);
        await queryRunner.query(`DROP INDEX "IDX_d2d059d5d0bf295037640c13d9"`);
        await queryRunner.query(`DROP INDEX "IDX_de1fbd07e6a6145f3866e38651"`);
        await queryRunner.query(`DROP INDEX "IDX_aa1379b170ebba06b879ff5c92"`);
        await queryRunner.query(`CREATE TABLE "temporary_shop_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "number" varchar(20) NOT NULL, "userId" integer, "email" varchar(254) NOT NULL, "fullName" varchar(120) NOT NULL, "phone" varchar(40) NOT NULL, "address" varchar(255) NOT NULL, "city" varchar(120) NOT NULL, "postalCode" varchar(20) NOT NULL, "status" varchar CHECK( "status" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ) NOT NULL, "paymentMethod" varchar(32) NOT NULL, "shippingMethod" varchar(60) NOT NULL, "currency" varchar(3) NOT NULL, "subtotalMinor" integer NOT NULL, "shippingMinor" integer NOT NULL, "totalMinor" integer NOT NULL, "placedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "discountMinor" integer NOT NULL DEFAULT (0), "codFeeMinor" integer NOT NULL DEFAULT (0), "taxMinor" integer NOT NULL DEFAULT (0), "taxRateBasisPoints" integer NOT NULL DEFAULT (0), "taxInclusive" boolean NOT NULL DEFAULT (0), "couponCode" varchar(40), "checkoutKey" varchar(64), "carrier" varchar(20), "trackingNumber" varchar(60))`);
        await queryRunner.query(`INSERT INTO "temporary_shop_order"("id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt", "discountMinor", "codFeeMinor", "taxMinor", "taxRateBasisPoints", "taxInclusive", "couponCode", "checkoutKey") SELECT "id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt", "discountMinor", "codFeeMinor", "taxMinor", "taxRateBasisPoints", "taxInclusive", "couponCode", "checkoutKey" FROM "shop_order"`);
        await queryRunner.query(`DROP TABLE "shop_order"`);
        await queryRunner.query(`ALTER TABLE "temporary_shop_order" RENAME TO "shop_order"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_09c7b56f5105cc9ede727e937b" ON "shop_order" ("checkoutKey") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7d409a24caf7ca19ac324aeeac" ON "shop_order" ("number") `);
        await queryRunner.query(`CREATE INDEX "IDX_d2d059d5d0bf295037640c13d9" ON "shop_order" ("status", "placedAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_de1fbd07e6a6145f3866e38651" ON "shop_order" ("userId", "placedAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_aa1379b170ebba06b879ff5c92" ON "shop_order" ("placedAt", "status", "totalMinor") `);
        await queryRunner.query(`DROP INDEX "IDX_9ccaebb1a3b9711427739421c3"`);
        await queryRunner.query(`CREATE TABLE "temporary_order_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "orderId" integer NOT NULL, "fromStatus" varchar CHECK( "fromStatus" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ), "toStatus" varchar CHECK( "toStatus" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ) NOT NULL, "changedByUserId" integer, "note" varchar(255), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "payment" varchar CHECK( "payment" IN ('pending','paid','failed','expired','refunded','partially_refunded') ), "changedBy" varchar(254))`);
        await queryRunner.query(`INSERT INTO "temporary_order_status_change"("id", "orderId", "fromStatus", "toStatus", "changedByUserId", "note", "createdAt") SELECT "id", "orderId", "fromStatus", "toStatus", "changedByUserId", "note", "createdAt" FROM "order_status_change"`);
        await queryRunner.query(`DROP TABLE "order_status_change"`);
        await queryRunner.query(`ALTER TABLE "temporary_order_status_change" RENAME TO "order_status_change"`);
        await queryRunner.query(`CREATE INDEX "IDX_9ccaebb1a3b9711427739421c3" ON "order_status_change" ("orderId") `);
        await queryRunner.query(`UPDATE "order_status_change" SET "payment" = 'paid' WHERE "id" IN (SELECT "id" FROM "paid_step")`);
        await queryRunner.query(`DROP TABLE "paid_step"`);
        await queryRunner.query(`DROP INDEX "IDX_d2d059d5d0bf295037640c13d9"`);
        await queryRunner.query(`DROP INDEX "IDX_aa1379b170ebba06b879ff5c92"`);
        await queryRunner.query(`DROP INDEX "IDX_09c7b56f5105cc9ede727e937b"`);
        await queryRunner.query(`DROP INDEX "IDX_7d409a24caf7ca19ac324aeeac"`);
        await queryRunner.query(`DROP INDEX "IDX_de1fbd07e6a6145f3866e38651"`);
        await queryRunner.query(`CREATE TABLE "temporary_shop_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "number" varchar(20) NOT NULL, "userId" integer, "email" varchar(254) NOT NULL, "fullName" varchar(120) NOT NULL, "phone" varchar(40) NOT NULL, "address" varchar(255) NOT NULL, "city" varchar(120) NOT NULL, "postalCode" varchar(20) NOT NULL, "status" varchar CHECK( "status" IN ('placed','confirmed','shipped','delivered','refused','cancelled','refunded') ) NOT NULL, "paymentMethod" varchar(32) NOT NULL, "shippingMethod" varchar(60) NOT NULL, "currency" varchar(3) NOT NULL, "subtotalMinor" integer NOT NULL, "shippingMinor" integer NOT NULL, "totalMinor" integer NOT NULL, "placedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "discountMinor" integer NOT NULL DEFAULT (0), "codFeeMinor" integer NOT NULL DEFAULT (0), "taxMinor" integer NOT NULL DEFAULT (0), "taxRateBasisPoints" integer NOT NULL DEFAULT (0), "taxInclusive" boolean NOT NULL DEFAULT (0), "couponCode" varchar(40), "checkoutKey" varchar(64), "carrier" varchar(20), "trackingNumber" varchar(60))`);
        await queryRunner.query(`INSERT INTO "temporary_shop_order"("id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt", "discountMinor", "codFeeMinor", "taxMinor", "taxRateBasisPoints", "taxInclusive", "couponCode", "checkoutKey", "carrier", "trackingNumber") SELECT "id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt", "discountMinor", "codFeeMinor", "taxMinor", "taxRateBasisPoints", "taxInclusive", "couponCode", "checkoutKey", "carrier", "trackingNumber" FROM "shop_order"`);
        await queryRunner.query(`DROP TABLE "shop_order"`);
        await queryRunner.query(`ALTER TABLE "temporary_shop_order" RENAME TO "shop_order"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_09c7b56f5105cc9ede727e937b" ON "shop_order" ("checkoutKey") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7d409a24caf7ca19ac324aeeac" ON "shop_order" ("number") `);
        await queryRunner.query(`CREATE INDEX "IDX_de1fbd07e6a6145f3866e38651" ON "shop_order" ("userId", "placedAt") `);
        await queryRunner.query(`DROP INDEX "IDX_9ccaebb1a3b9711427739421c3"`);
        await queryRunner.query(`CREATE TABLE "temporary_order_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "orderId" integer NOT NULL, "fromStatus" varchar CHECK( "fromStatus" IN ('placed','confirmed','shipped','delivered','refused','cancelled','refunded') ), "toStatus" varchar CHECK( "toStatus" IN ('placed','confirmed','shipped','delivered','refused','cancelled','refunded') ) NOT NULL, "changedByUserId" integer, "note" varchar(255), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "payment" varchar CHECK( "payment" IN ('pending','paid','failed','expired','refunded','partially_refunded') ), "changedBy" varchar(254))`);
        await queryRunner.query(`INSERT INTO "temporary_order_status_change"("id", "orderId", "fromStatus", "toStatus", "changedByUserId", "note", "createdAt", "payment", "changedBy") SELECT "id", "orderId", "fromStatus", "toStatus", "changedByUserId", "note", "createdAt", "payment", "changedBy" FROM "order_status_change"`);
        await queryRunner.query(`DROP TABLE "order_status_change"`);
        await queryRunner.query(`ALTER TABLE "temporary_order_status_change" RENAME TO "order_status_change"`);
        await queryRunner.query(`CREATE INDEX "IDX_9ccaebb1a3b9711427739421c3" ON "order_status_change" ("orderId") `);
        await queryRunner.query(`CREATE INDEX "IDX_aa1379b170ebba06b879ff5c92" ON "shop_order" ("placedAt", "status", "totalMinor") `);
        await queryRunner.query(`CREATE INDEX "IDX_d2d059d5d0bf295037640c13d9" ON "shop_order" ("status", "placedAt") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_d2d059d5d0bf295037640c13d9"`);
        await queryRunner.query(`DROP INDEX "IDX_aa1379b170ebba06b879ff5c92"`);
        await queryRunner.query(`DROP INDEX "IDX_9ccaebb1a3b9711427739421c3"`);
        await queryRunner.query(`ALTER TABLE "order_status_change" RENAME TO "temporary_order_status_change"`);
        await queryRunner.query(`CREATE TABLE "order_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "orderId" integer NOT NULL, "fromStatus" varchar CHECK( "fromStatus" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ), "toStatus" varchar CHECK( "toStatus" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ) NOT NULL, "changedByUserId" integer, "note" varchar(255), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "payment" varchar CHECK( "payment" IN ('pending','paid','failed','expired','refunded','partially_refunded') ), "changedBy" varchar(254))`);
        await queryRunner.query(`INSERT INTO "order_status_change"("id", "orderId", "fromStatus", "toStatus", "changedByUserId", "note", "createdAt", "payment", "changedBy") SELECT "id", "orderId", "fromStatus", "toStatus", "changedByUserId", "note", "createdAt", "payment", "changedBy" FROM "temporary_order_status_change"`);
        await queryRunner.query(`DROP TABLE "temporary_order_status_change"`);
        await queryRunner.query(`CREATE INDEX "IDX_9ccaebb1a3b9711427739421c3" ON "order_status_change" ("orderId") `);
        await queryRunner.query(`DROP INDEX "IDX_de1fbd07e6a6145f3866e38651"`);
        await queryRunner.query(`DROP INDEX "IDX_7d409a24caf7ca19ac324aeeac"`);
        await queryRunner.query(`DROP INDEX "IDX_09c7b56f5105cc9ede727e937b"`);
        await queryRunner.query(`ALTER TABLE "shop_order" RENAME TO "temporary_shop_order"`);
        await queryRunner.query(`CREATE TABLE "shop_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "number" varchar(20) NOT NULL, "userId" integer, "email" varchar(254) NOT NULL, "fullName" varchar(120) NOT NULL, "phone" varchar(40) NOT NULL, "address" varchar(255) NOT NULL, "city" varchar(120) NOT NULL, "postalCode" varchar(20) NOT NULL, "status" varchar CHECK( "status" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ) NOT NULL, "paymentMethod" varchar(32) NOT NULL, "shippingMethod" varchar(60) NOT NULL, "currency" varchar(3) NOT NULL, "subtotalMinor" integer NOT NULL, "shippingMinor" integer NOT NULL, "totalMinor" integer NOT NULL, "placedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "discountMinor" integer NOT NULL DEFAULT (0), "codFeeMinor" integer NOT NULL DEFAULT (0), "taxMinor" integer NOT NULL DEFAULT (0), "taxRateBasisPoints" integer NOT NULL DEFAULT (0), "taxInclusive" boolean NOT NULL DEFAULT (0), "couponCode" varchar(40), "checkoutKey" varchar(64), "carrier" varchar(20), "trackingNumber" varchar(60))`);
        await queryRunner.query(`INSERT INTO "shop_order"("id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt", "discountMinor", "codFeeMinor", "taxMinor", "taxRateBasisPoints", "taxInclusive", "couponCode", "checkoutKey", "carrier", "trackingNumber") SELECT "id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt", "discountMinor", "codFeeMinor", "taxMinor", "taxRateBasisPoints", "taxInclusive", "couponCode", "checkoutKey", "carrier", "trackingNumber" FROM "temporary_shop_order"`);
        await queryRunner.query(`DROP TABLE "temporary_shop_order"`);
        await queryRunner.query(`CREATE INDEX "IDX_de1fbd07e6a6145f3866e38651" ON "shop_order" ("userId", "placedAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7d409a24caf7ca19ac324aeeac" ON "shop_order" ("number") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_09c7b56f5105cc9ede727e937b" ON "shop_order" ("checkoutKey") `);
        await queryRunner.query(`CREATE INDEX "IDX_aa1379b170ebba06b879ff5c92" ON "shop_order" ("placedAt", "status", "totalMinor") `);
        await queryRunner.query(`CREATE INDEX "IDX_d2d059d5d0bf295037640c13d9" ON "shop_order" ("status", "placedAt") `);
        await queryRunner.query(`DROP INDEX "IDX_9ccaebb1a3b9711427739421c3"`);
        await queryRunner.query(`ALTER TABLE "order_status_change" RENAME TO "temporary_order_status_change"`);
        await queryRunner.query(`CREATE TABLE "order_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "orderId" integer NOT NULL, "fromStatus" varchar CHECK( "fromStatus" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ), "toStatus" varchar CHECK( "toStatus" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ) NOT NULL, "changedByUserId" integer, "note" varchar(255), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "order_status_change"("id", "orderId", "fromStatus", "toStatus", "changedByUserId", "note", "createdAt") SELECT "id", "orderId", "fromStatus", "toStatus", "changedByUserId", "note", "createdAt" FROM "temporary_order_status_change"`);
        await queryRunner.query(`DROP TABLE "temporary_order_status_change"`);
        await queryRunner.query(`CREATE INDEX "IDX_9ccaebb1a3b9711427739421c3" ON "order_status_change" ("orderId") `);
        await queryRunner.query(`DROP INDEX "IDX_aa1379b170ebba06b879ff5c92"`);
        await queryRunner.query(`DROP INDEX "IDX_de1fbd07e6a6145f3866e38651"`);
        await queryRunner.query(`DROP INDEX "IDX_d2d059d5d0bf295037640c13d9"`);
        await queryRunner.query(`DROP INDEX "IDX_7d409a24caf7ca19ac324aeeac"`);
        await queryRunner.query(`DROP INDEX "IDX_09c7b56f5105cc9ede727e937b"`);
        await queryRunner.query(`ALTER TABLE "shop_order" RENAME TO "temporary_shop_order"`);
        await queryRunner.query(`CREATE TABLE "shop_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "number" varchar(20) NOT NULL, "userId" integer, "email" varchar(254) NOT NULL, "fullName" varchar(120) NOT NULL, "phone" varchar(40) NOT NULL, "address" varchar(255) NOT NULL, "city" varchar(120) NOT NULL, "postalCode" varchar(20) NOT NULL, "status" varchar CHECK( "status" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ) NOT NULL, "paymentMethod" varchar(32) NOT NULL, "shippingMethod" varchar(60) NOT NULL, "currency" varchar(3) NOT NULL, "subtotalMinor" integer NOT NULL, "shippingMinor" integer NOT NULL, "totalMinor" integer NOT NULL, "placedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "discountMinor" integer NOT NULL DEFAULT (0), "codFeeMinor" integer NOT NULL DEFAULT (0), "taxMinor" integer NOT NULL DEFAULT (0), "taxRateBasisPoints" integer NOT NULL DEFAULT (0), "taxInclusive" boolean NOT NULL DEFAULT (0), "couponCode" varchar(40), "checkoutKey" varchar(64))`);
        await queryRunner.query(`INSERT INTO "shop_order"("id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt", "discountMinor", "codFeeMinor", "taxMinor", "taxRateBasisPoints", "taxInclusive", "couponCode", "checkoutKey") SELECT "id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt", "discountMinor", "codFeeMinor", "taxMinor", "taxRateBasisPoints", "taxInclusive", "couponCode", "checkoutKey" FROM "temporary_shop_order"`);
        await queryRunner.query(`DROP TABLE "temporary_shop_order"`);
        await queryRunner.query(`CREATE INDEX "IDX_aa1379b170ebba06b879ff5c92" ON "shop_order" ("placedAt", "status", "totalMinor") `);
        await queryRunner.query(`CREATE INDEX "IDX_de1fbd07e6a6145f3866e38651" ON "shop_order" ("userId", "placedAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_d2d059d5d0bf295037640c13d9" ON "shop_order" ("status", "placedAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7d409a24caf7ca19ac324aeeac" ON "shop_order" ("number") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_09c7b56f5105cc9ede727e937b" ON "shop_order" ("checkoutKey") `);
    }

}
