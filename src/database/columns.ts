import type { ColumnOptions } from 'typeorm';

// One place for the column types that differ between SQLite and MySQL/MariaDB (see DESIGN.md's portability traps).
// Sub-second precision keeps "newest first" stable on MySQL, which otherwise rounds to the second.
// Use with @CreateDateColumn(datetime) for "when it was made": TypeORM then picks each driver's own default (CURRENT_TIMESTAMP(6) on MySQL, so the precision must be 6 to match).
export const datetime: ColumnOptions = { type: 'datetime', precision: 6 };
