import { MigrationInterface, QueryRunner } from "typeorm";

export class AddCoPurchase1796410684991 implements MigrationInterface {
    name = 'AddCoPurchase1796410684991'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "co_purchase" ("productId" integer NOT NULL, "otherProductId" integer NOT NULL, "orderCount" integer NOT NULL DEFAULT (0), PRIMARY KEY ("productId", "otherProductId"))`);
        // The counts of the orders placed so far (cancelled ones are taken back out when cancelled, so not counted).
        await queryRunner.query(`INSERT INTO co_purchase (productId, otherProductId, orderCount)
            SELECT mine.productId, theirs.productId, COUNT(DISTINCT line.orderId)
            FROM order_line line
            JOIN shop_order o ON o.id = line.orderId
            JOIN variant mine ON mine.id = line.variantId
            JOIN order_line other ON other.orderId = line.orderId
            JOIN variant theirs ON theirs.id = other.variantId
            WHERE mine.productId <> theirs.productId AND o.status <> 'cancelled'
            GROUP BY mine.productId, theirs.productId`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "co_purchase"`);
    }

}
