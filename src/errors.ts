/**
 * Errors the API shows to clients. Anything else thrown by a resolver is an
 * internal fault: logged, and masked as INTERNAL_SERVER_ERROR (see server.ts).
 */
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';

/** Input a person can fix: say what is wrong and, with `argument`, where. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ApolloServerErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) },
  });
}

/** A login is needed for this field. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

/** The request carries a token that is not (or no longer) good: refused whole, with HTTP 401. */
export function invalidToken(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** The object a non-null field is about does not exist (or is hidden from the caller). */
export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

/** The caller is known but lacks the right. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/** Too many attempts; the client may retry after `retryAfterSeconds`. */
export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'RATE_LIMITED', retryAfter: retryAfterSeconds } });
}
