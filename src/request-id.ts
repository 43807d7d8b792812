/**
 * Request ids: one per HTTP request and per WebSocket operation, taken from
 * the client's `x-request-id` when it is a sane value and made otherwise.
 * The id is held in an AsyncLocalStorage for the request's whole async
 * scope, so every log line written during it carries it (`requestIdMixin`,
 * which createLogger installs) without passing a logger down to each domain,
 * and its errors carry it in `extensions.requestId`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

/** The header a client or proxy may send and the server echoes. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * What a request id given by a client may be: short, and characters that cannot break a log line or a
 * header (no spaces, newlines or quotes). A proxy's UUID or trace id fits; anything else is replaced.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:/+=-]{1,128}$/;

const scope = new AsyncLocalStorage<string>();

/** The id of a request whose header gave `given` (a repeated header counts as absent): that one when sane, a new UUID otherwise. */
export function requestIdOf(given: string | string[] | undefined): string {
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Runs `work` (and everything it starts) as the request `requestId`. */
export function runAsRequest<T>(requestId: string, work: () => T): T {
  return scope.run(requestId, work);
}

/** Runs `work` outside any request: background work a request starts (a job's round) must not carry its id into later rounds. */
export function outsideRequest<T>(work: () => T): T {
  return scope.exit(work);
}

/** The id of the request being served here; undefined outside one (background jobs, start-up). */
export function currentRequestId(): string | undefined {
  return scope.getStore();
}

/** For pino's `mixin`: adds `requestId` to each line logged inside a request. */
export function requestIdMixin(): { requestId?: string } {
  const requestId = scope.getStore();
  return requestId === undefined ? {} : { requestId };
}

/** `error` with the request's id in its extensions, so that a client can quote it and an operator find its log lines. */
export function withRequestId(error: GraphQLFormattedError, requestId: string | undefined): GraphQLFormattedError {
  return requestId === undefined ? error : { ...error, extensions: { ...error.extensions, requestId } };
}

/**
 * Adds the request's id to every error of an HTTP response. Apollo's formatError is not told which request an
 * error belongs to, so this runs at willSendResponse, inside the request's scope (src/http.ts).
 */
export function requestIdPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const requestId = currentRequestId();
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => withRequestId(error, requestId));
        },
      };
    },
  };
}
