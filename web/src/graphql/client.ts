/**
 * The app's GraphQL client: urql over HTTP for queries and mutations, graphql-ws on the same `/graphql` for
 * subscriptions, and every operation sent by its ID only. The operations are the app's own `.graphql` files,
 * compiled by `npm run codegen` into typed documents that carry their SHA-256 (`__meta__.hash`) and into the
 * manifest the server trusts (web/src/generated/persisted-documents.json), so no document text goes over the wire.
 */
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createSocket } from 'graphql-ws';
import { cacheExchange, Client, fetchExchange, subscriptionExchange } from 'urql';

/** A client for one session: a new token gets a new client, so nothing cached for one user is shown to the next. */
export function createApiClient(token: string | null): { client: Client; dispose: () => void } {
  const authorization = token ? `Bearer ${token}` : undefined;
  const socket = createSocket({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: authorization ? { authorization } : {},
    lazy: true,
    // The server closes a slow reader with 1013 and restarts with 1001: subscriptions resume with `sinceVersion`.
    retryAttempts: Infinity,
    shouldRetry: () => true,
  });
  const client = new Client({
    url: '/graphql',
    exchanges: [
      cacheExchange,
      persistedExchange({
        // The manifest's ID as codegen wrote it (`sha256:<hex>`); APQ's sha256Hash is the bare hex.
        generateHash: async (_, document) => ((document as { __meta__?: { hash?: string } }).__meta__?.hash ?? '').replace(/^sha256:/, ''),
        // In production builds, never the text. Under `npm run dev` an operation just edited is not in the manifest
        // the API loaded at its start: the client then registers it (automatic persisted queries) and goes on.
        enforcePersistedQueries: !import.meta.env.DEV,
        enableForMutation: true,
        enableForSubscriptions: true,
        // Queries by GET, so the browser and any cache in between may keep what the API marks cacheable.
        preferGetForPersistedQueries: 'within-url-limit',
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
    // Apollo Server refuses a GET without a header a plain form could not send (CSRF prevention).
    fetchOptions: () => ({ headers: { 'apollo-require-preflight': 'true', ...(authorization ? { authorization } : {}) } }),
    requestPolicy: 'cache-and-network',
  });
  return { client, dispose: () => void socket.dispose() };
}
