/** Whether a failed query broke a unique index: the one database error that is a domain answer (a taken slug, a taken email). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
