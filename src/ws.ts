/**
 * GraphQL over WebSocket (graphql-ws protocol) on the HTTP server's /graphql.
 * The token goes in `connectionParams.authorization` and is checked at
 * connection_init (a bad one closes the socket with 4403). When a session
 * ends, `endSessions` closes its sockets at once (4403); server.ts calls it in
 * every process through pub/sub. Should that news be lost, the token is
 * checked again at the socket's next operation.
 */
import type { Server } from 'node:http';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Viewer } from './accounts/policy.js';
import { unauthenticated } from './errors.js';

export interface GraphQLWebSocketOptions<TContext> {
  httpServer: Server;
  schema: GraphQLSchema;
  /** The viewer of an Authorization value (null when absent); rejects for a token that is not good. */
  authenticate(authorization: string | undefined): Promise<Viewer | null>;
  /** Builds the context of one operation. */
  context(viewer: Viewer | null, clientAddress: string): TContext;
  /** Turns an error into what the client sees (the same masking as over HTTP). */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** Largest message a client may send, in bytes. */
  maxPayloadBytes?: number;
}

export interface GraphQLWebSocketEndpoint {
  /** Closes the sockets of these sessions with 4403. */
  endSessions(sessionIds: readonly string[]): void;
  /** Closes every socket (1001 Going Away) and the endpoint. */
  close(): Promise<void>;
}

const SESSION_ENDED = 'Forbidden: the session has ended';

export function attachGraphQLWebSocket<TContext>(options: GraphQLWebSocketOptions<TContext>): GraphQLWebSocketEndpoint {
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    perMessageDeflate: false, // compression costs more CPU per socket than it saves on small deltas
    maxPayload: options.maxPayloadBytes ?? 64 * 1024,
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
      connectionInitWaitTimeout: 5_000,
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
      onSubscribe: async (ctx) => {
        if (!viewers.get(ctx.extra.socket)) return;
        const stillLive = await options.authenticate(authorizationOf(ctx.connectionParams)).then(Boolean, () => false);
        if (!stillLive) {
          ctx.extra.socket.close(CloseCode.Forbidden, SESSION_ENDED);
          return [unauthenticated('This session has ended; log in again.')];
        }
      },
      context: (ctx) => options.context(viewers.get(ctx.extra.socket) ?? null, ctx.extra.request.socket.remoteAddress ?? 'unknown'),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => options.formatError(error.toJSON(), error)) } : undefined,
    },
    wsServer,
  );
  return {
    endSessions(sessionIds) {
      for (const sessionId of sessionIds) {
        for (const socket of socketsBySession.get(sessionId) ?? []) socket.close(CloseCode.Forbidden, SESSION_ENDED);
      }
    },
    close: () => server.dispose() as Promise<void>,
  };
}
