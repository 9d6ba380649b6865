import { InitialSchema1795758646720 } from './1795758646720-InitialSchema.js';

/** SQLite migrations in the order they run. Add each new generated migration here. */
export const sqliteMigrations = [InitialSchema1795758646720];
