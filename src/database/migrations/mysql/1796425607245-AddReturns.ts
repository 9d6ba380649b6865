import { MigrationInterface, QueryRunner } from "typeorm";

export class AddReturns1796425607245 implements MigrationInterface {
    name = 'AddReturns1796425607245'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`return_line\` (\`id\` int NOT NULL AUTO_INCREMENT, \`returnId\` int NOT NULL, \`orderLineId\` int NOT NULL, \`quantity\` int NOT NULL, \`reason\` varchar(40) NOT NULL, \`resolution\` enum ('refund', 'exchange') NOT NULL, \`replacementVariantId\` int NULL, \`replacementLabel\` varchar(100) NULL, \`reservationHeld\` tinyint NOT NULL DEFAULT 0, INDEX \`IDX_f30b2a3307cb087e828341678b\` (\`returnId\`), INDEX \`IDX_45bd54a35e6f78a190141f4666\` (\`orderLineId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`return_request\` (\`id\` int NOT NULL AUTO_INCREMENT, \`number\` varchar(20) NOT NULL, \`orderId\` int NOT NULL, \`orderNumber\` varchar(20) NOT NULL, \`status\` enum ('requested', 'approved', 'rejected', 'received', 'completed') NOT NULL, \`requestedByUserId\` int NULL, \`ownerNote\` varchar(255) NULL, \`replacementOrderNumber\` varchar(20) NULL, \`refundedMinor\` int NULL, \`requestKey\` varchar(64) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`receivedAt\` datetime(6) NULL, UNIQUE INDEX \`IDX_8bf25be966e7f401074246d72e\` (\`number\`), INDEX \`IDX_db8dd0236fbb8937be2ef8b850\` (\`orderId\`), UNIQUE INDEX \`IDX_4f126abad2750191d251ed9bcd\` (\`requestKey\`), INDEX \`IDX_a84761e123bcdab3c2af04a0da\` (\`status\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_a84761e123bcdab3c2af04a0da\` ON \`return_request\``);
        await queryRunner.query(`DROP INDEX \`IDX_4f126abad2750191d251ed9bcd\` ON \`return_request\``);
        await queryRunner.query(`DROP INDEX \`IDX_db8dd0236fbb8937be2ef8b850\` ON \`return_request\``);
        await queryRunner.query(`DROP INDEX \`IDX_8bf25be966e7f401074246d72e\` ON \`return_request\``);
        await queryRunner.query(`DROP TABLE \`return_request\``);
        await queryRunner.query(`DROP INDEX \`IDX_45bd54a35e6f78a190141f4666\` ON \`return_line\``);
        await queryRunner.query(`DROP INDEX \`IDX_f30b2a3307cb087e828341678b\` ON \`return_line\``);
        await queryRunner.query(`DROP TABLE \`return_line\``);
    }

}
