import { MigrationInterface, QueryRunner } from "typeorm";

export class AddAccountSecurity1795758933532 implements MigrationInterface {
    name = 'AddAccountSecurity1795758933532'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`address\` (\`id\` int NOT NULL AUTO_INCREMENT, \`userId\` int NOT NULL, \`fullName\` varchar(120) NOT NULL, \`phone\` varchar(40) NOT NULL, \`address\` varchar(255) NOT NULL, \`city\` varchar(120) NOT NULL, \`postalCode\` varchar(20) NOT NULL, \`isDefault\` tinyint NOT NULL DEFAULT 0, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_d25f1ea79e282cc8a42bd616aa\` (\`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`auth_attempt\` (\`id\` int NOT NULL AUTO_INCREMENT, \`action\` varchar(32) NOT NULL, \`subject\` varchar(300) NOT NULL, \`succeeded\` tinyint NOT NULL DEFAULT 0, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_9796e791a686ad8c35b8eb35a7\` (\`action\`, \`subject\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`user_token\` (\`id\` int NOT NULL AUTO_INCREMENT, \`userId\` int NOT NULL, \`purpose\` enum ('verify_email', 'reset_password') NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`expiresAt\` datetime(6) NOT NULL, \`usedAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_2a307f56ca7d1260036caabaf5\` (\`tokenHash\`), INDEX \`IDX_39e68185203c22896a3fd80e34\` (\`userId\`, \`purpose\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`user\` ADD \`emailVerifiedAt\` datetime(6) NULL`);
        await queryRunner.query(`ALTER TABLE \`user\` ADD \`totpSecret\` varchar(64) NULL`);
        await queryRunner.query(`ALTER TABLE \`user\` ADD \`totpEnabledAt\` datetime(6) NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`user\` DROP COLUMN \`totpEnabledAt\``);
        await queryRunner.query(`ALTER TABLE \`user\` DROP COLUMN \`totpSecret\``);
        await queryRunner.query(`ALTER TABLE \`user\` DROP COLUMN \`emailVerifiedAt\``);
        await queryRunner.query(`DROP INDEX \`IDX_39e68185203c22896a3fd80e34\` ON \`user_token\``);
        await queryRunner.query(`DROP INDEX \`IDX_2a307f56ca7d1260036caabaf5\` ON \`user_token\``);
        await queryRunner.query(`DROP TABLE \`user_token\``);
        await queryRunner.query(`DROP INDEX \`IDX_9796e791a686ad8c35b8eb35a7\` ON \`auth_attempt\``);
        await queryRunner.query(`DROP TABLE \`auth_attempt\``);
        await queryRunner.query(`DROP INDEX \`IDX_d25f1ea79e282cc8a42bd616aa\` ON \`address\``);
        await queryRunner.query(`DROP TABLE \`address\``);
    }

}
