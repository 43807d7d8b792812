import { GraphQLScalarType, Kind, print } from 'graphql';

import { parseInstant } from '../../date-time.js';
import { badUserInput } from '../../errors.js';

/** What a DateTime input must be (src/date-time.ts), or BAD_USER_INPUT saying why it is not. */
function parseDateTime(value: unknown, shown = JSON.stringify(value)): Date {
  if (typeof value !== 'string') throw badUserInput(`DateTime must be an ISO-8601 string with a time zone, such as 2026-12-31T20:00:00Z; got ${shown}.`);
  try {
    return parseInstant(value);
  } catch (error) {
    throw badUserInput(
      `DateTime must be an ISO-8601 string with a time zone, such as 2026-12-31T20:00:00Z: ${(error as Error).message}; got ${JSON.stringify(value)}.`,
    );
  }
}

/** Stands for a string literal that is no DateTime; never reaches a resolver (see parseLiteral). */
const NOT_A_DATE_TIME = new Date(Number.NaN);

export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value : parseDateTime(value)).toISOString(),
  parseValue: parseDateTime,
  /**
   * A string literal that is no DateTime passes validation, where graphql-js
   * could only say "expected DateTime" (GRAPHQL_VALIDATION_FAILED) without
   * naming the argument: src/limits/input.ts refuses it before anything runs,
   * as it does a variable, with BAD_USER_INPUT naming the argument. Other
   * kinds of literal (a number, an object) fail validation.
   */
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) return parseDateTime(undefined, print(ast));
    try {
      return parseDateTime(ast.value);
    } catch {
      return NOT_A_DATE_TIME;
    }
  },
});
