import { ServiceUnavailableError, ShopError } from '../common/errors.js';

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
 * (50 s) for a row another transaction holds. Transactions.run tries again as for a deadlock; a caller
 * that knows the other transaction is simply long (a whole seed) may go on waiting after that.
 */
export function isLockWaitTimeout(error: unknown): boolean {
  return mysqlErrno(error) === 1205;
}

/** Driver codes of a database that cannot be reached, or of a connection lost on the way. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  // SQLite's writer lock held longer than the busy timeout.
  'SQLITE_BUSY',
]);

/** MySQL/MariaDB: too many connections (1040), shutting down (1053), connection killed (1927), gone away or lost (2006, 2013), idle disconnection (4031). */
const UNAVAILABLE_ERRNOS = new Set([1040, 1053, 1927, 2002, 2003, 2006, 2013, 4031]);

/**
 * The database is away (restarting, unreachable, refusing connections) or lost the connection under a
 * query: nothing the request did wrong, and worth trying again in a moment. mysql2 marks an error that
 * ended its connection `fatal`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const driverError = driverErrorOf(error);
  if (!driverError) return false;
  if (driverError.fatal === true || UNREACHABLE_CODES.has(String(driverError.code))) return true;
  return UNAVAILABLE_ERRNOS.has(mysqlErrno(error) ?? 0);
}

/** What a customer is told when the database is away: a 503 page with Retry-After, never a 500. */
export function temporaryFailureOf(error: unknown): ServiceUnavailableError | undefined {
  return isDatabaseUnavailable(error) ? new ServiceUnavailableError() : undefined;
}

/**
 * SQLite's "database is locked" (SQLITE_BUSY and its kinds): another process sharing the file is writing,
 * and this transaction, having read first, cannot become a writer without seeing a stale snapshot.
 */
export function isDatabaseBusy(error: unknown): boolean {
  const code = driverErrorOf(error)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Two transactions wanted the same rows: a deadlock, or a wait for a lock that lasted too long. Trying again may succeed. */
export function isContention(error: unknown): boolean {
  return isDeadlock(error) || isLockWaitTimeout(error);
}

/**
 * A transaction that lost to others for the same rows every time Transactions.run tried it: the
 * shopper is asked to try again in a moment (503 with Retry-After), never shown a 500. It carries the
 * driver's error, so isDeadlock and isLockWaitTimeout still recognise it.
 */
export class DatabaseBusyError extends ShopError {
  readonly retryAfterSeconds = 5;
  readonly driverError: DriverError | undefined;

  constructor(cause: unknown) {
    super('The shop is very busy right now, and nothing was changed. Please try again in a moment.', 503);
    this.driverError = driverErrorOf(cause);
  }
}

interface DriverError {
  code?: unknown;
  errno?: number;
  fatal?: unknown;
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
