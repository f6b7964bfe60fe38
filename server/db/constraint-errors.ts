/**
 * Whether a database error is a unique-constraint violation (PostgreSQL
 * SQLSTATE 23505, as PGlite reports it too): another writer took the same
 * value between a check and an insert or update.
 *
 * @example
 * try { await insert(); } catch (error) { if (isUniqueViolation(error)) throw DomainError.invalid('email', 'Taken', 'taken'); throw error; }
 */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}
