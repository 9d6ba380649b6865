import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/config.js';
import { dataSourceOptions } from './src/database/data-source-options.js';
import { prepareDatabase } from './src/database/dialect.js';

/**
 * The DataSource for the TypeORM CLI (migration:show, migration:revert), with the same options as the app. Run
 * the CLI on the compiled file (dist/ormconfig.js): Node cannot load the decorated entities from .ts directly.
 *   DATABASE_URL=mariadb://root@127.0.0.1:3306/anarkali npx typeorm migration:show -d dist/ormconfig.js
 * New migrations come from `npm run migration:generate -- <sqlite|mysql|all> Name` (see README.md), which
 * compares the entities with a scratch database and registers the file in its folder's index.ts.
 */
// A promise the CLI awaits: the server's VERSION() decides MySQL or MariaDB, as for the shop itself.
export default prepareDatabase(loadConfig().database).then((database) => new DataSource(dataSourceOptions(database)));
