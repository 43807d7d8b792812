/**
 * GraphQL over WebSocket (graphql-ws protocol) on the HTTP server's /graphql.
 *
 * - The token goes in `connectionParams.authorization` and is checked at
 *   connection_init (a bad one closes the socket with 4403). When a session
 *   ends, `endSessions` closes its sockets at once (4403); server.ts calls it
 *   in every process through pub/sub. Should that news be lost, the token is
 *   checked again at the socket's next operation.
 * - Operations pass the same validation rules as over HTTP (src/validation.ts).
 * - Subscription events are rendered once per selection and the same bytes go
 *   to every subscriber (shared-subscriptions.ts); a subscriber that does not
 *   keep up is closed with 1013 rather than buffered without bound.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { CloseCode, type OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Viewer } from '../accounts/policy.js';
import { unauthenticated } from '../errors.js';
import type { Logger } from '../logger.js';
import { createDocumentCache } from '../validation.js';
import { createSharedSubscriptions } from './shared-subscriptions.js';

export interface GraphQLWebSocketOptions<TContext> {
  httpServer: Server;
  schema: GraphQLSchema;
  /** The viewer of an Authorization value (null when absent); rejects for a token that is not good. */
  authenticate(authorization: string | undefined): Promise<Viewer | null>;
  /** The client's address, for rate limits. */
  clientAddress(request: IncomingMessage): string;
  /** Builds the context of one operation. */
  context(viewer: Viewer | null, clientAddress: string): TContext;
  /** Turns an error into what the client sees (the same masking as over HTTP). */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  logger: Logger;
  /** Largest message a client may send, in bytes. Default 64 KiB. */
  maxPayloadBytes?: number;
  /** A socket with more than this many bytes not yet sent is closed with 1013 (Try Again Later). Default 512 KiB. */
  maxBufferedBytes?: number;
  /** Milliseconds between pings; a socket that has not answered the last one by the next is dropped. Default 12 s. */
  keepAliveMs?: number;
  /** Milliseconds a client has after connecting to send connection_init before it is closed with 4408. Default 5 s. */
  connectionInitWaitTimeoutMs?: number;
  /** Called at each execution of a subscription event; tests count them. */
  onSubscriptionExecution?(): void;
}

export interface GraphQLWebSocketEndpoint {
  /** Closes the sockets of these sessions with 4403. */
  endSessions(sessionIds: readonly string[]): void;
  /** Closes every socket (1001 Going Away) and the endpoint. */
  close(): Promise<void>;
  /** Sockets open now. */
  readonly openSockets: number;
}

const SESSION_ENDED = 'Forbidden: the session has ended';

export function attachGraphQLWebSocket<TContext>(options: GraphQLWebSocketOptions<TContext>): GraphQLWebSocketEndpoint {
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    perMessageDeflate: false, // compression costs more CPU per socket than it saves on small deltas
    maxPayload: options.maxPayloadBytes ?? 64 * 1024,
  });
  const documents = createDocumentCache(options.schema);
  const shared = createSharedSubscriptions({
    formatError: options.formatError,
    logger: options.logger,
    maxBufferedBytes: options.maxBufferedBytes ?? 512 * 1024,
    onExecute: options.onSubscriptionExecution,
  });
  const viewers = new WeakMap<WebSocket, Viewer | null>();
  const socketsBySession = new Map<string, Set<WebSocket>>();
  const track = (socket: WebSocket, sessionId: string) => {
    const sockets = socketsBySession.get(sessionId) ?? new Set();
    socketsBySession.set(sessionId, sockets.add(socket));
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) socketsBySession.delete(sessionId);
    });
  };
  const authorizationOf = (params: Record<string, unknown> | undefined) =>
    typeof params?.authorization === 'string' ? params.authorization : undefined;

  const server = useServer(
    {
      schema: options.schema,
      connectionInitWaitTimeout: options.connectionInitWaitTimeoutMs ?? 5_000,
      onConnect: async (ctx) => {
        try {
          const viewer = await options.authenticate(authorizationOf(ctx.connectionParams));
          viewers.set(ctx.extra.socket, viewer);
          if (viewer) track(ctx.extra.socket, viewer.sessionId);
          return true;
        } catch {
          return false; // closes with 4403 Forbidden
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        if (viewers.get(ctx.extra.socket)) {
          const stillLive = await options.authenticate(authorizationOf(ctx.connectionParams)).then(Boolean, () => false);
          if (!stillLive) {
            ctx.extra.socket.close(CloseCode.Forbidden, SESSION_ENDED);
            return [unauthenticated('This session has ended; log in again.')];
          }
        }
        const document = documents.documentOf(payload.query);
        if (!('kind' in document)) return [...document];
        return { schema: options.schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      context: (ctx) => options.context(viewers.get(ctx.extra.socket) ?? null, options.clientAddress(ctx.extra.request)),
      // graphql-ws never sees the rendered events: onOperation hands the stream to shared.deliver.
      subscribe: (args) => shared.subscribe(args) as unknown as OperationResult,
      onOperation: (ctx, id, _payload, _args, result) => shared.deliver(ctx.extra.socket, id, result),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => options.formatError(error.toJSON(), error)) } : undefined,
    },
    wsServer,
    options.keepAliveMs ?? 12_000,
  );
  return {
    endSessions(sessionIds) {
      for (const sessionId of sessionIds) {
        for (const socket of socketsBySession.get(sessionId) ?? []) socket.close(CloseCode.Forbidden, SESSION_ENDED);
      }
    },
    close: () => server.dispose() as Promise<void>,
    get openSockets() {
      return wsServer.clients.size;
    },
  };
}
