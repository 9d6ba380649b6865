import { MigrationInterface, QueryRunner } from "typeorm";

export class AddJobRun1796414265703 implements MigrationInterface {
    name = 'AddJobRun1796414265703'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "job_run" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "job" varchar(60) NOT NULL, "period" varchar(20) NOT NULL, "ranAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b4e3f1665d2c056abaadc71120" ON "job_run" ("job", "period") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_b4e3f1665d2c056abaadc71120"`);
        await queryRunner.query(`DROP TABLE "job_run"`);
    }

}
