import { MigrationInterface, QueryRunner } from "typeorm";

export class AddTotpLastUsedStep1795761998485 implements MigrationInterface {
    name = 'AddTotpLastUsedStep1795761998485'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`user\` ADD \`totpLastUsedStep\` int NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`user\` DROP COLUMN \`totpLastUsedStep\``);
    }

}
