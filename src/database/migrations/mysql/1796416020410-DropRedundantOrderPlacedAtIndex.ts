import { MigrationInterface, QueryRunner } from "typeorm";

export class DropRedundantOrderPlacedAtIndex1796416020410 implements MigrationInterface {
    name = 'DropRedundantOrderPlacedAtIndex1796416020410'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_cfa8c46a6bda0fbd56a2e72105\` ON \`shop_order\``);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX \`IDX_cfa8c46a6bda0fbd56a2e72105\` ON \`shop_order\` (\`placedAt\`)`);
    }

}
