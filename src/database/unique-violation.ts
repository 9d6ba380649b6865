/**
 * Whether a failed statement broke a unique index (on either driver): the answer to "is this email or
 * slug taken?" when two requests race for it. Anything else, a deadlock say, must travel on as it is.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
