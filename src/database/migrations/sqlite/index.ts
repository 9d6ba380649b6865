import { InitialSchema1795758646720 } from './1795758646720-InitialSchema.js';
import { AddAccountSecurity1795758932244 } from './1795758932244-AddAccountSecurity.js';

/** SQLite migrations in the order they run. Add each new generated migration here. */
export const sqliteMigrations = [InitialSchema1795758646720, AddAccountSecurity1795758932244];
