import postgres from 'postgres';

/** True when `error` (or the driver error drizzle wrapped in it) broke the unique constraint `constraint`. */
export function violatesUnique(error: unknown, constraint: string): boolean {
  const cause = error instanceof Error && !(error instanceof postgres.PostgresError) ? error.cause : error;
  return cause instanceof postgres.PostgresError && cause.code === '23505' && cause.constraint_name === constraint;
}
