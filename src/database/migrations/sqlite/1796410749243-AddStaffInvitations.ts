import { MigrationInterface, QueryRunner } from "typeorm";

export class AddStaffInvitations1796410749243 implements MigrationInterface {
    name = 'AddStaffInvitations1796410749243'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "staff_invitation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "tokenHash" varchar(64) NOT NULL, "invitedByUserId" integer NOT NULL, "expiresAt" datetime(6) NOT NULL, "acceptedAt" datetime(6), "acceptedUserId" integer, "withdrawnAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_28552270b3658ba0e408d106e4" ON "staff_invitation" ("tokenHash") `);
        await queryRunner.query(`CREATE INDEX "IDX_a170bb30650e56d86dca208dc2" ON "staff_invitation" ("email") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_a170bb30650e56d86dca208dc2"`);
        await queryRunner.query(`DROP INDEX "IDX_28552270b3658ba0e408d106e4"`);
        await queryRunner.query(`DROP TABLE "staff_invitation"`);
    }

}
