import { MigrationInterface, QueryRunner } from "typeorm";

export class AddJobLease1796423519917 implements MigrationInterface {
    name = 'AddJobLease1796423519917'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "job_lease" ("name" varchar(60) PRIMARY KEY NOT NULL, "leaseHolder" varchar(100), "leaseExpiresAt" datetime(6), "lastStartedAt" datetime(6), "lastDurationMs" integer, "lastOutcome" varchar(10), "lastRanOn" varchar(100), "lastError" varchar(500), "lastErrorAt" datetime(6))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "job_lease"`);
    }

}
