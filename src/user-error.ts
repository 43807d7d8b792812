/**
 * Expected failures are values. A domain operation that fails in a way its
 * caller can fix (a taken email, seats gone, a declined card) changes nothing
 * and returns a UserFailure instead of its result: one shape for every
 * domain, made by `userFailure`, told apart by `isFailure`. Mutations answer
 * it in their payload's `userErrors`. Each domain declares its codes next to
 * its mutations (`extend enum UserErrorCode` in schema/<domain>.graphql).
 *
 * Anything else the client is told is a GraphQL error from src/errors.ts
 * (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, ...); anything unexpected is
 * thrown, and masked as INTERNAL_SERVER_ERROR.
 */
import type { UserErrorCode } from './generated/graphql.js';

export type { UserErrorCode };

/** An expected failure a mutation reports in `userErrors`. */
export interface UserError {
  code: UserErrorCode;
  message: string;
  /** Path of the input field at fault, e.g. ['input', 'email']; null when no single field is. */
  field: string[] | null;
}

/**
 * An expected failure: nothing was changed. `Details` are what a domain adds
 * for its payloads (booking: the tickets that were unavailable).
 */
export type UserFailure<Details extends object = object> = { userErrors: UserError[] } & Details;

/** What an operation that can fail as expected resolves to: its result (never with `userErrors`), or why not. */
export type Result<T extends object, Details extends object = object> = T | UserFailure<Details>;

/** One error of a UserFailure; for operations that report several at once (a sign-up's every bad field). */
export function userError(code: UserErrorCode, message: string, field: string[] | null = null): UserError {
  return { code, message, field };
}

/** The failure of one error, with the domain's details; or of several errors. */
export function userFailure<Details extends object = object>(
  code: UserErrorCode,
  message: string,
  field?: string[] | null,
  details?: Details,
): UserFailure<Details>;
export function userFailure(errors: readonly UserError[]): UserFailure;
export function userFailure(
  codeOrErrors: UserErrorCode | readonly UserError[],
  message?: string,
  field: string[] | null = null,
  details?: object,
): UserFailure {
  if (typeof codeOrErrors !== 'string') return { userErrors: [...codeOrErrors] };
  return { userErrors: [userError(codeOrErrors, message!, field)], ...details };
}

/** Whether a Result is a failure. */
export function isFailure(result: object): result is UserFailure {
  return 'userErrors' in result;
}
