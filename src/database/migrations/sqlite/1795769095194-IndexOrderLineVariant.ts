import { MigrationInterface, QueryRunner } from "typeorm";

export class IndexOrderLineVariant1795769095194 implements MigrationInterface {
    name = 'IndexOrderLineVariant1795769095194'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "IDX_e153ce2f7d4ac7ddf26cfbe5c3" ON "order_line" ("variantId", "orderId") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_e153ce2f7d4ac7ddf26cfbe5c3"`);
    }

}
