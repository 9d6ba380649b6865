import type { ColumnOptions } from 'typeorm';

// One place for the column types that differ between SQLite and MySQL/MariaDB (see DESIGN.md's portability traps).
// Millisecond precision keeps "newest first" stable on MySQL, which otherwise rounds to the second.
// Use with @CreateDateColumn(datetime) for "when it was made": TypeORM then picks each driver's own default.
export const datetime: ColumnOptions = { type: 'datetime', precision: 3 };
