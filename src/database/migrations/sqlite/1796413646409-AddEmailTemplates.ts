import { MigrationInterface, QueryRunner } from "typeorm";

export class AddEmailTemplates1796413646409 implements MigrationInterface {
    name = 'AddEmailTemplates1796413646409'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "email_template" ("kind" varchar(40) PRIMARY KEY NOT NULL, "subject" varchar(255) NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "updatedAt" datetime(6) NOT NULL, "updatedByUserId" integer NOT NULL)`);
        await queryRunner.query(`DROP INDEX "IDX_77c1875845c0e4b7159770b023"`);
        await queryRunner.query(`CREATE TABLE "temporary_outbox_message" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(40) NOT NULL, "recipient" varchar(254) NOT NULL, "subject" varchar(255) NOT NULL, "body" text NOT NULL, "status" varchar CHECK( "status" IN ('pending','sent','failed') ) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime(6) NOT NULL, "claimedAt" datetime(6), "sentAt" datetime(6), "lastError" varchar(500), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "html" text)`);
        await queryRunner.query(`INSERT INTO "temporary_outbox_message"("id", "kind", "recipient", "subject", "body", "status", "attempts", "nextAttemptAt", "claimedAt", "sentAt", "lastError", "createdAt") SELECT "id", "kind", "recipient", "subject", "body", "status", "attempts", "nextAttemptAt", "claimedAt", "sentAt", "lastError", "createdAt" FROM "outbox_message"`);
        await queryRunner.query(`DROP TABLE "outbox_message"`);
        await queryRunner.query(`ALTER TABLE "temporary_outbox_message" RENAME TO "outbox_message"`);
        await queryRunner.query(`CREATE INDEX "IDX_77c1875845c0e4b7159770b023" ON "outbox_message" ("status", "nextAttemptAt") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_77c1875845c0e4b7159770b023"`);
        await queryRunner.query(`ALTER TABLE "outbox_message" RENAME TO "temporary_outbox_message"`);
        await queryRunner.query(`CREATE TABLE "outbox_message" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(40) NOT NULL, "recipient" varchar(254) NOT NULL, "subject" varchar(255) NOT NULL, "body" text NOT NULL, "status" varchar CHECK( "status" IN ('pending','sent','failed') ) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime(6) NOT NULL, "claimedAt" datetime(6), "sentAt" datetime(6), "lastError" varchar(500), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "outbox_message"("id", "kind", "recipient", "subject", "body", "status", "attempts", "nextAttemptAt", "claimedAt", "sentAt", "lastError", "createdAt") SELECT "id", "kind", "recipient", "subject", "body", "status", "attempts", "nextAttemptAt", "claimedAt", "sentAt", "lastError", "createdAt" FROM "temporary_outbox_message"`);
        await queryRunner.query(`DROP TABLE "temporary_outbox_message"`);
        await queryRunner.query(`CREATE INDEX "IDX_77c1875845c0e4b7159770b023" ON "outbox_message" ("status", "nextAttemptAt") `);
        await queryRunner.query(`DROP TABLE "email_template"`);
    }

}
