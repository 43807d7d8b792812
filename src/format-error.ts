import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';

import { type DatabaseHealth, isDatabaseUnavailable } from './db/availability.js';
import {
  INTERNAL_SERVER_ERROR,
  INTERNAL_SERVER_ERROR_MESSAGE,
  internalError,
  SERVICE_UNAVAILABLE,
  SERVICE_UNAVAILABLE_MESSAGE,
  serviceUnavailable,
} from './errors.js';
import type { Logger } from './logger.js';

/**
 * Errors the API raised on purpose (GraphQLErrors, with a code) reach the
 * client as they are; anything else is a fault, and no SQL, stack, connection
 * parameter or other internal detail of it leaves the server:
 * - an error of the database connection (the database restarting, down or
 *   out of reach; see isDatabaseUnavailable) is SERVICE_UNAVAILABLE: the
 *   client may retry. The outage is logged once, when found (DatabaseHealth);
 *   each such error only at debug level;
 * - anything else is INTERNAL_SERVER_ERROR, logged in full.
 *
 * The same rules hold wherever an error can arise: in resolvers (formatError),
 * in building a request's context (guardContext), over WebSocket
 * (src/ws/endpoint.ts passes its errors through formatError).
 */
export function maskInternalErrors(logger: Logger, health?: Pick<DatabaseHealth, 'report'>) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = originalOf(error);
    if (original instanceof GraphQLError) return formatted;
    const { locations, path } = formatted;
    if (isDatabaseUnavailable(original)) {
      health?.report(original);
      logger.debug({ err: original, path }, 'a GraphQL request met the database unavailable');
      return { message: SERVICE_UNAVAILABLE_MESSAGE, locations, path, extensions: { code: SERVICE_UNAVAILABLE } };
    }
    logger.error({ err: original, path }, 'internal error in a GraphQL request');
    return { message: INTERNAL_SERVER_ERROR_MESSAGE, locations, path, extensions: { code: INTERNAL_SERVER_ERROR } };
  };
}

/**
 * Wraps the function that builds a request's context (Apollo calls it before
 * executing, and would answer its error with its message, as "Context
 * creation failed: ..."). While the database is known to be unavailable it
 * refuses at once, HTTP 503, rather than queueing for a connection; a failure
 * is masked as a resolver's would be: GraphQLErrors (an invalid token, 401)
 * as they are, a database outage 503 SERVICE_UNAVAILABLE, anything else 500
 * INTERNAL_SERVER_ERROR, logged in full.
 */
export function guardContext<A extends unknown[], T>(
  logger: Logger,
  health: Pick<DatabaseHealth, 'available' | 'report'> | undefined,
  context: (...args: A) => Promise<T>,
): (...args: A) => Promise<T> {
  return async (...args) => {
    if (health && !health.available()) throw serviceUnavailable(true);
    try {
      return await context(...args);
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      if (isDatabaseUnavailable(error)) {
        health?.report(error);
        logger.debug({ err: error }, 'building a request context met the database unavailable');
        throw serviceUnavailable(true);
      }
      logger.error({ err: error }, 'internal error building a request context');
      throw internalError(true);
    }
  };
}

/**
 * The error behind `error`: graphql-js and Apollo wrap what a resolver or a
 * context function threw in a GraphQLError whose originalError it is (with or
 * without a path); a GraphQLError of ours may be wrapped too.
 */
function originalOf(error: unknown): unknown {
  let current = error;
  for (let depth = 0; current instanceof GraphQLError && current.originalError && depth < 8; depth++) current = current.originalError;
  return current;
}
