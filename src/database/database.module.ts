import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ERROR_TRANSLATION } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { temporaryFailureOf } from './database-errors.js';
import { dataSourceOptions } from './data-source-options.js';
import { Transactions } from './transactions.js';

/** Connects to the configured database, brings its schema up to date from the committed migrations, offers transactions. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.database, config.databasePool.size), migrationsRun: true }),
    }),
  ],
  providers: [Transactions, { provide: ERROR_TRANSLATION, useValue: temporaryFailureOf }],
  exports: [Transactions, ERROR_TRANSLATION],
})
export class DatabaseModule {}
