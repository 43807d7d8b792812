/** The HTTP routes: GraphQL on /graphql, and probes for orchestrators. */
import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from 'node:http';

import { type ApolloServer, type BaseContext, type ContextFunction, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

import { notModified } from './cache-headers.js';
import { INTERNAL_SERVER_ERROR, INTERNAL_SERVER_ERROR_MESSAGE, SERVICE_UNAVAILABLE } from './errors.js';
import type { ExplorerRoute } from './explorer.js';
import { homePage } from './home-page.js';
import type { HttpDrain } from './http-drain.js';
import { requestTimedOut } from './limits/deadline.js';
import type { Door } from './limits/door.js';
import type { Logger } from './logger.js';
import type { MetricsRoute } from './metrics/route.js';
import type { DocumentVerdict } from './partners/documents.js';
import { documentIdAsPersistedQuery } from './persisted-queries.js';
import { currentRequestId, REQUEST_ID_HEADER, requestIdOf, runAsRequest } from './request-id.js';
import { documentTooLarge } from './validation.js';
import type { WebAppRoute } from './web-app.js';

const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpRoutes<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** `signal` aborts at the request's deadline (or when the client goes away): its resolvers stop starting (src/limits/deadline.ts). */
  context: ContextFunction<[{ req: IncomingMessage; signal: AbortSignal }], TContext>;
  /** A request still running this long after it was read (its wait at the door included) is answered 504 REQUEST_TIMEOUT and its signal aborted. */
  requestTimeoutMs: number;
  /** Lets in a number of requests at a time, the others waiting their turn (src/limits/door.ts). */
  door: Door;
  /** Answers /readyz: true when this process can serve requests (its database answers). */
  isReady(): Promise<boolean>;
  /** Tracks requests in flight; while it drains, /readyz and new GraphQL requests answer 503. */
  drain: HttpDrain;
  /** The schema's SDL, served at /schema.graphql; absent when introspection is turned off (GRAPHQL_INTROSPECTION). */
  schemaSdl?: string;
  /** GraphiQL and its files for browsers; absent when the explorer is off. */
  explorer?: ExplorerRoute;
  /** The fan web app at `/` and its pages; absent when web/dist has not been built, and `/` shows what the API offers. */
  webApp?: WebAppRoute;
  /** Prometheus metrics at /metrics; absent when they are off (METRICS_ENABLED). */
  metrics?: MetricsRoute;
  /** Which documents the request may run (TRUSTED_DOCUMENTS, partners/documents.ts), asked before Apollo parses anything. */
  documentPolicy(headers: IncomingHttpHeaders, request: { query?: string; hash?: string }): Promise<DocumentVerdict>;
  logger: Logger;
}

export function createRequestListener<TContext extends BaseContext>(routes: HttpRoutes<TContext>): RequestListener {
  const home = homePage({ explorer: routes.explorer !== undefined, schema: routes.schemaSdl !== undefined });
  const route: RequestListener = (req, res) => {
    routes.drain.track(req, res);
    const { pathname, search } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (pathname === '/readyz') {
      if (routes.drain.draining) return sendJson(res, 503, { status: 'shutting down' });
      return void routes.isReady().then((ready) => sendJson(res, ready ? 200 : 503, { status: ready ? 'ok' : 'unavailable' }));
    }
    if (pathname === '/schema.graphql' && routes.schemaSdl !== undefined) return sendText(res, 'text/plain; charset=utf-8', routes.schemaSdl);
    if (routes.explorer?.(req, res, pathname, search)) return;
    if (pathname === '/metrics' && routes.metrics) return routes.metrics(req, res);
    if (pathname !== '/graphql') {
      if (routes.webApp?.(req, res, pathname)) return;
      if (pathname === '/') return sendText(res, 'text/html; charset=utf-8', home);
      return sendJson(res, 404, { error: `Nothing at ${pathname}; the API is at /graphql.` });
    }
    if (routes.drain.draining) {
      res.setHeader('retry-after', '1');
      return sendJson(res, 503, {
        errors: [{ message: 'This server is shutting down; send the request again.', extensions: { code: SERVICE_UNAVAILABLE } }],
      });
    }
    void serveGraphQL(routes, req, res, search).catch((error: unknown) => {
      if (error instanceof HttpError) {
        // The rest of a refused body is never read, so the connection cannot carry another request.
        if (!req.complete) res.setHeader('connection', 'close');
        return sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST', requestId: currentRequestId() } }] });
      }
      routes.logger.error({ err: error }, 'internal error serving /graphql');
      if (res.headersSent) return void res.destroy();
      sendJson(res, 500, {
        errors: [{ message: INTERNAL_SERVER_ERROR_MESSAGE, extensions: { code: INTERNAL_SERVER_ERROR, requestId: currentRequestId() } }],
      });
    });
  };
  // Every response says which request it answers; everything done for it, and each line logged, carries the id.
  return (req, res) => {
    const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const started = performance.now();
    // The access log: a line per request once its answer is sent (probes and scrapes only at debug), without its query string.
    res.once('finish', () =>
      runAsRequest(requestId, () => {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        const line = {
          method: req.method,
          path,
          status: res.statusCode,
          ms: Math.round((performance.now() - started) * 10) / 10,
          operation: operationNames.get(req),
        };
        if (QUIET_PATHS.has(path)) routes.logger.debug(line, 'request');
        else routes.logger.info(line, 'request');
      }),
    );
    runAsRequest(requestId, () => route(req, res));
  };
}

async function serveGraphQL<TContext extends BaseContext>(routes: HttpRoutes<TContext>, req: IncomingMessage, res: ServerResponse, rawSearch: string) {
  // Bearer tokens, not cookies, carry identity, so any origin may call the API.
  res.setHeader('access-control-allow-origin', '*');
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'content-type, authorization',
      'access-control-max-age': '86400',
    });
    return void res.end();
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const request = documentIdAsPersistedQuery(await readJsonBody(req), rawSearch);
  if (!request) throw new HttpError(400, 'documentId must be "sha256:" and the SHA-256 of a registered document, in lower-case hex.');
  const { body } = request;
  let { search } = request;
  const operationName = operationNameOf(body, search);
  routes.drain.nameOperation(req, operationName);
  if (operationName) operationNames.set(req, operationName);
  // Refused before Apollo parses it: a megabyte of fields would block the event loop for seconds.
  const tooLarge = documentTooLarge(queryOf(body, search) ?? '');
  if (tooLarge) return sendJson(res, 413, { errors: [{ message: tooLarge.message, extensions: { ...tooLarge.extensions, requestId: currentRequestId() } }] });
  const verdict = await routes.documentPolicy(req.headers, { query: queryOf(body, search), hash: persistedHashOf(body, search) });
  if ('refusal' in verdict) {
    const { message, extensions } = verdict.refusal;
    // As Apollo answers: a GraphQL response, which clients (Apollo Client among them) read as one, when they accept it.
    const type = /application\/graphql-response\+json/.test(req.headers.accept ?? '') ? GRAPHQL_RESPONSE : undefined;
    return sendJson(res, 400, { errors: [{ message, extensions: { ...extensions, requestId: currentRequestId() } }] }, type);
  }
  // A partner's registered document sent by its ID: Apollo, which knows only the manifests and APQ, is given its text.
  if (verdict.query !== undefined) {
    if (body && typeof body === 'object') (body as { query?: string }).query = verdict.query;
    else search = `${search}&${new URLSearchParams({ query: verdict.query })}`;
  }

  const deadline = new AbortController();
  const timer = setTimeout(() => {
    const timedOut = requestTimedOut(routes.requestTimeoutMs);
    deadline.abort(timedOut);
    if (!res.headersSent)
      sendJson(res, 504, { errors: [{ message: timedOut.message, extensions: { ...timedOut.extensions, requestId: currentRequestId() } }] });
  }, routes.requestTimeoutMs);
  res.once('close', () => {
    clearTimeout(timer);
    // 'close' follows every answer too: only one never finished means that the client went away.
    if (!res.writableFinished && !deadline.signal.aborted)
      deadline.abort(new GraphQLError('The client went away.', { extensions: { code: 'CLIENT_CLOSED_REQUEST' } }));
  });
  const execute = () =>
    routes.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
      context: () => routes.context({ req, signal: deadline.signal }),
    });
  let response;
  try {
    response = await routes.door.enter(deadline.signal, execute);
  } catch (error) {
    if (error === deadline.signal.reason) return; // it left the line at its deadline (answered 504 then), or its client went away
    throw error;
  }
  clearTimeout(timer);
  if (res.headersSent) return; // answered at the deadline already
  // A public answer gets an ETag; a client (or CDN) that has it already is told so without the body.
  const unchanged = response.body.kind === 'complete' && notModified(response.headers, response.body.string, req.headers['if-none-match']);
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = unchanged ? 304 : (response.status ?? 200);
  if (response.body.kind === 'complete') return void res.end(unchanged ? undefined : response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Paths asked all the time by machines, logged at debug only: probes and metrics scrapes. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
/** Each GraphQL request's operation name, for its access log line. */
const operationNames = new WeakMap<IncomingMessage, string>();

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The parsed body of a JSON request; undefined for other content types, which Apollo then refuses. */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  if (req.method !== 'POST' || !/^application\/(.+\+)?json\b/i.test(req.headers['content-type'] ?? '')) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `Request body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON.');
  }
}

/** The query text of a POST body or a GET's parameters, when it is a string. */
function queryOf(body: unknown, search: string): string | undefined {
  const query = body && typeof body === 'object' && 'query' in body ? body.query : new URLSearchParams(search).get('query');
  return typeof query === 'string' ? query : undefined;
}

/** The APQ hash of a POST body's or a GET's extensions, when there is one. */
function persistedHashOf(body: unknown, search: string): string | undefined {
  let extensions: unknown = body && typeof body === 'object' && 'extensions' in body ? body.extensions : new URLSearchParams(search).get('extensions');
  try {
    if (typeof extensions === 'string') extensions = JSON.parse(extensions);
  } catch {
    return undefined; // Apollo answers malformed extensions itself
  }
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null)?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/** The operationName of a POST body or a GET's parameters, when it is a string. */
function operationNameOf(body: unknown, search: string): string | undefined {
  const name = body && typeof body === 'object' && 'operationName' in body ? body.operationName : new URLSearchParams(search).get('operationName');
  return typeof name === 'string' ? name : undefined;
}

/** The GraphQL over HTTP media type of a response. */
const GRAPHQL_RESPONSE = 'application/graphql-response+json; charset=utf-8';

function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json; charset=utf-8') {
  res.writeHead(status, { 'content-type': contentType });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, contentType: string, body: string) {
  res.writeHead(200, { 'content-type': contentType });
  res.end(body);
}
