/**
 * Subscriptions are served over WebSocket (graphql-ws, src/ws/endpoint.ts)
 * only. Apollo would hand one sent over HTTP to graphql-js's execute, which
 * runs the subscription field's resolver as if it were a query's and fails
 * as an internal error; this plugin answers it first, before anything runs,
 * with HTTP 400 and BAD_REQUEST saying where subscriptions are served.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';

export const SUBSCRIPTIONS_OVER_HTTP_MESSAGE =
  'Subscriptions run over WebSocket (graphql-ws) at /graphql, not over HTTP: open a WebSocket to the same URL with a graphql-ws client.';

export function subscriptionsOverWebSocketOnly<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'subscription') {
            throw new GraphQLError(SUBSCRIPTIONS_OVER_HTTP_MESSAGE, { extensions: { code: ApolloServerErrorCode.BAD_REQUEST, http: { status: 400 } } });
          }
        },
      };
    },
  };
}
