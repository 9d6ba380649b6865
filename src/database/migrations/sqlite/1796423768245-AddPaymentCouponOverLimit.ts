import { MigrationInterface, QueryRunner } from "typeorm";

export class AddPaymentCouponOverLimit1796423768245 implements MigrationInterface {
    name = 'AddPaymentCouponOverLimit1796423768245'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_e1d39ba4a1cb76e8c964acd69a"`);
        await queryRunner.query(`DROP INDEX "IDX_7a7f293a24fe2c6144d87eb343"`);
        await queryRunner.query(`DROP INDEX "IDX_8e5de5355bcad91a7769f16504"`);
        await queryRunner.query(`CREATE TABLE "temporary_order_payment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "orderId" integer NOT NULL, "orderNumber" varchar(20) NOT NULL, "provider" varchar CHECK( "provider" IN ('cod','bank_transfer','stripe','safepay') ) NOT NULL, "providerReference" varchar(255), "providerPaymentId" varchar(255), "checkoutUrl" text, "amountMinor" integer NOT NULL, "refundedMinor" integer NOT NULL DEFAULT (0), "currency" varchar(3) NOT NULL, "status" varchar CHECK( "status" IN ('pending','paid','failed','expired','refunded','partially_refunded') ) NOT NULL, "holdStockUntil" datetime(6), "needsRefund" boolean NOT NULL DEFAULT (0), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "couponOverLimit" boolean NOT NULL DEFAULT (0))`);
        await queryRunner.query(`INSERT INTO "temporary_order_payment"("id", "orderId", "orderNumber", "provider", "providerReference", "providerPaymentId", "checkoutUrl", "amountMinor", "refundedMinor", "currency", "status", "holdStockUntil", "needsRefund", "createdAt", "updatedAt") SELECT "id", "orderId", "orderNumber", "provider", "providerReference", "providerPaymentId", "checkoutUrl", "amountMinor", "refundedMinor", "currency", "status", "holdStockUntil", "needsRefund", "createdAt", "updatedAt" FROM "order_payment"`);
        await queryRunner.query(`DROP TABLE "order_payment"`);
        await queryRunner.query(`ALTER TABLE "temporary_order_payment" RENAME TO "order_payment"`);
        await queryRunner.query(`CREATE INDEX "IDX_e1d39ba4a1cb76e8c964acd69a" ON "order_payment" ("status", "holdStockUntil") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7a7f293a24fe2c6144d87eb343" ON "order_payment" ("orderNumber") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8e5de5355bcad91a7769f16504" ON "order_payment" ("orderId") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_8e5de5355bcad91a7769f16504"`);
        await queryRunner.query(`DROP INDEX "IDX_7a7f293a24fe2c6144d87eb343"`);
        await queryRunner.query(`DROP INDEX "IDX_e1d39ba4a1cb76e8c964acd69a"`);
        await queryRunner.query(`ALTER TABLE "order_payment" RENAME TO "temporary_order_payment"`);
        await queryRunner.query(`CREATE TABLE "order_payment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "orderId" integer NOT NULL, "orderNumber" varchar(20) NOT NULL, "provider" varchar CHECK( "provider" IN ('cod','bank_transfer','stripe','safepay') ) NOT NULL, "providerReference" varchar(255), "providerPaymentId" varchar(255), "checkoutUrl" text, "amountMinor" integer NOT NULL, "refundedMinor" integer NOT NULL DEFAULT (0), "currency" varchar(3) NOT NULL, "status" varchar CHECK( "status" IN ('pending','paid','failed','expired','refunded','partially_refunded') ) NOT NULL, "holdStockUntil" datetime(6), "needsRefund" boolean NOT NULL DEFAULT (0), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "order_payment"("id", "orderId", "orderNumber", "provider", "providerReference", "providerPaymentId", "checkoutUrl", "amountMinor", "refundedMinor", "currency", "status", "holdStockUntil", "needsRefund", "createdAt", "updatedAt") SELECT "id", "orderId", "orderNumber", "provider", "providerReference", "providerPaymentId", "checkoutUrl", "amountMinor", "refundedMinor", "currency", "status", "holdStockUntil", "needsRefund", "createdAt", "updatedAt" FROM "temporary_order_payment"`);
        await queryRunner.query(`DROP TABLE "temporary_order_payment"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8e5de5355bcad91a7769f16504" ON "order_payment" ("orderId") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7a7f293a24fe2c6144d87eb343" ON "order_payment" ("orderNumber") `);
        await queryRunner.query(`CREATE INDEX "IDX_e1d39ba4a1cb76e8c964acd69a" ON "order_payment" ("status", "holdStockUntil") `);
    }

}
