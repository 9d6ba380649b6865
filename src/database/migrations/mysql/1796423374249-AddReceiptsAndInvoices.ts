import { MigrationInterface, QueryRunner } from "typeorm";

export class AddReceiptsAndInvoices1796423374249 implements MigrationInterface {
    name = 'AddReceiptsAndInvoices1796423374249'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`invoice_counter\` (\`year\` int NOT NULL, \`lastSequence\` int NOT NULL, PRIMARY KEY (\`year\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`invoice\` (\`id\` int NOT NULL AUTO_INCREMENT, \`orderId\` int NOT NULL, \`number\` varchar(20) NOT NULL, \`year\` int NOT NULL, \`sequence\` int NOT NULL, \`paidAt\` datetime(6) NOT NULL, UNIQUE INDEX \`IDX_f494ce6746b91e9ec9562af485\` (\`orderId\`), UNIQUE INDEX \`IDX_60284980bc8b9c624459948f4a\` (\`number\`), UNIQUE INDEX \`IDX_226ec4fb35f345174de23b79b5\` (\`year\`, \`sequence\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`order_receipt\` (\`orderId\` int NOT NULL, \`body\` text NOT NULL, PRIMARY KEY (\`orderId\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`order_receipt\``);
        await queryRunner.query(`DROP INDEX \`IDX_226ec4fb35f345174de23b79b5\` ON \`invoice\``);
        await queryRunner.query(`DROP INDEX \`IDX_60284980bc8b9c624459948f4a\` ON \`invoice\``);
        await queryRunner.query(`DROP INDEX \`IDX_f494ce6746b91e9ec9562af485\` ON \`invoice\``);
        await queryRunner.query(`DROP TABLE \`invoice\``);
        await queryRunner.query(`DROP TABLE \`invoice_counter\``);
    }

}
