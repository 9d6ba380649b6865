import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/config.js';
import { dataSourceOptions } from './src/database/data-source-options.js';

/**
 * The DataSource for the TypeORM CLI, with the same options as the app. Run the CLI on the compiled
 * file (dist/ormconfig.js): Node cannot load the decorated entities from .ts directly.
 *   DATABASE_URL=mariadb://root@127.0.0.1:3306/anarkali npx typeorm migration:generate -d dist/ormconfig.js src/database/migrations/mysql/Name
 */
export default new DataSource(dataSourceOptions(loadConfig().database));
