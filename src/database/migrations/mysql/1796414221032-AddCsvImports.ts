import { MigrationInterface, QueryRunner } from "typeorm";

export class AddCsvImports1796414221032 implements MigrationInterface {
    name = 'AddCsvImports1796414221032'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`csv_import_batch\` (\`id\` int NOT NULL AUTO_INCREMENT, \`importId\` int NOT NULL, \`position\` int NOT NULL, \`products\` text NOT NULL, \`appliedAt\` datetime(6) NULL, UNIQUE INDEX \`IDX_ca270fa39a7832b67a85f2ffa6\` (\`importId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`csv_import\` (\`id\` int NOT NULL AUTO_INCREMENT, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`createdByUserId\` int NOT NULL, \`fileName\` varchar(255) NOT NULL, \`status\` enum ('refused', 'ready', 'applying', 'applied', 'failed') NOT NULL, \`rowCount\` int NOT NULL, \`summary\` text NOT NULL, \`errors\` text NULL, \`batchCount\` int NOT NULL, \`batchesApplied\` int NOT NULL DEFAULT '0', \`progressAt\` datetime(6) NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`csv_import\``);
        await queryRunner.query(`DROP INDEX \`IDX_ca270fa39a7832b67a85f2ffa6\` ON \`csv_import_batch\``);
        await queryRunner.query(`DROP TABLE \`csv_import_batch\``);
    }

}
