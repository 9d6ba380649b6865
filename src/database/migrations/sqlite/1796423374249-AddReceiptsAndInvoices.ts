import { MigrationInterface, QueryRunner } from "typeorm";

export class AddReceiptsAndInvoices1796423374249 implements MigrationInterface {
    name = 'AddReceiptsAndInvoices1796423374249'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "invoice_counter" ("year" integer PRIMARY KEY NOT NULL, "lastSequence" integer NOT NULL)`);
        await queryRunner.query(`CREATE TABLE "invoice" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "orderId" integer NOT NULL, "number" varchar(20) NOT NULL, "year" integer NOT NULL, "sequence" integer NOT NULL, "paidAt" datetime(6) NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f494ce6746b91e9ec9562af485" ON "invoice" ("orderId") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_60284980bc8b9c624459948f4a" ON "invoice" ("number") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_226ec4fb35f345174de23b79b5" ON "invoice" ("year", "sequence") `);
        await queryRunner.query(`CREATE TABLE "order_receipt" ("orderId" integer PRIMARY KEY NOT NULL, "body" text NOT NULL)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "order_receipt"`);
        await queryRunner.query(`DROP INDEX "IDX_226ec4fb35f345174de23b79b5"`);
        await queryRunner.query(`DROP INDEX "IDX_60284980bc8b9c624459948f4a"`);
        await queryRunner.query(`DROP INDEX "IDX_f494ce6746b91e9ec9562af485"`);
        await queryRunner.query(`DROP TABLE "invoice"`);
        await queryRunner.query(`DROP TABLE "invoice_counter"`);
    }

}
