import { MigrationInterface, QueryRunner } from "typeorm";

export class AddAuditLog1796412892169 implements MigrationInterface {
    name = 'AddAuditLog1796412892169'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "actorUserId" integer, "actorEmail" varchar(254) NOT NULL, "ip" varchar(45) NOT NULL, "action" varchar(60) NOT NULL, "subjectType" varchar(40) NOT NULL, "subjectId" varchar(64), "before" text, "after" text)`);
        await queryRunner.query(`CREATE INDEX "IDX_39c08fc0bb5499c87edc064a0c" ON "audit_entry" ("actorUserId", "createdAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_3b7fe01e452af9d9926a47358d" ON "audit_entry" ("subjectType", "subjectId") `);
        await queryRunner.query(`CREATE INDEX "IDX_0a96ceef4d8ecdf4bedd9c7a64" ON "audit_entry" ("createdAt") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_0a96ceef4d8ecdf4bedd9c7a64"`);
        await queryRunner.query(`DROP INDEX "IDX_3b7fe01e452af9d9926a47358d"`);
        await queryRunner.query(`DROP INDEX "IDX_39c08fc0bb5499c87edc064a0c"`);
        await queryRunner.query(`DROP TABLE "audit_entry"`);
    }

}
