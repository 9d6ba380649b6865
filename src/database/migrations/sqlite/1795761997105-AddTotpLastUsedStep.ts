import { MigrationInterface, QueryRunner } from "typeorm";

export class AddTotpLastUsedStep1795761997105 implements MigrationInterface {
    name = 'AddTotpLastUsedStep1795761997105'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_e12875dfb3b1d92d7d7c5377e2"`);
        await queryRunner.query(`CREATE TABLE "temporary_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "passwordHash" varchar(255) NOT NULL, "role" varchar CHECK( "role" IN ('customer','staff','owner') ) NOT NULL DEFAULT ('customer'), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "emailVerifiedAt" datetime(6), "totpSecret" varchar(64), "totpEnabledAt" datetime(6), "totpLastUsedStep" integer)`);
        await queryRunner.query(`INSERT INTO "temporary_user"("id", "email", "name", "passwordHash", "role", "createdAt", "emailVerifiedAt", "totpSecret", "totpEnabledAt") SELECT "id", "email", "name", "passwordHash", "role", "createdAt", "emailVerifiedAt", "totpSecret", "totpEnabledAt" FROM "user"`);
        await queryRunner.query(`DROP TABLE "user"`);
        await queryRunner.query(`ALTER TABLE "temporary_user" RENAME TO "user"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e12875dfb3b1d92d7d7c5377e2" ON "user" ("email") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_e12875dfb3b1d92d7d7c5377e2"`);
        await queryRunner.query(`ALTER TABLE "user" RENAME TO "temporary_user"`);
        await queryRunner.query(`CREATE TABLE "user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "passwordHash" varchar(255) NOT NULL, "role" varchar CHECK( "role" IN ('customer','staff','owner') ) NOT NULL DEFAULT ('customer'), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "emailVerifiedAt" datetime(6), "totpSecret" varchar(64), "totpEnabledAt" datetime(6))`);
        await queryRunner.query(`INSERT INTO "user"("id", "email", "name", "passwordHash", "role", "createdAt", "emailVerifiedAt", "totpSecret", "totpEnabledAt") SELECT "id", "email", "name", "passwordHash", "role", "createdAt", "emailVerifiedAt", "totpSecret", "totpEnabledAt" FROM "temporary_user"`);
        await queryRunner.query(`DROP TABLE "temporary_user"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e12875dfb3b1d92d7d7c5377e2" ON "user" ("email") `);
    }

}
