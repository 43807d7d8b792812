/** The Apollo plugin that times each GraphQL request over HTTP and counts the errors it answers. */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

import { INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE } from '../errors.js';
import { REQUEST_TIMEOUT } from '../limits/deadline.js';
import type { Metrics, Outcome } from './metrics.js';

/** Codes of errors that are the server's fault, not the caller's: the request's outcome is `error`. */
const SERVER_FAULTS = new Set([INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE, REQUEST_TIMEOUT]);

/** The code an error is counted under: its `extensions.code`, `NONE` when it has none. */
export function codeOf(error: GraphQLFormattedError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'NONE';
}

export function metricsPlugin(metrics: Metrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        // After formatError, so that masked faults count under the code the client saw.
        async willSendResponse({ response, operationName }) {
          const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          for (const error of result.errors ?? []) metrics.error(codeOf(error));
          metrics.request(operationName, outcomeOf(result.errors, result.data), (performance.now() - started) / 1000);
        },
      };
    },
  };
}

/** A server fault is `error`; any other error, or a mutation payload's userErrors (its root fields'), `user_error`. */
function outcomeOf(errors: readonly GraphQLFormattedError[] | undefined, data: Record<string, unknown> | null | undefined): Outcome {
  if (errors?.some((error) => SERVER_FAULTS.has(codeOf(error)))) return 'error';
  if (errors?.length) return 'user_error';
  const payloads = Object.values(data ?? {});
  const refused = payloads.some(
    (payload) => Array.isArray((payload as { userErrors?: unknown } | null)?.userErrors) && (payload as { userErrors: unknown[] }).userErrors.length > 0,
  );
  return refused ? 'user_error' : 'ok';
}
