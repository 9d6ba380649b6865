import { MigrationInterface, QueryRunner } from "typeorm";

export class AddOrderPayments1796418816776 implements MigrationInterface {
    name = 'AddOrderPayments1796418816776'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`order_payment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`orderId\` int NOT NULL, \`orderNumber\` varchar(20) NOT NULL, \`provider\` enum ('cod', 'bank_transfer', 'stripe', 'safepay') NOT NULL, \`providerReference\` varchar(255) NULL, \`providerPaymentId\` varchar(255) NULL, \`checkoutUrl\` text NULL, \`amountMinor\` int NOT NULL, \`refundedMinor\` int NOT NULL DEFAULT '0', \`currency\` varchar(3) NOT NULL, \`status\` enum ('pending', 'paid', 'failed', 'expired', 'refunded', 'partially_refunded') NOT NULL, \`holdStockUntil\` datetime(6) NULL, \`needsRefund\` tinyint NOT NULL DEFAULT 0, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_8e5de5355bcad91a7769f16504\` (\`orderId\`), UNIQUE INDEX \`IDX_7a7f293a24fe2c6144d87eb343\` (\`orderNumber\`), INDEX \`IDX_e1d39ba4a1cb76e8c964acd69a\` (\`status\`, \`holdStockUntil\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`payment_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`provider\` enum ('cod', 'bank_transfer', 'stripe', 'safepay') NOT NULL, \`providerEventId\` varchar(255) NOT NULL, \`type\` varchar(80) NOT NULL, \`orderPaymentId\` int NULL, \`payloadDigest\` varchar(64) NOT NULL, \`outcome\` varchar(120) NOT NULL, \`applied\` tinyint NOT NULL DEFAULT 0, \`receivedAt\` datetime(6) NOT NULL, INDEX \`IDX_95eee34711f5df3f267d825de2\` (\`orderPaymentId\`), UNIQUE INDEX \`IDX_9695db089dceda91398965d021\` (\`provider\`, \`providerEventId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`payment_refund\` (\`id\` int NOT NULL AUTO_INCREMENT, \`orderPaymentId\` int NOT NULL, \`amountMinor\` int NOT NULL, \`providerRefundId\` varchar(255) NULL, \`restocked\` tinyint NOT NULL DEFAULT 0, \`byUserId\` int NOT NULL, \`byEmail\` varchar(254) NOT NULL, \`reason\` varchar(255) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_09898073bcb53d3c12b5160914\` (\`orderPaymentId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_09898073bcb53d3c12b5160914\` ON \`payment_refund\``);
        await queryRunner.query(`DROP TABLE \`payment_refund\``);
        await queryRunner.query(`DROP INDEX \`IDX_9695db089dceda91398965d021\` ON \`payment_event\``);
        await queryRunner.query(`DROP INDEX \`IDX_95eee34711f5df3f267d825de2\` ON \`payment_event\``);
        await queryRunner.query(`DROP TABLE \`payment_event\``);
        await queryRunner.query(`DROP INDEX \`IDX_e1d39ba4a1cb76e8c964acd69a\` ON \`order_payment\``);
        await queryRunner.query(`DROP INDEX \`IDX_7a7f293a24fe2c6144d87eb343\` ON \`order_payment\``);
        await queryRunner.query(`DROP INDEX \`IDX_8e5de5355bcad91a7769f16504\` ON \`order_payment\``);
        await queryRunner.query(`DROP TABLE \`order_payment\``);
    }

}
