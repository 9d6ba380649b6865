import { MigrationInterface, QueryRunner } from "typeorm";

export class IndexOrderListsAndAuditFilters1796413590574 implements MigrationInterface {
    name = 'IndexOrderListsAndAuditFilters1796413590574'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_a76aacd2fbf9e6f6330fd20be3\` ON \`shop_order\``);
        await queryRunner.query(`CREATE INDEX \`IDX_95ac83b12bab305c203842eca6\` ON \`audit_entry\` (\`action\`, \`createdAt\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_de1fbd07e6a6145f3866e38651\` ON \`shop_order\` (\`userId\`, \`placedAt\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_cfa8c46a6bda0fbd56a2e72105\` ON \`shop_order\` (\`placedAt\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_cfa8c46a6bda0fbd56a2e72105\` ON \`shop_order\``);
        await queryRunner.query(`DROP INDEX \`IDX_de1fbd07e6a6145f3866e38651\` ON \`shop_order\``);
        await queryRunner.query(`DROP INDEX \`IDX_95ac83b12bab305c203842eca6\` ON \`audit_entry\``);
        await queryRunner.query(`CREATE INDEX \`IDX_a76aacd2fbf9e6f6330fd20be3\` ON \`shop_order\` (\`userId\`)`);
    }

}
