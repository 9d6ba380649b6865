import { MigrationInterface, QueryRunner } from "typeorm";
import { backfillCatalog } from "../catalog-backfill.js";

export class CatalogModel1795767058322 implements MigrationInterface {
    name = 'CatalogModel1795767058322'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`option_value\` (\`id\` int NOT NULL AUTO_INCREMENT, \`option\` enum ('size', 'colour') NOT NULL, \`value\` varchar(40) NOT NULL, \`position\` int NOT NULL DEFAULT '0', \`swatch\` varchar(7) NULL, UNIQUE INDEX \`IDX_59c5082a9f4f8343b3d0d8d0a5\` (\`option\`, \`value\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`product_slug_redirect\` (\`id\` int NOT NULL AUTO_INCREMENT, \`slug\` varchar(160) NOT NULL, \`productId\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_ec84b90bd6add9941593ce48be\` (\`slug\`), INDEX \`IDX_bd35d5075d9ab1878cbc7b3728\` (\`productId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`product_image\` ADD \`thumbnailWidths\` varchar(60) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE \`product\` ADD \`seoTitle\` varchar(160) NULL`);
        await queryRunner.query(`ALTER TABLE \`product\` ADD \`seoDescription\` varchar(320) NULL`);
        await queryRunner.query(`ALTER TABLE \`product\` ADD \`priceMinor\` int NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE \`product\` ADD \`unitsSold\` int NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE \`product\` ADD \`searchText\` varchar(2000) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE \`variant\` ADD \`compareAtPriceMinor\` int NULL`);
        await queryRunner.query(`ALTER TABLE \`variant\` ADD \`lowStockThreshold\` int NOT NULL DEFAULT '3'`);
        await queryRunner.query(`CREATE INDEX \`IDX_efa6ec8a0f072dd498bfd3eeef\` ON \`product\` (\`status\`, \`unitsSold\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_c8f66d5929f3c5ddd427bdbee6\` ON \`product\` (\`status\`, \`priceMinor\`)`);
        await backfillCatalog(queryRunner);
        // Declared with synchronize: false on the entity: SQLite searches through FTS5 instead.
        await queryRunner.query(`ALTER TABLE \`product\` ADD FULLTEXT INDEX \`IDX_product_search\` (\`searchText\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_product_search\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_c8f66d5929f3c5ddd427bdbee6\` ON \`product\``);
        await queryRunner.query(`DROP INDEX \`IDX_efa6ec8a0f072dd498bfd3eeef\` ON \`product\``);
        await queryRunner.query(`ALTER TABLE \`variant\` DROP COLUMN \`lowStockThreshold\``);
        await queryRunner.query(`ALTER TABLE \`variant\` DROP COLUMN \`compareAtPriceMinor\``);
        await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`searchText\``);
        await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`unitsSold\``);
        await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`priceMinor\``);
        await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`seoDescription\``);
        await queryRunner.query(`ALTER TABLE \`product\` DROP COLUMN \`seoTitle\``);
        await queryRunner.query(`ALTER TABLE \`product_image\` DROP COLUMN \`thumbnailWidths\``);
        await queryRunner.query(`DROP INDEX \`IDX_bd35d5075d9ab1878cbc7b3728\` ON \`product_slug_redirect\``);
        await queryRunner.query(`DROP INDEX \`IDX_ec84b90bd6add9941593ce48be\` ON \`product_slug_redirect\``);
        await queryRunner.query(`DROP TABLE \`product_slug_redirect\``);
        await queryRunner.query(`DROP INDEX \`IDX_59c5082a9f4f8343b3d0d8d0a5\` ON \`option_value\``);
        await queryRunner.query(`DROP TABLE \`option_value\``);
    }

}
