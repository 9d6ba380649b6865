import { MigrationInterface, QueryRunner } from "typeorm";

export class AddOrderPayments1796418816776 implements MigrationInterface {
    name = 'AddOrderPayments1796418816776'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "order_payment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "orderId" integer NOT NULL, "orderNumber" varchar(20) NOT NULL, "provider" varchar CHECK( "provider" IN ('cod','bank_transfer','stripe','safepay') ) NOT NULL, "providerReference" varchar(255), "providerPaymentId" varchar(255), "checkoutUrl" text, "amountMinor" integer NOT NULL, "refundedMinor" integer NOT NULL DEFAULT (0), "currency" varchar(3) NOT NULL, "status" varchar CHECK( "status" IN ('pending','paid','failed','expired','refunded','partially_refunded') ) NOT NULL, "holdStockUntil" datetime(6), "needsRefund" boolean NOT NULL DEFAULT (0), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8e5de5355bcad91a7769f16504" ON "order_payment" ("orderId") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7a7f293a24fe2c6144d87eb343" ON "order_payment" ("orderNumber") `);
        await queryRunner.query(`CREATE INDEX "IDX_e1d39ba4a1cb76e8c964acd69a" ON "order_payment" ("status", "holdStockUntil") `);
        await queryRunner.query(`CREATE TABLE "payment_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "provider" varchar CHECK( "provider" IN ('cod','bank_transfer','stripe','safepay') ) NOT NULL, "providerEventId" varchar(255) NOT NULL, "type" varchar(80) NOT NULL, "orderPaymentId" integer, "payloadDigest" varchar(64) NOT NULL, "outcome" varchar(120) NOT NULL, "applied" boolean NOT NULL DEFAULT (0), "receivedAt" datetime(6) NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "IDX_95eee34711f5df3f267d825de2" ON "payment_event" ("orderPaymentId") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9695db089dceda91398965d021" ON "payment_event" ("provider", "providerEventId") `);
        await queryRunner.query(`CREATE TABLE "payment_refund" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "orderPaymentId" integer NOT NULL, "amountMinor" integer NOT NULL, "providerRefundId" varchar(255), "restocked" boolean NOT NULL DEFAULT (0), "byUserId" integer NOT NULL, "byEmail" varchar(254) NOT NULL, "reason" varchar(255), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "IDX_09898073bcb53d3c12b5160914" ON "payment_refund" ("orderPaymentId") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_09898073bcb53d3c12b5160914"`);
        await queryRunner.query(`DROP TABLE "payment_refund"`);
        await queryRunner.query(`DROP INDEX "IDX_9695db089dceda91398965d021"`);
        await queryRunner.query(`DROP INDEX "IDX_95eee34711f5df3f267d825de2"`);
        await queryRunner.query(`DROP TABLE "payment_event"`);
        await queryRunner.query(`DROP INDEX "IDX_e1d39ba4a1cb76e8c964acd69a"`);
        await queryRunner.query(`DROP INDEX "IDX_7a7f293a24fe2c6144d87eb343"`);
        await queryRunner.query(`DROP INDEX "IDX_8e5de5355bcad91a7769f16504"`);
        await queryRunner.query(`DROP TABLE "order_payment"`);
    }

}
