/** Relay cursor connections over keyset pages. */
import { parseInstant } from '../date-time.js';
import { badUserInput } from '../errors.js';

export const MAX_PAGE_SIZE = 100;

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Validates `first`: BAD_USER_INPUT outside 1..MAX_PAGE_SIZE. */
export function pageSize(first: number | null | undefined, fallback = 20): number {
  const size = first ?? fallback;
  if (size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${size}. Page through larger results with after.`, 'first');
  }
  return size;
}

/** Encodes a keyset position (the sort key values of a row) as an opaque cursor. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * What a value inside a cursor may be. A cursor comes back from the client,
 * who may have forged it: its values must be ones a statement can take, or
 * PostgreSQL fails the query ("integer out of range", a float where an id
 * goes, a year it has no date for) as an internal error.
 * - `string`: text of at most MAX_CURSOR_STRING characters;
 * - `integer`: a whole number from 0 to 2,147,483,647 (PostgreSQL's integer);
 * - `bigint`: a whole number from 0 to 2^53 - 1 (a bigint id, exactly as JSON carries it);
 * - `timestamp`: an instant as Date.toISOString writes it, within src/date-time.ts's range.
 */
export type CursorValue = 'string' | 'integer' | 'bigint' | 'timestamp';

const MAX_CURSOR_STRING = 64;
const MAX_INTEGER = 2_147_483_647;

function fits(value: unknown, kind: CursorValue): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string' && value.length <= MAX_CURSOR_STRING;
    case 'integer':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_INTEGER;
    case 'bigint':
      return Number.isSafeInteger(value) && (value as number) >= 0;
    case 'timestamp':
      try {
        return typeof value === 'string' && parseInstant(value).toISOString() === value; // exactly what encodeCursor wrote
      } catch {
        return false;
      }
  }
}

/**
 * Decodes a cursor made by encodeCursor whose values are of the given kinds;
 * BAD_USER_INPUT naming `after` for anything else (not base64url JSON, another
 * length, a value of another type, a float, 1e999, a number out of range, an
 * impossible time), so a tampered cursor never reaches SQL.
 */
export function decodeCursor<K extends readonly CursorValue[]>(
  cursor: string,
  kinds: K,
): { [I in keyof K]: K[I] extends 'string' | 'timestamp' ? string : number } {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== kinds.length || key.some((value, i) => !fits(value, kinds[i]!))) throw notACursor(cursor);
  return key as never;
}

/** BAD_USER_INPUT for a cursor this connection did not issue. */
export function notACursor(cursor: string) {
  return badUserInput(`after: ${JSON.stringify(cursor)} is not a cursor from this connection.`, 'after');
}

/** Builds a page from up to `size + 1` rows: the extra row only says that a next page exists. */
export function toConnection<T>(rows: T[], size: number, cursorOf: (row: T) => string): Connection<T> {
  const edges = rows.slice(0, size).map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
