import { MigrationInterface, QueryRunner } from "typeorm";

export class AddProductArchivedStatus1796413436262 implements MigrationInterface {
    name = 'AddProductArchivedStatus1796413436262'

    // The generator also dropped and re-made the four indexes holding `status`; MySQL and MariaDB keep them
    // through a change of the column's enum, so only the column changes.
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`product\` CHANGE \`status\` \`status\` enum ('draft', 'published', 'archived') NOT NULL DEFAULT 'published'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // The old schema knows no archived product: it becomes a draft, hidden from the shop as before.
        await queryRunner.query(`UPDATE \`product\` SET \`status\` = 'draft' WHERE \`status\` = 'archived'`);
        await queryRunner.query(`ALTER TABLE \`product\` CHANGE \`status\` \`status\` enum ('draft', 'published') NOT NULL DEFAULT 'published'`);
    }

}
