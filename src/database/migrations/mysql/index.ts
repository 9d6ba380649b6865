import { InitialSchema1795758647283 } from './1795758647283-InitialSchema.js';

/** MySQL/MariaDB migrations in the order they run. Add each new generated migration here. */
export const mysqlMigrations = [InitialSchema1795758647283];
