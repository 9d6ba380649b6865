import { QueryFailedError } from 'typeorm';
import { isDeadlock, isLockWaitTimeout, isUniqueViolation } from './database-errors.js';

const failed = (driverError: object) => new QueryFailedError('INSERT …', [], Object.assign(new Error('query failed'), driverError));

describe('what a failed query means', () => {
  it('knows a unique index refusing the write on MySQL/MariaDB and on SQLite', () => {
    expect(isUniqueViolation(failed({ code: 'ER_DUP_ENTRY', errno: 1062 }))).toBe(true);
    expect(isUniqueViolation(failed({ code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(true);
    expect(isUniqueViolation(failed({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }))).toBe(true);
  });

  it('never takes a deadlock, a lock wait or another failure for a taken key', () => {
    const deadlock = failed({ code: 'ER_LOCK_DEADLOCK', errno: 1213 });
    expect(isUniqueViolation(deadlock)).toBe(false);
    expect(isDeadlock(deadlock)).toBe(true);
    const waited = failed({ code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 });
    expect(isUniqueViolation(waited)).toBe(false);
    expect(isLockWaitTimeout(waited)).toBe(true);
    expect(isUniqueViolation(failed({ code: 'SQLITE_BUSY' }))).toBe(false);
    expect(isUniqueViolation(new Error('the database went away'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
