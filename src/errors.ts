/**
 * The GraphQL errors of the API: every error it answers on purpose with one
 * of these codes (in `extensions.code`) is made here. They are for what a
 * mutation's userErrors are not (src/user-error.ts): a missing or bad login,
 * a missing right, input that breaks the schema's rules, an object that is
 * not there, too many requests, a database out of reach. Anything else a
 * resolver throws (an Error of any class: domains keep their internal
 * signals, such as booking's Rollback, to themselves) is an internal fault:
 * logged, and masked as INTERNAL_SERVER_ERROR (src/format-error.ts). The
 * front door's refusals (query cost, limits, timeouts: src/limits/,
 * src/validation.ts) have codes of their own, made where they are checked.
 */
import { HeaderMap } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';

import { characterCount } from './characters.js';

/** Input a person can fix: say what is wrong and, with `argument`, where. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ApolloServerErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) },
  });
}

/** BAD_USER_INPUT for text over its limit of characters (src/characters.ts), at `argument` (e.g. input.name). */
export function tooLong(argument: string, text: string, limit: number): GraphQLError {
  return badUserInput(`${argument} is ${characterCount(text)} characters long; at most ${limit} are allowed.`, argument);
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

/**
 * The event was cancelled, so its seat map changes no more: ends a seat-map
 * subscription, and refuses a new one, with the organizer's `reason`.
 */
export function eventCancelled(reason: string): GraphQLError {
  return new GraphQLError(`This event was cancelled: ${reason}`, { extensions: { code: 'EVENT_CANCELLED' } });
}

/** Too many attempts; the client may retry after `retryAfterSeconds`. */
export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'RATE_LIMITED', retryAfter: retryAfterSeconds } });
}

export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';
export const SERVICE_UNAVAILABLE_MESSAGE = 'The service is briefly unavailable; send the request again shortly.';
/** Seconds a client should wait before retrying a SERVICE_UNAVAILABLE answer. */
const RETRY_AFTER_SECONDS = 1;

/** SERVICE_UNAVAILABLE: the database cannot be reached now; answered 503 with retry-after over HTTP. */
export function serviceUnavailable(http = false): GraphQLError {
  return new GraphQLError(SERVICE_UNAVAILABLE_MESSAGE, {
    extensions: {
      code: SERVICE_UNAVAILABLE,
      ...(http ? { http: { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) } } : {}),
    },
  });
}

export const INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR';
/** All a client is told of an internal fault. */
export const INTERNAL_SERVER_ERROR_MESSAGE = 'Internal server error';

/** INTERNAL_SERVER_ERROR, with nothing of the fault behind it (which is logged); HTTP 500 when it fails a whole request. */
export function internalError(http = false): GraphQLError {
  return new GraphQLError(INTERNAL_SERVER_ERROR_MESSAGE, { extensions: { code: INTERNAL_SERVER_ERROR, ...(http ? { http: { status: 500 } } : {}) } });
}
