import { MigrationInterface, QueryRunner } from "typeorm";

export class OrderFulfilmentAndShipments1796423423481 implements MigrationInterface {
    name = 'OrderFulfilmentAndShipments1796423423481'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`shop_order\` ADD \`carrier\` varchar(20) NULL`);
        await queryRunner.query(`ALTER TABLE \`shop_order\` ADD \`trackingNumber\` varchar(60) NULL`);
        await queryRunner.query(`ALTER TABLE \`order_status_change\` ADD \`payment\` enum ('pending', 'paid', 'failed', 'expired', 'refunded', 'partially_refunded') NULL`);
        await queryRunner.query(`ALTER TABLE \`order_status_change\` ADD \`changedBy\` varchar(254) NULL`);
        // "paid" is no longer a status but the payment's own (order_payment): a paid order not yet sent is
        // confirmed, and a history step to "paid" becomes a payment step that leaves the status as it was.
        await queryRunner.query(`UPDATE \`shop_order\` SET \`status\` = 'confirmed' WHERE \`status\` = 'paid'`);
        await queryRunner.query(`UPDATE \`order_status_change\` SET \`payment\` = 'paid', \`toStatus\` = CASE WHEN \`fromStatus\` IN ('placed', 'confirmed') THEN \`fromStatus\` ELSE 'placed' END WHERE \`toStatus\` = 'paid'`);
        await queryRunner.query(`UPDATE \`order_status_change\` SET \`fromStatus\` = 'confirmed' WHERE \`fromStatus\` = 'paid'`);
        await queryRunner.query(`DROP INDEX \`IDX_d2d059d5d0bf295037640c13d9\` ON \`shop_order\``);
        await queryRunner.query(`DROP INDEX \`IDX_aa1379b170ebba06b879ff5c92\` ON \`shop_order\``);
        await queryRunner.query(`ALTER TABLE \`shop_order\` CHANGE \`status\` \`status\` enum ('placed', 'confirmed', 'shipped', 'delivered', 'refused', 'cancelled', 'refunded') NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`order_status_change\` CHANGE \`fromStatus\` \`fromStatus\` enum ('placed', 'confirmed', 'shipped', 'delivered', 'refused', 'cancelled', 'refunded') NULL`);
        await queryRunner.query(`ALTER TABLE \`order_status_change\` CHANGE \`toStatus\` \`toStatus\` enum ('placed', 'confirmed', 'shipped', 'delivered', 'refused', 'cancelled', 'refunded') NOT NULL`);
        await queryRunner.query(`CREATE INDEX \`IDX_aa1379b170ebba06b879ff5c92\` ON \`shop_order\` (\`placedAt\`, \`status\`, \`totalMinor\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_d2d059d5d0bf295037640c13d9\` ON \`shop_order\` (\`status\`, \`placedAt\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_d2d059d5d0bf295037640c13d9\` ON \`shop_order\``);
        await queryRunner.query(`DROP INDEX \`IDX_aa1379b170ebba06b879ff5c92\` ON \`shop_order\``);
        await queryRunner.query(`ALTER TABLE \`order_status_change\` CHANGE \`toStatus\` \`toStatus\` enum ('placed', 'confirmed', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded') NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`order_status_change\` CHANGE \`fromStatus\` \`fromStatus\` enum ('placed', 'confirmed', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded') NULL`);
        await queryRunner.query(`ALTER TABLE \`shop_order\` CHANGE \`status\` \`status\` enum ('placed', 'confirmed', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded') NOT NULL`);
        await queryRunner.query(`CREATE INDEX \`IDX_aa1379b170ebba06b879ff5c92\` ON \`shop_order\` (\`placedAt\`, \`status\`, \`totalMinor\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_d2d059d5d0bf295037640c13d9\` ON \`shop_order\` (\`status\`, \`placedAt\`)`);
        await queryRunner.query(`ALTER TABLE \`order_status_change\` DROP COLUMN \`changedBy\``);
        await queryRunner.query(`ALTER TABLE \`order_status_change\` DROP COLUMN \`payment\``);
        await queryRunner.query(`ALTER TABLE \`shop_order\` DROP COLUMN \`trackingNumber\``);
        await queryRunner.query(`ALTER TABLE \`shop_order\` DROP COLUMN \`carrier\``);
    }

}
