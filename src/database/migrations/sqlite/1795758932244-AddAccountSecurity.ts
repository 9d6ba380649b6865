import { MigrationInterface, QueryRunner } from "typeorm";

export class AddAccountSecurity1795758932244 implements MigrationInterface {
    name = 'AddAccountSecurity1795758932244'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "address" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "userId" integer NOT NULL, "fullName" varchar(120) NOT NULL, "phone" varchar(40) NOT NULL, "address" varchar(255) NOT NULL, "city" varchar(120) NOT NULL, "postalCode" varchar(20) NOT NULL, "isDefault" boolean NOT NULL DEFAULT (0), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "IDX_d25f1ea79e282cc8a42bd616aa" ON "address" ("userId") `);
        await queryRunner.query(`CREATE TABLE "auth_attempt" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "action" varchar(32) NOT NULL, "subject" varchar(300) NOT NULL, "succeeded" boolean NOT NULL DEFAULT (0), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "IDX_9796e791a686ad8c35b8eb35a7" ON "auth_attempt" ("action", "subject", "createdAt") `);
        await queryRunner.query(`CREATE TABLE "user_token" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "userId" integer NOT NULL, "purpose" varchar CHECK( "purpose" IN ('verify_email','reset_password') ) NOT NULL, "tokenHash" varchar(64) NOT NULL, "expiresAt" datetime(6) NOT NULL, "usedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_2a307f56ca7d1260036caabaf5" ON "user_token" ("tokenHash") `);
        await queryRunner.query(`CREATE INDEX "IDX_39e68185203c22896a3fd80e34" ON "user_token" ("userId", "purpose") `);
        await queryRunner.query(`DROP INDEX "IDX_e12875dfb3b1d92d7d7c5377e2"`);
        await queryRunner.query(`CREATE TABLE "temporary_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "passwordHash" varchar(255) NOT NULL, "role" varchar CHECK( "role" IN ('customer','staff','owner') ) NOT NULL DEFAULT ('customer'), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "emailVerifiedAt" datetime(6), "totpSecret" varchar(64), "totpEnabledAt" datetime(6))`);
        await queryRunner.query(`INSERT INTO "temporary_user"("id", "email", "name", "passwordHash", "role", "createdAt") SELECT "id", "email", "name", "passwordHash", "role", "createdAt" FROM "user"`);
        await queryRunner.query(`DROP TABLE "user"`);
        await queryRunner.query(`ALTER TABLE "temporary_user" RENAME TO "user"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e12875dfb3b1d92d7d7c5377e2" ON "user" ("email") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_e12875dfb3b1d92d7d7c5377e2"`);
        await queryRunner.query(`ALTER TABLE "user" RENAME TO "temporary_user"`);
        await queryRunner.query(`CREATE TABLE "user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "passwordHash" varchar(255) NOT NULL, "role" varchar CHECK( "role" IN ('customer','staff','owner') ) NOT NULL DEFAULT ('customer'), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "user"("id", "email", "name", "passwordHash", "role", "createdAt") SELECT "id", "email", "name", "passwordHash", "role", "createdAt" FROM "temporary_user"`);
        await queryRunner.query(`DROP TABLE "temporary_user"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e12875dfb3b1d92d7d7c5377e2" ON "user" ("email") `);
        await queryRunner.query(`DROP INDEX "IDX_39e68185203c22896a3fd80e34"`);
        await queryRunner.query(`DROP INDEX "IDX_2a307f56ca7d1260036caabaf5"`);
        await queryRunner.query(`DROP TABLE "user_token"`);
        await queryRunner.query(`DROP INDEX "IDX_9796e791a686ad8c35b8eb35a7"`);
        await queryRunner.query(`DROP TABLE "auth_attempt"`);
        await queryRunner.query(`DROP INDEX "IDX_d25f1ea79e282cc8a42bd616aa"`);
        await queryRunner.query(`DROP TABLE "address"`);
    }

}
