/**
 * GraphQL over WebSocket (graphql-ws protocol) on the HTTP server's /graphql.
 *
 * - The token goes in `connectionParams.authorization` and is checked at
 *   connection_init (a bad one closes the socket with 4403). When a session
 *   ends, `endSessions` closes its sockets at once (4403); server.ts calls it
 *   in every process through pub/sub. Should that news be lost, the token is
 *   checked again at the socket's next operation. A partner's API key goes in
 *   `connectionParams.apiKey` (or the upgrade's headers, as over HTTP) and is
 *   held to the same: checked at connection_init and at each operation, which
 *   it is counted and limited by, and `endApiKeys` closes a revoked key's
 *   sockets.
 * - Operations pass the same limits as over HTTP: size, tokens, depth,
 *   aliases, directives (src/validation.ts), the checks of argument values
 *   (src/limits/input.ts) and cost with their variables
 *   (src/limits/query-cost.ts); a query or mutation stops starting resolvers
 *   at the request deadline.
 * - A socket runs at most `maxSubscriptionsPerSocket` operations at once (the
 *   one over is refused with TOO_MANY_SUBSCRIPTIONS); an address has at most
 *   `maxSocketsPerAddress` sockets open (the upgrade over is refused with 429).
 * - A subscription whose field the schema declares `@shared` (its payload
 *   does not depend on who subscribes: seatMapChanged) has each event rendered
 *   once per selection, with no viewer, and the same bytes go to every
 *   subscriber; any other subscription's events are executed for each
 *   subscriber with their own context (shared-subscriptions.ts says why).
 *   Either way the subscriber is authorized with their own context when they
 *   subscribe, and one that does not keep up is closed with 1013 rather than
 *   buffered without bound.
 * - Each operation has a request id of its own: in the log lines written
 *   while it is checked and run, and in its errors' `extensions.requestId`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';

import {
  execute,
  type ExecutionArgs,
  getOperationAST,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationTypeNode,
  type ValidationRule,
} from 'graphql';
import {
  CloseCode,
  type Context as SocketContext,
  handleProtocols,
  makeServer,
  type OperationResult,
  type SubscribePayload,
  type WebSocket as ProtocolSocket,
} from 'graphql-ws';
import { type WebSocket, WebSocketServer } from 'ws';

import type { Viewer } from '../accounts/policy.js';
import { unauthenticated } from '../errors.js';
import { SERVICE_UNAVAILABLE, serviceUnavailable } from '../errors.js';
import { createInputCheck } from '../limits/input.js';
import type { QueryCost } from '../limits/query-cost.js';
import type { Logger } from '../logger.js';
import { hashOfDocumentId } from '../persisted-queries.js';
import { runAsRequest, withRequestId } from '../request-id.js';
import { createDocumentCache } from '../validation.js';
import { createSharedSubscriptions } from './shared-subscriptions.js';

/** What the endpoint asks of a partner's API key (partners/gate.ts answers). */
export interface ApiKeyChecks<TKey extends { keyId: number }> {
  /** The key an upgrade request's headers carry, if any (`connectionParams.apiKey` comes first). */
  keyOf(headers: IncomingHttpHeaders): string | undefined;
  /** The key's caller (null without a key); rejects with a GraphQLError for a key that is not good. */
  callerOf(apiKey: string | undefined): Promise<TKey | null>;
  /** Counts an operation of the caller's; rejects with a GraphQLError past its rate. */
  admit(caller: TKey): Promise<void>;
  /** Why the caller may not run an operation of this type, if it may not. */
  refusal(caller: TKey, operation: OperationTypeNode): GraphQLError | undefined;
  /** Charges the caller `points` (an operation's cost; an event a subscription of theirs delivered, one); the error when they cannot pay. */
  charge(caller: TKey, points: number): Promise<GraphQLError | undefined>;
}

/** Documents sent by ID (APQ's `extensions.persistedQuery.sha256Hash`, or `documentId`), and which may run (partners/documents.ts). */
export interface DocumentSources<TKey> {
  /** The verdict on a subscribe message's document for the key's caller (null without one): refused, or allowed, with the text an ID stands for when only this knows it. */
  policy(caller: TKey | null, request: { query?: string; hash?: string }): Promise<{ refusal: GraphQLError } | { query?: string }>;
  /** A published or registered (APQ) document by its hash. */
  byHash(hash: string): Promise<string | undefined>;
}

export interface GraphQLWebSocketOptions<TContext, TKey extends { keyId: number } = { keyId: number }> {
  httpServer: Server;
  schema: GraphQLSchema;
  /** The viewer of an Authorization value (null when absent); rejects for a token that is not good. */
  authenticate(authorization: string | undefined): Promise<Viewer | null>;
  /** The client's address, for rate limits. */
  clientAddress(request: IncomingMessage): string;
  /**
   * Builds the context of one operation; `signal` aborts at a query's or mutation's deadline (none for subscriptions).
   * Also builds the context each event of a `@shared` subscription is rendered with, which belongs to nobody: no viewer, and '' for the address.
   */
  context(viewer: Viewer | null, clientAddress: string, signal?: AbortSignal, apiKey?: TKey | null): TContext;
  /** Partner API keys; without it, sockets carry none. */
  apiKeys?: ApiKeyChecks<TKey>;
  /** Documents by ID and the policy on documents; without it, every subscribe message carries its full text. */
  documents?: DocumentSources<TKey>;
  /** Prices each operation with its variables and refuses the costly ones, as over HTTP. */
  queryCost: QueryCost;
  /** Validation rules of the server's own on top of src/validation.ts's, the same Apollo has (introspection turned off). */
  validationRules?: readonly ValidationRule[];
  /** Deadline of a query or mutation, in ms. Default 10 s. */
  requestTimeoutMs?: number;
  /** Operations (subscriptions, and queries in flight) one socket may run at once. Default 100. */
  maxSubscriptionsPerSocket?: number;
  /** Sockets one client address may have open; the upgrade over it is refused with HTTP 429. Default 50. */
  maxSocketsPerAddress?: number;
  /** Turns an error into what the client sees (the same masking as over HTTP). */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /**
   * False while the database is known to be unreachable: operations are
   * refused at once (SERVICE_UNAVAILABLE), and sockets with a token, which
   * cannot be checked, are closed with 1013 (Try Again Later; clients reconnect).
   */
  available?(): boolean;
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
  /** Told the `extensions.code` of each error an operation answers (after formatError); server.ts counts them in its metrics. */
  onError?(code: string): void;
}

export interface GraphQLWebSocketEndpoint {
  /** Closes the sockets of these sessions with 4403. */
  endSessions(sessionIds: readonly string[]): void;
  /** Closes the sockets of these (revoked) API keys with 4403. */
  endApiKeys(keyIds: readonly number[]): void;
  /** Closes every socket (1001 Going Away) and the endpoint. */
  close(): Promise<void>;
  /** Sockets open now. */
  readonly openSockets: number;
}

const SESSION_ENDED = 'Forbidden: the session has ended';

/** What graphql-ws's hooks are told of a socket besides its messages: what its upgrade request said, not the request itself. */
interface Extra {
  socket: WebSocket;
  /** The client's address, for rate limits. */
  clientAddress: string;
  /** The API key the upgrade request's headers carry, if any. */
  apiKeyHeader: string | undefined;
}

/** The hash a subscribe message names its document by: `documentId` (GraphQL over HTTP's), or APQ's extension. */
function idOf(payload: SubscribePayload & { documentId?: unknown }): string | undefined {
  const byId = hashOfDocumentId(payload.documentId);
  const apq = (payload.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  return byId ?? (typeof apq === 'string' ? apq : undefined);
}
const API_KEY_REVOKED = 'Forbidden: the API key is not valid';
/** The close code of a socket whose token cannot be checked now (the database is down); graphql-ws clients reconnect. */
const TRY_AGAIN_LATER = 1013;
/** The code of an operation refused because its socket runs as many as it may. */
export const TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS';

export function attachGraphQLWebSocket<TContext, TKey extends { keyId: number } = { keyId: number }>(
  options: GraphQLWebSocketOptions<TContext, TKey>,
): GraphQLWebSocketEndpoint {
  const maxSubscriptions = options.maxSubscriptionsPerSocket ?? 100;
  const maxSockets = options.maxSocketsPerAddress ?? 50;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const socketsByAddress = new Map<string, number>();
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    handleProtocols,
    perMessageDeflate: false, // compression costs more CPU per socket than it saves on small deltas
    maxPayload: options.maxPayloadBytes ?? 64 * 1024,
    // Called synchronously just before the 'connection' below, so the count cannot be overtaken in between.
    verifyClient: ({ req }, accept) => {
      const count = socketsByAddress.get(options.clientAddress(req)) ?? 0;
      if (count < maxSockets) return accept(true);
      accept(false, 429, `Too many WebSockets from this address (at most ${maxSockets}); close some or try again later.`, { 'retry-after': '10' });
    },
  });
  const documents = createDocumentCache(options.schema, options.validationRules);
  const inputCheck = createInputCheck(options.schema);
  const shared = createSharedSubscriptions({
    schema: options.schema,
    sharedContext: () => options.context(null, ''),
    formatError: options.formatError,
    logger: options.logger,
    maxBufferedBytes: options.maxBufferedBytes ?? 512 * 1024,
    onExecute: options.onSubscriptionExecution,
  });
  const viewers = new WeakMap<WebSocket, Viewer | null>();
  const callers = new WeakMap<WebSocket, TKey>();
  const socketsBySession = new Map<string, Set<WebSocket>>();
  const socketsByKey = new Map<number, Set<WebSocket>>();
  /** Keeps `socket` under `key` in `index` until it closes. */
  const track = <K>(index: Map<K, Set<WebSocket>>, socket: WebSocket, key: K) => {
    const sockets = index.get(key) ?? new Set();
    index.set(key, sockets.add(socket));
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) index.delete(key);
    });
  };
  const authorizationOf = (params: Record<string, unknown> | undefined) => (typeof params?.authorization === 'string' ? params.authorization : undefined);
  const apiKeyOf = (params: Record<string, unknown> | undefined, extra: Extra) => (typeof params?.apiKey === 'string' ? params.apiKey : extra.apiKeyHeader);
  /** An error outside execution (authenticating, building a context) as the client may see it: masked and logged as over HTTP. */
  const shown = (error: unknown) => options.formatError({ message: error instanceof Error ? error.message : String(error) }, error);
  const unavailable = () => options.available?.() === false;
  /** Each operation's request id, by its subscribe message's payload (which every hook is given) and by its context (which execution is). */
  const requestIds = new WeakMap<object, string>();
  /** Errors as the client sees them: masked, logged as the operation's, and carrying its request id. */
  const formatted = (payload: object, errors: readonly GraphQLError[]) => {
    const requestId = requestIds.get(payload);
    return runAsRequest(requestId ?? randomUUID(), () =>
      errors.map((error) => {
        const shownError = withRequestId(options.formatError(error.toJSON(), error), requestId);
        if (options.onError) options.onError(typeof shownError.extensions?.code === 'string' ? shownError.extensions.code : 'NONE');
        return shownError;
      }),
    );
  };

  const protocol = makeServer<Record<string, unknown> | undefined, Extra>({
    schema: options.schema,
    connectionInitWaitTimeout: options.connectionInitWaitTimeoutMs ?? 5_000,
    onConnect: async (ctx) => {
      const authorization = authorizationOf(ctx.connectionParams);
      const { socket } = ctx.extra;
      try {
        if (authorization && unavailable()) {
          socket.close(TRY_AGAIN_LATER, 'Try again later'); // the token cannot be checked now
          return false;
        }
        const viewer = await options.authenticate(authorization);
        const caller = (await options.apiKeys?.callerOf(apiKeyOf(ctx.connectionParams, ctx.extra))) ?? null;
        viewers.set(socket, viewer);
        if (viewer) track(socketsBySession, socket, viewer.sessionId);
        if (caller) {
          callers.set(socket, caller);
          track(socketsByKey, socket, caller.keyId);
        }
        return true;
      } catch (error) {
        if (error instanceof GraphQLError) return false; // a bad or ended token: closes with 4403 Forbidden
        // The database could not say (1013: clients reconnect), or a fault (4500); either way no detail goes out.
        if (shown(error).extensions?.code === SERVICE_UNAVAILABLE) socket.close(TRY_AGAIN_LATER, 'Try again later');
        else socket.close(CloseCode.InternalServerError, 'Internal server error');
        return false;
      }
    },
    onSubscribe: (ctx, _id, payload) => {
      const requestId = randomUUID();
      requestIds.set(payload, requestId);
      return runAsRequest(requestId, () => checkOperation(ctx, payload));
    },
    context: (ctx, _id, payload, args) => {
      const requestId = requestIds.get(payload) ?? randomUUID();
      return runAsRequest(requestId, () => {
        try {
          const subscription = getOperationAST(args.document, args.operationName)?.operation === 'subscription';
          const signal = subscription ? undefined : AbortSignal.timeout(requestTimeoutMs);
          const { socket, clientAddress } = ctx.extra;
          const context = options.context(viewers.get(socket) ?? null, clientAddress, signal, callers.get(socket) ?? null);
          requestIds.set(context as object, requestId);
          return context;
        } catch (error) {
          shown(error); // logged; the socket closes (4500) with no detail (ProtocolSocketOf)
          throw new Error('Internal server error', { cause: error });
        }
      });
    },
    // A query's or mutation's resolvers run as its request; a subscription's events are rendered as they come (shared-subscriptions.ts).
    execute: (args) => runAsRequest(requestIds.get(args.contextValue as object) ?? randomUUID(), () => execute(args)),
    // graphql-ws never sees the rendered events: onOperation hands the stream to shared.deliver, which renders
    // them once per selection for a @shared field and per subscriber otherwise, and bounds what a socket buffers.
    subscribe: (args) => shared.subscribe(args) as unknown as OperationResult,
    onOperation: (ctx, id, _payload, _args, result) => {
      const caller = callers.get(ctx.extra.socket);
      return shared.deliver(ctx.extra.socket, id, result, caller && (() => options.apiKeys!.charge(caller, 1)));
    },
    onNext: (_ctx, _id, payload, _args, result) => (result.errors ? { ...result, errors: formatted(payload, result.errors) } : undefined),
    onError: (_ctx, _id, payload, errors) => formatted(payload, errors),
  });

  /** The checks of a subscribe message before it runs; errors refuse it. */
  async function checkOperation(
    ctx: SocketContext<Record<string, unknown> | undefined, Extra>,
    payload: SubscribePayload,
  ): Promise<ExecutionArgs | readonly GraphQLError[]> {
    // graphql-ws lists this operation in ctx.subscriptions already, until it ends.
    if (Object.keys(ctx.subscriptions).length > maxSubscriptions) {
      return [
        new GraphQLError(`This socket already runs ${maxSubscriptions} operations, as many as one socket may; complete some first, or open another socket.`, {
          extensions: { code: TOO_MANY_SUBSCRIPTIONS, maxSubscriptions },
        }),
      ];
    }
    if (unavailable()) return [serviceUnavailable()];
    if (viewers.get(ctx.extra.socket)) {
      const failure: unknown = await options.authenticate(authorizationOf(ctx.connectionParams)).then(
        (viewer) => (viewer ? undefined : unauthenticated('No session.')),
        (error: unknown) => error,
      );
      if (failure instanceof GraphQLError) {
        ctx.extra.socket.close(CloseCode.Forbidden, SESSION_ENDED);
        return [unauthenticated('This session has ended; log in again.')];
      }
      if (failure !== undefined) {
        const { message, extensions } = shown(failure); // the database is down (the socket stays open), or a fault
        return [new GraphQLError(message, { extensions })];
      }
    }
    const caller = callers.get(ctx.extra.socket);
    const query = await documentText(payload, caller ?? null);
    if (typeof query !== 'string') return [query];
    const document = documents.documentOf(query);
    if (!('kind' in document)) return [...document];
    if (caller) {
      const refused = await checkApiKey(ctx, caller, getOperationAST(document, payload.operationName)?.operation);
      if (refused) return [refused];
    }
    const badInput = inputCheck.check(document, payload.operationName, payload.variables);
    if (badInput) return [badInput];
    const tooCostly = options.queryCost.check(document, payload.operationName, payload.variables);
    if (tooCostly) return [tooCostly];
    const unpaid = caller && (await options.apiKeys!.charge(caller, options.queryCost.costOf(document, payload.operationName, payload.variables)));
    if (unpaid) return [unpaid];
    return { schema: options.schema, document, operationName: payload.operationName, variableValues: payload.variables };
  }

  /**
   * The text of a subscribe message's document: its own, or the one its ID
   * (`documentId: "sha256:<hex>"`, or APQ's hash, with `query` empty) stands
   * for; or why it may not run (the document policy), or that no document has
   * the ID (PERSISTED_QUERY_NOT_FOUND).
   */
  async function documentText(payload: SubscribePayload, caller: TKey | null): Promise<string | GraphQLError> {
    const sources = options.documents;
    if (!sources) return payload.query;
    const hash = idOf(payload);
    const query = payload.query === '' ? undefined : payload.query;
    const verdict = await sources.policy(caller, { query, hash });
    if ('refusal' in verdict) return verdict.refusal;
    const text = query ?? verdict.query ?? (hash === undefined ? undefined : await sources.byHash(hash));
    return text ?? new GraphQLError('No published or registered document has this ID.', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
  }

  /**
   * Holds an operation of a socket opened with an API key to the key: still
   * good (a revoked one closes the socket), allowed this operation, and
   * within its rate, which counts it.
   */
  async function checkApiKey(
    ctx: SocketContext<Record<string, unknown> | undefined, Extra>,
    caller: TKey,
    operation: OperationTypeNode | undefined,
  ): Promise<GraphQLError | undefined> {
    const checks = options.apiKeys!;
    try {
      await checks.callerOf(apiKeyOf(ctx.connectionParams, ctx.extra));
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      ctx.extra.socket.close(CloseCode.Forbidden, API_KEY_REVOKED);
      return error;
    }
    const refusal = operation && checks.refusal(caller, operation);
    if (refusal) return refusal;
    return checks.admit(caller).then(
      () => undefined,
      (error: unknown) => {
        if (error instanceof GraphQLError) return error;
        throw error;
      },
    );
  }

  wsServer.on('error', (error) => {
    options.logger.error({ err: error }, 'the WebSocket server failed; closing its sockets');
    for (const socket of wsServer.clients) socket.close(CloseCode.InternalServerError, 'Internal server error');
  });
  wsServer.on('connection', (socket, request) => {
    const clientAddress = options.clientAddress(request);
    socketsByAddress.set(clientAddress, (socketsByAddress.get(clientAddress) ?? 0) + 1);
    socket.on('error', closeOnSocketError);
    socket.on('pong', answeredPing);
    const closed = protocol.opened(new ProtocolSocketOf(socket), {
      socket,
      clientAddress,
      apiKeyHeader: options.apiKeys?.keyOf(request.headers),
    });
    socket.once('close', (code, reason) => {
      const left = (socketsByAddress.get(clientAddress) ?? 1) - 1;
      if (left > 0) socketsByAddress.set(clientAddress, left);
      else socketsByAddress.delete(clientAddress);
      void closed(code, String(reason));
    });
  });
  // One timer pings every socket (ws's heartbeat), rather than one timer per socket.
  const awaitingPong = new WeakSet<WebSocket>();
  function answeredPing(this: WebSocket) {
    awaitingPong.delete(this);
  }
  const keepAliveMs = options.keepAliveMs ?? 12_000;
  const pings =
    keepAliveMs > 0 && Number.isFinite(keepAliveMs)
      ? setInterval(() => {
          for (const socket of wsServer.clients) {
            if (socket.readyState !== socket.OPEN) continue;
            if (awaitingPong.has(socket)) socket.terminate();
            else {
              awaitingPong.add(socket);
              socket.ping();
            }
          }
        }, keepAliveMs)
      : undefined;

  return {
    endApiKeys(keyIds) {
      for (const keyId of keyIds) {
        for (const socket of socketsByKey.get(keyId) ?? []) socket.close(CloseCode.Forbidden, API_KEY_REVOKED);
      }
    },
    endSessions(sessionIds) {
      for (const sessionId of sessionIds) {
        for (const socket of socketsBySession.get(sessionId) ?? []) socket.close(CloseCode.Forbidden, SESSION_ENDED);
      }
    },
    async close() {
      clearInterval(pings);
      for (const socket of wsServer.clients) socket.close(1001, 'Going away');
      wsServer.removeAllListeners();
      await new Promise<void>((resolve, reject) => wsServer.close((error) => (error ? reject(error) : resolve())));
    },
    get openSockets() {
      return wsServer.clients.size;
    },
  };
}

/** A socket's failure (its connection reset, say) closes it, as graphql-ws's own adapter does. */
function closeOnSocketError(this: WebSocket): void {
  this.close(CloseCode.InternalServerError, 'Internal server error');
}

/**
 * A `ws` socket as graphql-ws's protocol speaks to it: graphql-ws/use/ws's
 * adapter, without what that kept per socket (a timer, and each message's
 * bytes for as long as the operation it started runs). A hook that throws
 * closes the socket (4500) with no detail; the hooks log their own failures.
 */
class ProtocolSocketOf implements ProtocolSocket {
  constructor(private readonly socket: WebSocket) {}

  get protocol() {
    return this.socket.protocol;
  }

  send(data: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.readyState !== this.socket.OPEN) return resolve();
      this.socket.send(data, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }

  onMessage(handle: (data: string) => Promise<void>): void {
    this.socket.on('message', (data: Buffer) => {
      handle(String(data)).catch(() => this.socket.close(CloseCode.InternalServerError, 'Internal server error'));
    });
  }
}
