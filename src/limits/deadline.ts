/**
 * The deadline of a request: past it, the request is answered with
 * REQUEST_TIMEOUT (by src/http.ts over HTTP) and its context's `signal` is
 * aborted, so that none of its resolvers starts anymore, and so no new SQL
 * statement is sent for it. A statement already running ends by itself, at
 * the latest at the pool's statement timeout (DATABASE_STATEMENT_TIMEOUT_MS),
 * which answers the same code.
 */
import { GraphQLError } from 'graphql';
import postgres from 'postgres';

/** The code of a request that ran out of time, or of a field whose statement did. */
export const REQUEST_TIMEOUT = 'REQUEST_TIMEOUT';

/** PostgreSQL's query_canceled: a statement ended by statement_timeout (or cancelled). */
const QUERY_CANCELED = '57014';

export function requestTimedOut(timeoutMs: number): GraphQLError {
  return new GraphQLError(`The request did not finish within ${timeoutMs} ms and was stopped; try again, or ask for less.`, {
    extensions: { code: REQUEST_TIMEOUT },
  });
}

function stopped(): GraphQLError {
  return new GraphQLError('The request was stopped before this field.', { extensions: { code: REQUEST_TIMEOUT } });
}

function statementTimedOut(): GraphQLError {
  return new GraphQLError('The database took too long to answer this field and the read was stopped; try again, or ask for less.', {
    extensions: { code: REQUEST_TIMEOUT },
  });
}

/** True when `error` (or the driver error drizzle wrapped in it) is a statement cancelled by PostgreSQL. */
function isCancelledStatement(error: unknown): boolean {
  const cause = error instanceof Error && !(error instanceof postgres.PostgresError) ? error.cause : error;
  return cause instanceof postgres.PostgresError && cause.code === QUERY_CANCELED;
}

type Resolver = (parent: unknown, args: unknown, context: { signal?: AbortSignal }, info: unknown) => unknown;

function guarded(resolve: Resolver): Resolver {
  return (parent, args, context, info) => {
    if (context.signal?.aborted) throw context.signal.reason instanceof GraphQLError ? context.signal.reason : stopped();
    let result: unknown;
    try {
      result = resolve(parent, args, context, info);
    } catch (error) {
      throw isCancelledStatement(error) ? statementTimedOut() : error;
    }
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        throw isCancelledStatement(error) ? statementTimedOut() : error;
      });
    }
    return result;
  };
}

/**
 * The resolver map with each field resolver of each object type checking the
 * request's deadline before it starts (and turning a statement PostgreSQL
 * cancelled into REQUEST_TIMEOUT). Subscriptions are left as they are: they
 * live as long as their socket.
 */
export function withDeadlines<T extends object>(resolvers: T): T {
  return Object.fromEntries(
    Object.entries(resolvers).map(([typeName, fields]) => {
      if (typeName === 'Subscription' || typeof fields !== 'object' || fields === null || Object.getPrototypeOf(fields) !== Object.prototype) {
        return [typeName, fields]; // scalars (GraphQLScalarType instances) and subscriptions
      }
      return [
        typeName,
        Object.fromEntries(
          Object.entries(fields).map(([name, resolve]) =>
            typeof resolve === 'function' && !name.startsWith('__') ? [name, guarded(resolve as Resolver)] : [name, resolve],
          ),
        ),
      ];
    }),
  ) as T;
}
