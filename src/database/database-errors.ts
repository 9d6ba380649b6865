/**
 * What a failed query means, whichever driver ran it: the one place that reads driver error codes, so
 * a service asks "was this a unique key?" and never mistakes a deadlock (which Transactions.run
 * retries) for a business answer such as "that email is taken".
 */

/** A unique index refused the write (MySQL/MariaDB ER_DUP_ENTRY, SQLite SQLITE_CONSTRAINT_UNIQUE or a duplicate primary key). */
export function isUniqueViolation(error: unknown): boolean {
  const code = driverErrorOf(error)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** MySQL/MariaDB's "Deadlock found when trying to get lock; try restarting transaction" (1213). */
export function isDeadlock(error: unknown): boolean {
  return mysqlErrno(error) === 1213;
}

/**
 * MySQL/MariaDB's "Lock wait timeout exceeded" (1205): a statement waited innodb_lock_wait_timeout
 * (50 s) for a row another transaction holds. Transactions.run does not retry it, as a wait that long
 * is usually a fault; a caller that knows the other transaction is simply long (a whole seed) may.
 */
export function isLockWaitTimeout(error: unknown): boolean {
  return mysqlErrno(error) === 1205;
}

/**
 * SQLite's "database is locked" (SQLITE_BUSY and its kinds): another process sharing the file is writing,
 * and this transaction, having read first, cannot become a writer without seeing a stale snapshot.
 */
export function isDatabaseBusy(error: unknown): boolean {
  const code = driverErrorOf(error)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

interface DriverError {
  code?: unknown;
  errno?: number;
}

/** TypeORM wraps the driver's error in a QueryFailedError (driverError); a few paths hand over the driver's own. */
function driverErrorOf(error: unknown): DriverError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return (error as { driverError?: DriverError }).driverError ?? error;
}

/** The MySQL/MariaDB error number of a failed query; undefined on SQLite. */
function mysqlErrno(error: unknown): number | undefined {
  return driverErrorOf(error)?.errno;
}
