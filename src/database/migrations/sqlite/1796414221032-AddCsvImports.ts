import { MigrationInterface, QueryRunner } from "typeorm";

export class AddCsvImports1796414221032 implements MigrationInterface {
    name = 'AddCsvImports1796414221032'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "csv_import_batch" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "importId" integer NOT NULL, "position" integer NOT NULL, "products" text NOT NULL, "appliedAt" datetime(6))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ca270fa39a7832b67a85f2ffa6" ON "csv_import_batch" ("importId", "position") `);
        await queryRunner.query(`CREATE TABLE "csv_import" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "createdByUserId" integer NOT NULL, "fileName" varchar(255) NOT NULL, "status" varchar CHECK( "status" IN ('refused','ready','applying','applied','failed') ) NOT NULL, "rowCount" integer NOT NULL, "summary" text NOT NULL, "errors" text, "batchCount" integer NOT NULL, "batchesApplied" integer NOT NULL DEFAULT (0), "progressAt" datetime(6))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "csv_import"`);
        await queryRunner.query(`DROP INDEX "IDX_ca270fa39a7832b67a85f2ffa6"`);
        await queryRunner.query(`DROP TABLE "csv_import_batch"`);
    }

}
