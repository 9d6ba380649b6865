import { MigrationInterface, QueryRunner } from "typeorm";

export class AddCheckoutPricing1796418270930 implements MigrationInterface {
    name = 'AddCheckoutPricing1796418270930'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "coupon_category" ("couponId" integer NOT NULL, "categoryId" integer NOT NULL, PRIMARY KEY ("couponId", "categoryId"))`);
        await queryRunner.query(`CREATE TABLE "coupon_use" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "couponId" integer NOT NULL, "orderId" integer NOT NULL, "userId" integer, "email" varchar(254) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f3979895476329fd8f22c389fb" ON "coupon_use" ("orderId") `);
        await queryRunner.query(`CREATE INDEX "IDX_8845088cf43516a7d904abf918" ON "coupon_use" ("couponId", "email") `);
        await queryRunner.query(`CREATE INDEX "IDX_ad62a3f604f13d5548fc93dbf8" ON "coupon_use" ("couponId", "userId") `);
        await queryRunner.query(`CREATE TABLE "coupon" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(40) NOT NULL, "kind" varchar(20) NOT NULL, "percentBasisPoints" integer NOT NULL DEFAULT (0), "amountOffMinor" integer NOT NULL DEFAULT (0), "minSubtotalMinor" integer NOT NULL DEFAULT (0), "startsAt" datetime(6), "endsAt" datetime(6), "maxUses" integer, "maxUsesPerCustomer" integer, "usesCount" integer NOT NULL DEFAULT (0), "active" boolean NOT NULL DEFAULT (1), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_62d3c5b0ce63a82c48e86d904b" ON "coupon" ("code") `);
        // order_line gains two columns in place rather than by a rebuild: a rebuild drops and makes again
        // its indexes, which would tie this migration to every earlier one that made them.
        await queryRunner.query(`ALTER TABLE "order_line" ADD COLUMN "discountMinor" integer NOT NULL DEFAULT (0)`);
        await queryRunner.query(`ALTER TABLE "order_line" ADD COLUMN "taxMinor" integer NOT NULL DEFAULT (0)`);
        await queryRunner.query(`DROP INDEX "IDX_aa1379b170ebba06b879ff5c92"`);
        await queryRunner.query(`DROP INDEX "IDX_de1fbd07e6a6145f3866e38651"`);
        await queryRunner.query(`DROP INDEX "IDX_d2d059d5d0bf295037640c13d9"`);
        await queryRunner.query(`DROP INDEX "IDX_7d409a24caf7ca19ac324aeeac"`);
        await queryRunner.query(`CREATE TABLE "temporary_shop_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "number" varchar(20) NOT NULL, "userId" integer, "email" varchar(254) NOT NULL, "fullName" varchar(120) NOT NULL, "phone" varchar(40) NOT NULL, "address" varchar(255) NOT NULL, "city" varchar(120) NOT NULL, "postalCode" varchar(20) NOT NULL, "status" varchar CHECK( "status" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ) NOT NULL, "paymentMethod" varchar CHECK( "paymentMethod" IN ('cod') ) NOT NULL, "shippingMethod" varchar(60) NOT NULL, "currency" varchar(3) NOT NULL, "subtotalMinor" integer NOT NULL, "shippingMinor" integer NOT NULL, "totalMinor" integer NOT NULL, "placedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "discountMinor" integer NOT NULL DEFAULT (0), "codFeeMinor" integer NOT NULL DEFAULT (0), "taxMinor" integer NOT NULL DEFAULT (0), "taxRateBasisPoints" integer NOT NULL DEFAULT (0), "taxInclusive" boolean NOT NULL DEFAULT (0), "couponCode" varchar(40), "checkoutKey" varchar(64))`);
        await queryRunner.query(`INSERT INTO "temporary_shop_order"("id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt") SELECT "id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt" FROM "shop_order"`);
        await queryRunner.query(`DROP TABLE "shop_order"`);
        await queryRunner.query(`ALTER TABLE "temporary_shop_order" RENAME TO "shop_order"`);
        await queryRunner.query(`CREATE INDEX "IDX_aa1379b170ebba06b879ff5c92" ON "shop_order" ("placedAt", "status", "totalMinor") `);
        await queryRunner.query(`CREATE INDEX "IDX_de1fbd07e6a6145f3866e38651" ON "shop_order" ("userId", "placedAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_d2d059d5d0bf295037640c13d9" ON "shop_order" ("status", "placedAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7d409a24caf7ca19ac324aeeac" ON "shop_order" ("number") `);
        await queryRunner.query(`DROP INDEX "IDX_aa1379b170ebba06b879ff5c92"`);
        await queryRunner.query(`DROP INDEX "IDX_de1fbd07e6a6145f3866e38651"`);
        await queryRunner.query(`DROP INDEX "IDX_d2d059d5d0bf295037640c13d9"`);
        await queryRunner.query(`DROP INDEX "IDX_7d409a24caf7ca19ac324aeeac"`);
        await queryRunner.query(`CREATE TABLE "temporary_shop_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "number" varchar(20) NOT NULL, "userId" integer, "email" varchar(254) NOT NULL, "fullName" varchar(120) NOT NULL, "phone" varchar(40) NOT NULL, "address" varchar(255) NOT NULL, "city" varchar(120) NOT NULL, "postalCode" varchar(20) NOT NULL, "status" varchar CHECK( "status" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ) NOT NULL, "paymentMethod" varchar(32) NOT NULL, "shippingMethod" varchar(60) NOT NULL, "currency" varchar(3) NOT NULL, "subtotalMinor" integer NOT NULL, "shippingMinor" integer NOT NULL, "totalMinor" integer NOT NULL, "placedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "discountMinor" integer NOT NULL DEFAULT (0), "codFeeMinor" integer NOT NULL DEFAULT (0), "taxMinor" integer NOT NULL DEFAULT (0), "taxRateBasisPoints" integer NOT NULL DEFAULT (0), "taxInclusive" boolean NOT NULL DEFAULT (0), "couponCode" varchar(40), "checkoutKey" varchar(64))`);
        await queryRunner.query(`INSERT INTO "temporary_shop_order"("id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt", "discountMinor", "codFeeMinor", "taxMinor", "taxRateBasisPoints", "taxInclusive", "couponCode", "checkoutKey") SELECT "id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt", "discountMinor", "codFeeMinor", "taxMinor", "taxRateBasisPoints", "taxInclusive", "couponCode", "checkoutKey" FROM "shop_order"`);
        await queryRunner.query(`DROP TABLE "shop_order"`);
        await queryRunner.query(`ALTER TABLE "temporary_shop_order" RENAME TO "shop_order"`);
        await queryRunner.query(`CREATE INDEX "IDX_aa1379b170ebba06b879ff5c92" ON "shop_order" ("placedAt", "status", "totalMinor") `);
        await queryRunner.query(`CREATE INDEX "IDX_de1fbd07e6a6145f3866e38651" ON "shop_order" ("userId", "placedAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_d2d059d5d0bf295037640c13d9" ON "shop_order" ("status", "placedAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7d409a24caf7ca19ac324aeeac" ON "shop_order" ("number") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_09c7b56f5105cc9ede727e937b" ON "shop_order" ("checkoutKey") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_09c7b56f5105cc9ede727e937b"`);
        await queryRunner.query(`DROP INDEX "IDX_7d409a24caf7ca19ac324aeeac"`);
        await queryRunner.query(`DROP INDEX "IDX_d2d059d5d0bf295037640c13d9"`);
        await queryRunner.query(`DROP INDEX "IDX_de1fbd07e6a6145f3866e38651"`);
        await queryRunner.query(`DROP INDEX "IDX_aa1379b170ebba06b879ff5c92"`);
        await queryRunner.query(`ALTER TABLE "shop_order" RENAME TO "temporary_shop_order"`);
        await queryRunner.query(`CREATE TABLE "shop_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "number" varchar(20) NOT NULL, "userId" integer, "email" varchar(254) NOT NULL, "fullName" varchar(120) NOT NULL, "phone" varchar(40) NOT NULL, "address" varchar(255) NOT NULL, "city" varchar(120) NOT NULL, "postalCode" varchar(20) NOT NULL, "status" varchar CHECK( "status" IN ('placed','confirmed','paid','shipped','delivered','cancelled','refunded') ) NOT NULL, "paymentMethod" varchar CHECK( "paymentMethod" IN ('cod') ) NOT NULL, "shippingMethod" varchar(60) NOT NULL, "currency" varchar(3) NOT NULL, "subtotalMinor" integer NOT NULL, "shippingMinor" integer NOT NULL, "totalMinor" integer NOT NULL, "placedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "discountMinor" integer NOT NULL DEFAULT (0), "codFeeMinor" integer NOT NULL DEFAULT (0), "taxMinor" integer NOT NULL DEFAULT (0), "taxRateBasisPoints" integer NOT NULL DEFAULT (0), "taxInclusive" boolean NOT NULL DEFAULT (0), "couponCode" varchar(40), "checkoutKey" varchar(64))`);
        await queryRunner.query(`INSERT INTO "shop_order"("id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt", "discountMinor", "codFeeMinor", "taxMinor", "taxRateBasisPoints", "taxInclusive", "couponCode", "checkoutKey") SELECT "id", "number", "userId", "email", "fullName", "phone", "address", "city", "postalCode", "status", "paymentMethod", "shippingMethod", "currency", "subtotalMinor", "shippingMinor", "totalMinor", "placedAt", "discountMinor", "codFeeMinor", "taxMinor", "taxRateBasisPoints", "taxInclusive", "couponCode", "checkoutKey" FROM "temporary_shop_order"`);
        await queryRunner.query(`DROP TABLE "temporary_shop_order"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7d409a24caf7ca19ac324aeeac" ON "shop_order" ("number") `);
        await queryRunner.query(`CREATE INDEX "IDX_d2d059d5d0bf295037640c13d9" ON "shop_order" ("status", "placedAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_de1fbd07e6a6145f3866e38651" ON "shop_order" ("userId", "placedAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_aa1379b170ebba06b879ff5c92" ON "shop_order" ("placedAt", "status", "totalMinor") `);
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
        await queryRunner.query(`DROP INDEX "IDX_239cfca2a55b98b90b6bef2e44"`);
        await queryRunner.query(`DROP INDEX "IDX_e153ce2f7d4ac7ddf26cfbe5c3"`);
        await queryRunner.query(`ALTER TABLE "order_line" RENAME TO "temporary_order_line"`);
        await queryRunner.query(`CREATE TABLE "order_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "orderId" integer NOT NULL, "variantId" integer NOT NULL, "sku" varchar(64) NOT NULL, "productName" varchar(160) NOT NULL, "variantLabel" varchar(100) NOT NULL, "unitPriceMinor" integer NOT NULL, "quantity" integer NOT NULL, "lineTotalMinor" integer NOT NULL)`);
        await queryRunner.query(`INSERT INTO "order_line"("id", "orderId", "variantId", "sku", "productName", "variantLabel", "unitPriceMinor", "quantity", "lineTotalMinor") SELECT "id", "orderId", "variantId", "sku", "productName", "variantLabel", "unitPriceMinor", "quantity", "lineTotalMinor" FROM "temporary_order_line"`);
        await queryRunner.query(`DROP TABLE "temporary_order_line"`);
        await queryRunner.query(`CREATE INDEX "IDX_239cfca2a55b98b90b6bef2e44" ON "order_line" ("orderId") `);
        await queryRunner.query(`CREATE INDEX "IDX_e153ce2f7d4ac7ddf26cfbe5c3" ON "order_line" ("variantId", "orderId") `);
        await queryRunner.query(`DROP INDEX "IDX_62d3c5b0ce63a82c48e86d904b"`);
        await queryRunner.query(`DROP TABLE "coupon"`);
        await queryRunner.query(`DROP INDEX "IDX_ad62a3f604f13d5548fc93dbf8"`);
        await queryRunner.query(`DROP INDEX "IDX_8845088cf43516a7d904abf918"`);
        await queryRunner.query(`DROP INDEX "IDX_f3979895476329fd8f22c389fb"`);
        await queryRunner.query(`DROP TABLE "coupon_use"`);
        await queryRunner.query(`DROP TABLE "coupon_category"`);
    }

}
