import { MigrationInterface, QueryRunner } from "typeorm";

export class AddStockMovementActor1796413399317 implements MigrationInterface {
    name = 'AddStockMovementActor1796413399317'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_e64f07861f20574a1883d4cd4d"`);
        await queryRunner.query(`CREATE TABLE "temporary_stock_movement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "variantId" integer NOT NULL, "delta" integer NOT NULL, "reason" varchar(40) NOT NULL, "reference" varchar(64), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "userId" integer, "note" varchar(200))`);
        await queryRunner.query(`INSERT INTO "temporary_stock_movement"("id", "variantId", "delta", "reason", "reference", "createdAt") SELECT "id", "variantId", "delta", "reason", "reference", "createdAt" FROM "stock_movement"`);
        await queryRunner.query(`DROP TABLE "stock_movement"`);
        await queryRunner.query(`ALTER TABLE "temporary_stock_movement" RENAME TO "stock_movement"`);
        await queryRunner.query(`CREATE INDEX "IDX_e64f07861f20574a1883d4cd4d" ON "stock_movement" ("variantId") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_e64f07861f20574a1883d4cd4d"`);
        await queryRunner.query(`ALTER TABLE "stock_movement" RENAME TO "temporary_stock_movement"`);
        await queryRunner.query(`CREATE TABLE "stock_movement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "variantId" integer NOT NULL, "delta" integer NOT NULL, "reason" varchar(40) NOT NULL, "reference" varchar(64), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "stock_movement"("id", "variantId", "delta", "reason", "reference", "createdAt") SELECT "id", "variantId", "delta", "reason", "reference", "createdAt" FROM "temporary_stock_movement"`);
        await queryRunner.query(`DROP TABLE "temporary_stock_movement"`);
        await queryRunner.query(`CREATE INDEX "IDX_e64f07861f20574a1883d4cd4d" ON "stock_movement" ("variantId") `);
    }

}
