/** Relay cursor connections over keyset pages. */
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
 * Decodes a cursor made by encodeCursor whose values have the given types;
 * BAD_USER_INPUT for anything else, so a tampered cursor never reaches SQL.
 */
export function decodeCursor<K extends readonly ('string' | 'number')[]>(
  cursor: string,
  types: K,
): { [I in keyof K]: K[I] extends 'string' ? string : number } {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== types.length || key.some((value, i) => typeof value !== types[i])) throw notACursor(cursor);
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
