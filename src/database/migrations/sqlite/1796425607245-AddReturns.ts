import { MigrationInterface, QueryRunner } from "typeorm";

export class AddReturns1796425607245 implements MigrationInterface {
    name = 'AddReturns1796425607245'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "return_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "returnId" integer NOT NULL, "orderLineId" integer NOT NULL, "quantity" integer NOT NULL, "reason" varchar(40) NOT NULL, "resolution" varchar CHECK( "resolution" IN ('refund','exchange') ) NOT NULL, "replacementVariantId" integer, "replacementLabel" varchar(100), "reservationHeld" boolean NOT NULL DEFAULT (0))`);
        await queryRunner.query(`CREATE INDEX "IDX_f30b2a3307cb087e828341678b" ON "return_line" ("returnId") `);
        await queryRunner.query(`CREATE INDEX "IDX_45bd54a35e6f78a190141f4666" ON "return_line" ("orderLineId") `);
        await queryRunner.query(`CREATE TABLE "return_request" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "number" varchar(20) NOT NULL, "orderId" integer NOT NULL, "orderNumber" varchar(20) NOT NULL, "status" varchar CHECK( "status" IN ('requested','approved','rejected','received','completed') ) NOT NULL, "requestedByUserId" integer, "ownerNote" varchar(255), "replacementOrderNumber" varchar(20), "refundedMinor" integer, "requestKey" varchar(64), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "receivedAt" datetime(6))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8bf25be966e7f401074246d72e" ON "return_request" ("number") `);
        await queryRunner.query(`CREATE INDEX "IDX_db8dd0236fbb8937be2ef8b850" ON "return_request" ("orderId") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_4f126abad2750191d251ed9bcd" ON "return_request" ("requestKey") `);
        await queryRunner.query(`CREATE INDEX "IDX_a84761e123bcdab3c2af04a0da" ON "return_request" ("status", "createdAt") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_a84761e123bcdab3c2af04a0da"`);
        await queryRunner.query(`DROP INDEX "IDX_4f126abad2750191d251ed9bcd"`);
        await queryRunner.query(`DROP INDEX "IDX_db8dd0236fbb8937be2ef8b850"`);
        await queryRunner.query(`DROP INDEX "IDX_8bf25be966e7f401074246d72e"`);
        await queryRunner.query(`DROP TABLE "return_request"`);
        await queryRunner.query(`DROP INDEX "IDX_45bd54a35e6f78a190141f4666"`);
        await queryRunner.query(`DROP INDEX "IDX_f30b2a3307cb087e828341678b"`);
        await queryRunner.query(`DROP TABLE "return_line"`);
    }

}
