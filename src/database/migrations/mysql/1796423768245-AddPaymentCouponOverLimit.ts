import { MigrationInterface, QueryRunner } from "typeorm";

export class AddPaymentCouponOverLimit1796423768245 implements MigrationInterface {
    name = 'AddPaymentCouponOverLimit1796423768245'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`order_payment\` ADD \`couponOverLimit\` tinyint NOT NULL DEFAULT 0`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`order_payment\` DROP COLUMN \`couponOverLimit\``);
    }

}
