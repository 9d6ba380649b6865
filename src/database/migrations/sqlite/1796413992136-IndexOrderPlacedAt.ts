import { MigrationInterface, QueryRunner } from "typeorm";

export class IndexOrderPlacedAt1796413992136 implements MigrationInterface {
    name = 'IndexOrderPlacedAt1796413992136'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "IDX_cfa8c46a6bda0fbd56a2e72105" ON "shop_order" ("placedAt") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_cfa8c46a6bda0fbd56a2e72105"`);
    }

}
