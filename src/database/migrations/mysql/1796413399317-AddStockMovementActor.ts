import { MigrationInterface, QueryRunner } from "typeorm";

export class AddStockMovementActor1796413399317 implements MigrationInterface {
    name = 'AddStockMovementActor1796413399317'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`stock_movement\` ADD \`userId\` int NULL`);
        await queryRunner.query(`ALTER TABLE \`stock_movement\` ADD \`note\` varchar(200) NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`stock_movement\` DROP COLUMN \`note\``);
        await queryRunner.query(`ALTER TABLE \`stock_movement\` DROP COLUMN \`userId\``);
    }

}
