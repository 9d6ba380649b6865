import { MigrationInterface, QueryRunner } from "typeorm";

export class IndexOrderPlacedAt1796414919244 implements MigrationInterface {
    name = 'IndexOrderPlacedAt1796414919244'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX \`IDX_aa1379b170ebba06b879ff5c92\` ON \`shop_order\` (\`placedAt\`, \`status\`, \`totalMinor\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_aa1379b170ebba06b879ff5c92\` ON \`shop_order\``);
    }

}
