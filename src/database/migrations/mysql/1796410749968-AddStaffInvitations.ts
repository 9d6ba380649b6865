import { MigrationInterface, QueryRunner } from "typeorm";

export class AddStaffInvitations1796410749968 implements MigrationInterface {
    name = 'AddStaffInvitations1796410749968'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`staff_invitation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`email\` varchar(254) NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`invitedByUserId\` int NOT NULL, \`expiresAt\` datetime(6) NOT NULL, \`acceptedAt\` datetime(6) NULL, \`acceptedUserId\` int NULL, \`withdrawnAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_28552270b3658ba0e408d106e4\` (\`tokenHash\`), INDEX \`IDX_a170bb30650e56d86dca208dc2\` (\`email\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_a170bb30650e56d86dca208dc2\` ON \`staff_invitation\``);
        await queryRunner.query(`DROP INDEX \`IDX_28552270b3658ba0e408d106e4\` ON \`staff_invitation\``);
        await queryRunner.query(`DROP TABLE \`staff_invitation\``);
    }

}
