import { MigrationInterface, QueryRunner } from "typeorm";

export class AddCheckoutPricing1796418270930 implements MigrationInterface {
    name = 'AddCheckoutPricing1796418270930'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`coupon_category\` (\`couponId\` int NOT NULL, \`categoryId\` int NOT NULL, PRIMARY KEY (\`couponId\`, \`categoryId\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`coupon_use\` (\`id\` int NOT NULL AUTO_INCREMENT, \`couponId\` int NOT NULL, \`orderId\` int NOT NULL, \`userId\` int NULL, \`email\` varchar(254) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_f3979895476329fd8f22c389fb\` (\`orderId\`), INDEX \`IDX_8845088cf43516a7d904abf918\` (\`couponId\`, \`email\`), INDEX \`IDX_ad62a3f604f13d5548fc93dbf8\` (\`couponId\`, \`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`coupon\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(40) NOT NULL, \`kind\` varchar(20) NOT NULL, \`percentBasisPoints\` int NOT NULL DEFAULT '0', \`amountOffMinor\` int NOT NULL DEFAULT '0', \`minSubtotalMinor\` int NOT NULL DEFAULT '0', \`startsAt\` datetime(6) NULL, \`endsAt\` datetime(6) NULL, \`maxUses\` int NULL, \`maxUsesPerCustomer\` int NULL, \`usesCount\` int NOT NULL DEFAULT '0', \`active\` tinyint NOT NULL DEFAULT 1, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_62d3c5b0ce63a82c48e86d904b\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`order_line\` ADD \`discountMinor\` int NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE \`order_line\` ADD \`taxMinor\` int NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE \`shop_order\` ADD \`discountMinor\` int NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE \`shop_order\` ADD \`codFeeMinor\` int NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE \`shop_order\` ADD \`taxMinor\` int NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE \`shop_order\` ADD \`taxRateBasisPoints\` int NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE \`shop_order\` ADD \`taxInclusive\` tinyint NOT NULL DEFAULT 0`);
        await queryRunner.query(`ALTER TABLE \`shop_order\` ADD \`couponCode\` varchar(40) NULL`);
        await queryRunner.query(`ALTER TABLE \`shop_order\` ADD \`checkoutKey\` varchar(64) NULL`);
        await queryRunner.query(`ALTER TABLE \`shop_order\` ADD UNIQUE INDEX \`IDX_09c7b56f5105cc9ede727e937b\` (\`checkoutKey\`)`);
        // Changed in place (the generator drops and re-adds the column, which would lose every order's method).
        await queryRunner.query(`ALTER TABLE \`shop_order\` MODIFY \`paymentMethod\` varchar(32) NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`shop_order\` MODIFY \`paymentMethod\` enum ('cod') NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`shop_order\` DROP INDEX \`IDX_09c7b56f5105cc9ede727e937b\``);
        await queryRunner.query(`ALTER TABLE \`shop_order\` DROP COLUMN \`checkoutKey\``);
        await queryRunner.query(`ALTER TABLE \`shop_order\` DROP COLUMN \`couponCode\``);
        await queryRunner.query(`ALTER TABLE \`shop_order\` DROP COLUMN \`taxInclusive\``);
        await queryRunner.query(`ALTER TABLE \`shop_order\` DROP COLUMN \`taxRateBasisPoints\``);
        await queryRunner.query(`ALTER TABLE \`shop_order\` DROP COLUMN \`taxMinor\``);
        await queryRunner.query(`ALTER TABLE \`shop_order\` DROP COLUMN \`codFeeMinor\``);
        await queryRunner.query(`ALTER TABLE \`shop_order\` DROP COLUMN \`discountMinor\``);
        await queryRunner.query(`ALTER TABLE \`order_line\` DROP COLUMN \`taxMinor\``);
        await queryRunner.query(`ALTER TABLE \`order_line\` DROP COLUMN \`discountMinor\``);
        await queryRunner.query(`DROP INDEX \`IDX_62d3c5b0ce63a82c48e86d904b\` ON \`coupon\``);
        await queryRunner.query(`DROP TABLE \`coupon\``);
        await queryRunner.query(`DROP INDEX \`IDX_ad62a3f604f13d5548fc93dbf8\` ON \`coupon_use\``);
        await queryRunner.query(`DROP INDEX \`IDX_8845088cf43516a7d904abf918\` ON \`coupon_use\``);
        await queryRunner.query(`DROP INDEX \`IDX_f3979895476329fd8f22c389fb\` ON \`coupon_use\``);
        await queryRunner.query(`DROP TABLE \`coupon_use\``);
        await queryRunner.query(`DROP TABLE \`coupon_category\``);
    }

}
