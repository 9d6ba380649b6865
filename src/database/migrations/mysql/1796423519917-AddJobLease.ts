import { MigrationInterface, QueryRunner } from "typeorm";

export class AddJobLease1796423519917 implements MigrationInterface {
    name = 'AddJobLease1796423519917'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`job_lease\` (\`name\` varchar(60) NOT NULL, \`leaseHolder\` varchar(100) NULL, \`leaseExpiresAt\` datetime(6) NULL, \`lastStartedAt\` datetime(6) NULL, \`lastDurationMs\` int NULL, \`lastOutcome\` varchar(10) NULL, \`lastRanOn\` varchar(100) NULL, \`lastError\` varchar(500) NULL, \`lastErrorAt\` datetime(6) NULL, PRIMARY KEY (\`name\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`job_lease\``);
    }

}
