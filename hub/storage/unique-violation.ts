/**
 * Whether a database error is a unique index refusing a row — what two
 * writers racing for the same unique value meet on PostgreSQL (SQLSTATE
 * 23505), where a check made before the insert saw neither of them. SQLite
 * runs one write transaction at a time, but its codes (a unique index, a
 * primary key) are recognised too.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const { code } = error as { code: unknown };
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
