import { MigrationInterface, QueryRunner } from "typeorm";

export class AddPaymentMethods1796418831381 implements MigrationInterface {
    name = 'AddPaymentMethods1796418831381'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`shop_order\` CHANGE \`paymentMethod\` \`paymentMethod\` enum ('cod', 'bank_transfer', 'stripe', 'safepay') NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`shop_order\` CHANGE \`paymentMethod\` \`paymentMethod\` enum ('cod') NOT NULL`);
    }

}
