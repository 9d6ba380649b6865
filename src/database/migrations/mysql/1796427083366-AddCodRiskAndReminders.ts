import { MigrationInterface, QueryRunner } from "typeorm";
import { backfillOrderRisk } from "../order-risk-backfill.js";

export class AddCodRiskAndReminders1796427083366 implements MigrationInterface {
    name = 'AddCodRiskAndReminders1796427083366'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`email_unsubscribe\` (\`email\` varchar(254) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (\`email\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`stock_alert\` (\`id\` int NOT NULL AUTO_INCREMENT, \`variantId\` int NOT NULL, \`email\` varchar(254) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_ed3a10523bb41054609c24a313\` (\`variantId\`), UNIQUE INDEX \`IDX_dab6d8d661613396abca1613f9\` (\`email\`, \`variantId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`cart\` ADD \`email\` varchar(254) NULL`);
        await queryRunner.query(`ALTER TABLE \`cart\` ADD \`reminderSentAt\` datetime(6) NULL`);
        await queryRunner.query(`ALTER TABLE \`shop_order\` ADD \`phoneKey\` varchar(20) NULL`);
        await queryRunner.query(`DROP INDEX \`IDX_aa1379b170ebba06b879ff5c92\` ON \`shop_order\``);
        await queryRunner.query(`DROP INDEX \`IDX_d2d059d5d0bf295037640c13d9\` ON \`shop_order\``);
        await queryRunner.query(`ALTER TABLE \`shop_order\` CHANGE \`status\` \`status\` enum ('placed', 'confirmed', 'shipped', 'delivered', 'refused', 'cancelled', 'refunded', 'awaiting_confirmation') NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`order_status_change\` CHANGE \`fromStatus\` \`fromStatus\` enum ('placed', 'confirmed', 'shipped', 'delivered', 'refused', 'cancelled', 'refunded', 'awaiting_confirmation') NULL`);
        await queryRunner.query(`ALTER TABLE \`order_status_change\` CHANGE \`toStatus\` \`toStatus\` enum ('placed', 'confirmed', 'shipped', 'delivered', 'refused', 'cancelled', 'refunded', 'awaiting_confirmation') NOT NULL`);
        await queryRunner.query(`CREATE INDEX \`IDX_2e2ac9bb624e21b5036260b865\` ON \`cart\` (\`reminderSentAt\`, \`updatedAt\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_5f6ed984b2ae3b74eda89c8850\` ON \`shop_order\` (\`email\`, \`status\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_9747b2c21a89ebbdc91a186ac5\` ON \`shop_order\` (\`phoneKey\`, \`status\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_aa1379b170ebba06b879ff5c92\` ON \`shop_order\` (\`placedAt\`, \`status\`, \`totalMinor\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_d2d059d5d0bf295037640c13d9\` ON \`shop_order\` (\`status\`, \`placedAt\`)`);
        await backfillOrderRisk(queryRunner);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_d2d059d5d0bf295037640c13d9\` ON \`shop_order\``);
        await queryRunner.query(`DROP INDEX \`IDX_aa1379b170ebba06b879ff5c92\` ON \`shop_order\``);
        await queryRunner.query(`DROP INDEX \`IDX_9747b2c21a89ebbdc91a186ac5\` ON \`shop_order\``);
        await queryRunner.query(`DROP INDEX \`IDX_5f6ed984b2ae3b74eda89c8850\` ON \`shop_order\``);
        await queryRunner.query(`DROP INDEX \`IDX_2e2ac9bb624e21b5036260b865\` ON \`cart\``);
        await queryRunner.query(`ALTER TABLE \`order_status_change\` CHANGE \`toStatus\` \`toStatus\` enum ('placed', 'confirmed', 'shipped', 'delivered', 'refused', 'cancelled', 'refunded') NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`order_status_change\` CHANGE \`fromStatus\` \`fromStatus\` enum ('placed', 'confirmed', 'shipped', 'delivered', 'refused', 'cancelled', 'refunded') NULL`);
        await queryRunner.query(`ALTER TABLE \`shop_order\` CHANGE \`status\` \`status\` enum ('placed', 'confirmed', 'shipped', 'delivered', 'refused', 'cancelled', 'refunded') NOT NULL`);
        await queryRunner.query(`CREATE INDEX \`IDX_d2d059d5d0bf295037640c13d9\` ON \`shop_order\` (\`status\`, \`placedAt\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_aa1379b170ebba06b879ff5c92\` ON \`shop_order\` (\`placedAt\`, \`status\`, \`totalMinor\`)`);
        await queryRunner.query(`ALTER TABLE \`shop_order\` DROP COLUMN \`phoneKey\``);
        await queryRunner.query(`ALTER TABLE \`cart\` DROP COLUMN \`reminderSentAt\``);
        await queryRunner.query(`ALTER TABLE \`cart\` DROP COLUMN \`email\``);
        await queryRunner.query(`DROP INDEX \`IDX_dab6d8d661613396abca1613f9\` ON \`stock_alert\``);
        await queryRunner.query(`DROP INDEX \`IDX_ed3a10523bb41054609c24a313\` ON \`stock_alert\``);
        await queryRunner.query(`DROP TABLE \`stock_alert\``);
        await queryRunner.query(`DROP TABLE \`email_unsubscribe\``);
    }

}
