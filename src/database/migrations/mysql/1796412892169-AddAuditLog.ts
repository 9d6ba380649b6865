import { MigrationInterface, QueryRunner } from "typeorm";

export class AddAuditLog1796412892169 implements MigrationInterface {
    name = 'AddAuditLog1796412892169'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`audit_entry\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`actorUserId\` int NULL, \`actorEmail\` varchar(254) NOT NULL, \`ip\` varchar(45) NOT NULL, \`action\` varchar(60) NOT NULL, \`subjectType\` varchar(40) NOT NULL, \`subjectId\` varchar(64) NULL, \`before\` text NULL, \`after\` text NULL, INDEX \`IDX_39c08fc0bb5499c87edc064a0c\` (\`actorUserId\`, \`createdAt\`), INDEX \`IDX_3b7fe01e452af9d9926a47358d\` (\`subjectType\`, \`subjectId\`), INDEX \`IDX_0a96ceef4d8ecdf4bedd9c7a64\` (\`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_0a96ceef4d8ecdf4bedd9c7a64\` ON \`audit_entry\``);
        await queryRunner.query(`DROP INDEX \`IDX_3b7fe01e452af9d9926a47358d\` ON \`audit_entry\``);
        await queryRunner.query(`DROP INDEX \`IDX_39c08fc0bb5499c87edc064a0c\` ON \`audit_entry\``);
        await queryRunner.query(`DROP TABLE \`audit_entry\``);
    }

}
