import { InitialSchema1795758033128 } from './1795758033128-InitialSchema.js';

/** MySQL/MariaDB migrations in the order they run. Add each new generated migration here. */
export const mysqlMigrations = [InitialSchema1795758033128];
