import { MigrationInterface, QueryRunner } from "typeorm";

export class InitialSchema1795758647283 implements MigrationInterface {
    name = 'InitialSchema1795758647283'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`session\` (\`id\` varchar(128) NOT NULL, \`expiresAt\` datetime(6) NOT NULL, \`userId\` int NULL, \`data\` text NOT NULL, INDEX \`IDX_5d97cf9773002b16861b4bb8ae\` (\`expiresAt\`), INDEX \`IDX_3d2f174ef04fb312fdebd0ddc5\` (\`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`user\` (\`id\` int NOT NULL AUTO_INCREMENT, \`email\` varchar(254) NOT NULL, \`name\` varchar(120) NOT NULL, \`passwordHash\` varchar(255) NOT NULL, \`role\` enum ('customer', 'staff', 'owner') NOT NULL DEFAULT 'customer', \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_e12875dfb3b1d92d7d7c5377e2\` (\`email\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`cart_line\` (\`id\` int NOT NULL AUTO_INCREMENT, \`cartId\` int NOT NULL, \`variantId\` int NOT NULL, \`quantity\` int NOT NULL, UNIQUE INDEX \`IDX_52e2c2f0e9b4fcd35922e7031e\` (\`cartId\`, \`variantId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`cart\` (\`id\` int NOT NULL AUTO_INCREMENT, \`userId\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NULL, UNIQUE INDEX \`IDX_756f53ab9466eb52a52619ee01\` (\`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`category\` (\`id\` int NOT NULL AUTO_INCREMENT, \`slug\` varchar(120) NOT NULL, \`name\` varchar(120) NOT NULL, \`description\` text NULL, \`parentId\` int NULL, \`position\` int NOT NULL DEFAULT '0', UNIQUE INDEX \`IDX_cb73208f151aa71cdd78f662d7\` (\`slug\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`product_image\` (\`id\` int NOT NULL AUTO_INCREMENT, \`productId\` int NOT NULL, \`colour\` varchar(40) NULL, \`url\` varchar(255) NOT NULL, \`alt\` varchar(255) NOT NULL, \`position\` int NOT NULL DEFAULT '0', INDEX \`IDX_197dfc074e0bf15255bfd34cd8\` (\`productId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`product\` (\`id\` int NOT NULL AUTO_INCREMENT, \`slug\` varchar(160) NOT NULL, \`name\` varchar(160) NOT NULL, \`description\` text NOT NULL, \`status\` enum ('draft', 'published') NOT NULL DEFAULT 'published', \`categoryId\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NULL, UNIQUE INDEX \`IDX_8cfaf4a1e80806d58e3dbe6922\` (\`slug\`), INDEX \`IDX_aeb3f0a3bf41a80dc7cef9a77a\` (\`categoryId\`, \`status\`, \`createdAt\`), INDEX \`IDX_d468b8d591cbb7de7e8eba0b84\` (\`status\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`stock_movement\` (\`id\` int NOT NULL AUTO_INCREMENT, \`variantId\` int NOT NULL, \`delta\` int NOT NULL, \`reason\` varchar(40) NOT NULL, \`reference\` varchar(64) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_e64f07861f20574a1883d4cd4d\` (\`variantId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`variant\` (\`id\` int NOT NULL AUTO_INCREMENT, \`productId\` int NOT NULL, \`sku\` varchar(64) NOT NULL, \`size\` varchar(40) NULL, \`colour\` varchar(40) NULL, \`priceMinor\` int NOT NULL, \`stock\` int NOT NULL DEFAULT '0', \`position\` int NOT NULL DEFAULT '0', INDEX \`IDX_cb0df5c8d79ac0ea08a8711967\` (\`productId\`), UNIQUE INDEX \`IDX_b0ec0f223eab03e884042a6041\` (\`sku\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`outbox_message\` (\`id\` int NOT NULL AUTO_INCREMENT, \`kind\` varchar(40) NOT NULL, \`recipient\` varchar(254) NOT NULL, \`subject\` varchar(255) NOT NULL, \`body\` text NOT NULL, \`status\` enum ('pending', 'sent', 'failed') NOT NULL DEFAULT 'pending', \`attempts\` int NOT NULL DEFAULT '0', \`nextAttemptAt\` datetime(6) NOT NULL, \`claimedAt\` datetime(6) NULL, \`sentAt\` datetime(6) NULL, \`lastError\` varchar(500) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_77c1875845c0e4b7159770b023\` (\`status\`, \`nextAttemptAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`order_line\` (\`id\` int NOT NULL AUTO_INCREMENT, \`orderId\` int NOT NULL, \`variantId\` int NOT NULL, \`sku\` varchar(64) NOT NULL, \`productName\` varchar(160) NOT NULL, \`variantLabel\` varchar(100) NOT NULL, \`unitPriceMinor\` int NOT NULL, \`quantity\` int NOT NULL, \`lineTotalMinor\` int NOT NULL, INDEX \`IDX_239cfca2a55b98b90b6bef2e44\` (\`orderId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`shop_order\` (\`id\` int NOT NULL AUTO_INCREMENT, \`number\` varchar(20) NOT NULL, \`userId\` int NULL, \`email\` varchar(254) NOT NULL, \`fullName\` varchar(120) NOT NULL, \`phone\` varchar(40) NOT NULL, \`address\` varchar(255) NOT NULL, \`city\` varchar(120) NOT NULL, \`postalCode\` varchar(20) NOT NULL, \`status\` enum ('placed', 'confirmed', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded') NOT NULL, \`paymentMethod\` enum ('cod') NOT NULL, \`shippingMethod\` varchar(60) NOT NULL, \`currency\` varchar(3) NOT NULL, \`subtotalMinor\` int NOT NULL, \`shippingMinor\` int NOT NULL, \`totalMinor\` int NOT NULL, \`placedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_7d409a24caf7ca19ac324aeeac\` (\`number\`), INDEX \`IDX_a76aacd2fbf9e6f6330fd20be3\` (\`userId\`), INDEX \`IDX_d2d059d5d0bf295037640c13d9\` (\`status\`, \`placedAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`order_status_change\` (\`id\` int NOT NULL AUTO_INCREMENT, \`orderId\` int NOT NULL, \`fromStatus\` enum ('placed', 'confirmed', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded') NULL, \`toStatus\` enum ('placed', 'confirmed', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded') NOT NULL, \`changedByUserId\` int NULL, \`note\` varchar(255) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_9ccaebb1a3b9711427739421c3\` (\`orderId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`store_setting\` (\`key\` varchar(64) NOT NULL, \`value\` text NOT NULL, PRIMARY KEY (\`key\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`store_setting\``);
        await queryRunner.query(`DROP INDEX \`IDX_9ccaebb1a3b9711427739421c3\` ON \`order_status_change\``);
        await queryRunner.query(`DROP TABLE \`order_status_change\``);
        await queryRunner.query(`DROP INDEX \`IDX_d2d059d5d0bf295037640c13d9\` ON \`shop_order\``);
        await queryRunner.query(`DROP INDEX \`IDX_a76aacd2fbf9e6f6330fd20be3\` ON \`shop_order\``);
        await queryRunner.query(`DROP INDEX \`IDX_7d409a24caf7ca19ac324aeeac\` ON \`shop_order\``);
        await queryRunner.query(`DROP TABLE \`shop_order\``);
        await queryRunner.query(`DROP INDEX \`IDX_239cfca2a55b98b90b6bef2e44\` ON \`order_line\``);
        await queryRunner.query(`DROP TABLE \`order_line\``);
        await queryRunner.query(`DROP INDEX \`IDX_77c1875845c0e4b7159770b023\` ON \`outbox_message\``);
        await queryRunner.query(`DROP TABLE \`outbox_message\``);
        await queryRunner.query(`DROP INDEX \`IDX_b0ec0f223eab03e884042a6041\` ON \`variant\``);
        await queryRunner.query(`DROP INDEX \`IDX_cb0df5c8d79ac0ea08a8711967\` ON \`variant\``);
        await queryRunner.query(`DROP TABLE \`variant\``);
        await queryRunner.query(`DROP INDEX \`IDX_e64f07861f20574a1883d4cd4d\` ON \`stock_movement\``);
        await queryRunner.query(`DROP TABLE \`stock_movement\``);
        await queryRunner.query(`DROP INDEX \`IDX_d468b8d591cbb7de7e8eba0b84\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_aeb3f0a3bf41a80dc7cef9a77a\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_8cfaf4a1e80806d58e3dbe6922\` ON \`product\``);
        await queryRunner.query(`DROP TABLE \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_197dfc074e0bf15255bfd34cd8\` ON \`product_image\``);
        await queryRunner.query(`DROP TABLE \`product_image\``);
        await queryRunner.query(`DROP INDEX \`IDX_cb73208f151aa71cdd78f662d7\` ON \`category\``);
        await queryRunner.query(`DROP TABLE \`category\``);
        await queryRunner.query(`DROP INDEX \`IDX_756f53ab9466eb52a52619ee01\` ON \`cart\``);
        await queryRunner.query(`DROP TABLE \`cart\``);
        await queryRunner.query(`DROP INDEX \`IDX_52e2c2f0e9b4fcd35922e7031e\` ON \`cart_line\``);
        await queryRunner.query(`DROP TABLE \`cart_line\``);
        await queryRunner.query(`DROP INDEX \`IDX_e12875dfb3b1d92d7d7c5377e2\` ON \`user\``);
        await queryRunner.query(`DROP TABLE \`user\``);
        await queryRunner.query(`DROP INDEX \`IDX_3d2f174ef04fb312fdebd0ddc5\` ON \`session\``);
        await queryRunner.query(`DROP INDEX \`IDX_5d97cf9773002b16861b4bb8ae\` ON \`session\``);
        await queryRunner.query(`DROP TABLE \`session\``);
    }

}
