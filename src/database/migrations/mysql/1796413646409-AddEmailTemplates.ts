import { MigrationInterface, QueryRunner } from "typeorm";

export class AddEmailTemplates1796413646409 implements MigrationInterface {
    name = 'AddEmailTemplates1796413646409'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`email_template\` (\`kind\` varchar(40) NOT NULL, \`subject\` varchar(255) NOT NULL, \`html\` text NOT NULL, \`text\` text NOT NULL, \`updatedAt\` datetime(6) NOT NULL, \`updatedByUserId\` int NOT NULL, PRIMARY KEY (\`kind\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`outbox_message\` ADD \`html\` text NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`outbox_message\` DROP COLUMN \`html\``);
        await queryRunner.query(`DROP TABLE \`email_template\``);
    }

}
