/**
 * What clients see of failures, without a database: the formatter, a failing
 * context function over HTTP (Apollo formats that error itself, as "Context
 * creation failed: <message>"), and WebSocket connections whose token check or
 * context fails. An error of the database connection is SERVICE_UNAVAILABLE
 * (HTTP 503), any other fault INTERNAL_SERVER_ERROR; neither shows SQL,
 * parameters, connection settings or a stack, and both are logged in full.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApolloServer, HeaderMap } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { GraphQLError, locatedError } from 'graphql';
import { createClient } from 'graphql-ws';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';

import type { Viewer } from '../src/accounts/policy.js';
import { isDatabaseUnavailable } from '../src/db/availability.js';
import { badUserInput, invalidToken } from '../src/errors.js';
import { guardContext, maskInternalErrors } from '../src/format-error.js';
import { createQueryCost } from '../src/limits/query-cost.js';
import { attachGraphQLWebSocket } from '../src/ws/endpoint.js';

/** What postgres.js rejects a statement with when its connection closed: the code, and the server's address. */
const connectionClosed = () => Object.assign(new Error('write CONNECTION_CLOSED db.internal:5432'), { code: 'CONNECTION_CLOSED' });
const refused = () => Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED', address: '10.0.0.7', port: 5432 });
/** A PostgresError as postgres.js makes them: message, SQLSTATE, severity. */
const postgresError = (code: string, message: string) => Object.assign(new Error(message), { name: 'PostgresError', code, severity: 'FATAL' });
/** What drizzle throws: the SQL and its parameters in the message, the driver's error as the cause. */
const failedQuery = (cause: unknown) =>
  new DrizzleQueryError(
    'select "sessions"."id" from "sessions" where "sessions"."id" = $1',
    ['6d3206ea-722c-4333-9103-47d0bb267a12', 'postgres://app:hunter2@db.internal:5432/ticketing'],
    cause as Error,
  );
/** Text no client may see. */
const LEAKS = /select|sessions|\$1|6d3206ea|postgres:\/\/|hunter2|db\.internal|10\.0\.0\.7|5432|Context creation failed|\bat .+:\d+:\d+|stacktrace/i;

function capturingLogger() {
  const lines: Record<string, any>[] = [];
  return { lines, logger: pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) }) };
}

describe('isDatabaseUnavailable', () => {
  it('knows errors of the connection from errors of a statement', () => {
    for (const error of [
      connectionClosed(),
      refused(),
      Object.assign(new Error('write CONNECTION_ENDED'), { code: 'CONNECTION_ENDED' }),
      Object.assign(new Error('write CONNECTION_DESTROYED'), { code: 'CONNECTION_DESTROYED' }),
      Object.assign(new Error('write CONNECT_TIMEOUT'), { code: 'CONNECT_TIMEOUT' }),
      postgresError('57P01', 'terminating connection due to administrator command'),
      postgresError('57P03', 'the database system is starting up'),
      postgresError('08006', 'connection failure'),
      failedQuery(refused()),
      locatedError(failedQuery(connectionClosed()), undefined, ['event']),
      Object.assign(new AggregateError([refused(), refused()]), { code: undefined }),
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    }
    for (const error of [
      postgresError('42P01', 'relation "sessions" does not exist'),
      postgresError('57014', 'canceling statement due to statement timeout'),
      failedQuery(postgresError('23505', 'duplicate key')),
      new Error('connect ECONNREFUSED 127.0.0.1:8108'),
      new TypeError('fetch failed', { cause: refused() }), // the search backend, not the database
      badUserInput('no'),
      undefined,
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(false);
    }
  });
});

describe('maskInternalErrors', () => {
  const format = (error: unknown, health = { report: vi.fn() }) => {
    const { lines, logger } = capturingLogger();
    const located = locatedError(error, undefined, ['performer']);
    return { shown: maskInternalErrors(logger, health)(located.toJSON(), located), lines, health };
  };

  it('shows an error of the database connection as SERVICE_UNAVAILABLE, and has the database checked', () => {
    for (const error of [failedQuery(connectionClosed()), postgresError('57P01', 'terminating connection due to administrator command'), refused()]) {
      const { shown, lines, health } = format(error);
      expect(shown).toEqual({ message: expect.any(String), path: ['performer'], extensions: { code: 'SERVICE_UNAVAILABLE' } });
      expect(JSON.stringify(shown)).not.toMatch(LEAKS);
      expect(health.report).toHaveBeenCalledWith(error);
      // In full, at debug level: the outage itself is logged once, where the database is watched.
      expect(lines).toMatchObject([{ level: 20, err: { message: expect.stringContaining(error.message) } }]);
    }
  });

  it('shows any other fault as INTERNAL_SERVER_ERROR and logs it in full', () => {
    const error = failedQuery(postgresError('42P01', 'relation "sessions" does not exist'));
    const { shown, lines, health } = format(error);
    expect(shown).toEqual({ message: 'Internal server error', path: ['performer'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(health.report).not.toHaveBeenCalled();
    expect(lines).toMatchObject([{ level: 50, msg: 'internal error in a GraphQL request', err: { message: expect.stringContaining('select "sessions"') } }]);
  });

  it('passes errors raised on purpose as they are', () => {
    const { shown } = format(badUserInput('first must be between 1 and 100, got 0.', 'first'));
    expect(shown).toMatchObject({ message: 'first must be between 1 and 100, got 0.', extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
  });

  it('masks what a context function threw, even wrapped by Apollo without a path', () => {
    const { lines, logger } = capturingLogger();
    const wrapped = new GraphQLError('Context creation failed: ' + failedQuery(connectionClosed()).message, { originalError: failedQuery(connectionClosed()) });
    const shown = maskInternalErrors(logger)({ message: wrapped.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped);
    expect(shown.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(shown)).not.toMatch(LEAKS);
    expect(lines).toHaveLength(1);
  });
});

describe('a context function that fails, over HTTP', () => {
  const schema = makeExecutableSchema({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'hi' } } });
  const { lines, logger } = capturingLogger();
  let apollo: ApolloServer<object>;
  const health = { available: vi.fn(() => true), report: vi.fn() };
  beforeAll(async () => {
    apollo = new ApolloServer<object>({ schema, includeStacktraceInErrorResponses: false, formatError: maskInternalErrors(logger, health) });
    await apollo.start();
  });
  afterAll(() => apollo?.stop());
  afterEach(() => {
    lines.length = 0;
    health.available.mockReturnValue(true);
    health.report.mockClear();
  });

  /** POSTs `{ hello }` through Apollo with `context` as the request's context function. */
  async function request(context: () => Promise<object>) {
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: { query: '{ hello }' } },
      context,
    });
    const body = response.body.kind === 'complete' ? response.body.string : '';
    return {
      status: response.status ?? 200,
      headers: response.headers,
      body,
      errors: JSON.parse(body).errors as { message: string; extensions: { code: string } }[],
    };
  }

  it('answers 503 SERVICE_UNAVAILABLE when reading the session met the database down, showing none of it', async () => {
    const answer = await request(guardContext(logger, health, async () => Promise.reject(failedQuery(connectionClosed()))));
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.errors).toEqual([{ message: expect.any(String), extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
    expect(answer.body).not.toMatch(LEAKS);
    expect(health.report).toHaveBeenCalled();
    expect(lines).toMatchObject([{ level: 20, err: { message: expect.stringContaining('select "sessions"') } }]); // in full, on the server only
  });

  it('answers 500 INTERNAL_SERVER_ERROR for any other fault, logged in full', async () => {
    const answer = await request(
      guardContext(logger, health, async () => Promise.reject(failedQuery(postgresError('42P01', 'relation "sessions" does not exist')))),
    );
    expect(answer.status).toBe(500);
    expect(answer.errors).toEqual([{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(answer.body).not.toMatch(LEAKS);
    expect(lines).toMatchObject([{ level: 50, msg: 'internal error building a request context', err: { message: expect.stringContaining('sessions') } }]);
  });

  it('answers a bad token as it was raised (401 UNAUTHENTICATED)', async () => {
    const answer = await request(guardContext(logger, health, async () => Promise.reject(invalidToken('This session has ended; log in again.'))));
    expect(answer.status).toBe(401);
    expect(answer.errors).toEqual([{ message: 'This session has ended; log in again.', extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  it('refuses at once while the database is known to be down, without building a context', async () => {
    health.available.mockReturnValue(false);
    const context = vi.fn(async () => ({}));
    const answer = await request(guardContext(logger, health, context));
    expect(answer.status).toBe(503);
    expect(answer.errors.map((e) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(context).not.toHaveBeenCalled();
  });

  it('leaks nothing even from a context function that is not guarded', async () => {
    const answer = await request(async () => Promise.reject(failedQuery(connectionClosed())));
    expect(answer.errors.map((e) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(answer.body).not.toMatch(LEAKS);
  });
});

describe('a WebSocket whose token check or context fails', () => {
  const schema = makeExecutableSchema({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'hi' } } });
  const { lines, logger } = capturingLogger();
  const viewer = { userId: 1, sessionId: 'session', role: 'FAN' } as unknown as Viewer;
  let authenticate: (authorization: string | undefined) => Promise<Viewer | null>;
  let context: () => object;
  let available = true;
  let httpServer: Server;
  let url: string;
  let closeEndpoint: () => Promise<void>;
  beforeAll(async () => {
    httpServer = createServer();
    const endpoint = attachGraphQLWebSocket({
      httpServer,
      schema,
      authenticate: (authorization) => authenticate(authorization),
      clientAddress: () => '127.0.0.1',
      context: () => context(),
      queryCost: createQueryCost(schema, 1_000),
      formatError: maskInternalErrors(logger),
      available: () => available,
      logger,
    });
    closeEndpoint = () => endpoint.close();
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await closeEndpoint?.();
    await new Promise((resolve) => httpServer?.close(resolve));
  });
  afterEach(() => {
    lines.length = 0;
    available = true;
    authenticate = async (authorization) => (authorization ? viewer : null);
    context = () => ({});
  });

  /** Connects (with a token) and runs `{ hello }`; resolves with its result, or with how the socket closed. */
  function run(token?: string): Promise<{ result?: unknown; closed?: { code: number; reason: string } }> {
    return new Promise((resolve) => {
      const client = createClient({
        url,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        on: { closed: (event) => resolve({ closed: { code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) } }) },
      });
      let result: unknown;
      client.subscribe(
        { query: '{ hello }' },
        {
          next: (value) => (result = value),
          error: (error) => (Array.isArray(error) ? resolve({ result: { errors: error } }) : undefined),
          complete: () => {
            resolve({ result });
            void client.dispose();
          },
        },
      );
    });
  }

  it('closes with 1013 (come back later) when the token cannot be checked for the database, and says no more', async () => {
    authenticate = async () => Promise.reject(failedQuery(connectionClosed()));
    const { closed } = await run('token');
    expect(closed).toEqual({ code: 1013, reason: 'Try again later' });
    expect(lines).toMatchObject([{ level: 20, err: { message: expect.stringContaining('select "sessions"') } }]);
  });

  it('closes with 4500 "Internal server error" for a fault in the token check, logged in full', async () => {
    authenticate = async () => Promise.reject(new Error('relation "sessions" does not exist at db.internal:5432'));
    const { closed } = await run('token');
    expect(closed).toEqual({ code: 4500, reason: 'Internal server error' });
    expect(lines).toMatchObject([{ level: 50, err: { message: expect.stringContaining('sessions') } }]);
  });

  it('closes with 4403 for a bad token, as before', async () => {
    authenticate = async () => Promise.reject(invalidToken('This session has ended; log in again.'));
    expect((await run('token')).closed?.code).toBe(4403);
  });

  it('fails an operation whose new token check meets the database down, and keeps the socket', async () => {
    let checks = 0;
    authenticate = async () => (checks++ === 0 ? viewer : Promise.reject(failedQuery(refused())));
    const { result } = await run('token');
    expect(result).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) } }] });
    expect(JSON.stringify(result)).not.toMatch(LEAKS);
  });

  it('refuses operations at once while the database is known to be down, and tells sockets with a token to come back', async () => {
    available = false;
    const anonymous = await run();
    expect(anonymous.result).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) } }] });
    expect((await run('token')).closed?.code).toBe(1013);
  });

  it('closes a socket whose context fails with 4500 and no detail', async () => {
    context = () => {
      throw failedQuery(postgresError('42P01', 'relation "sessions" does not exist'));
    };
    const { closed } = await run();
    expect(closed).toEqual({ code: 4500, reason: 'Internal server error' });
    expect(lines).toMatchObject([{ level: 50, err: { message: expect.stringContaining('select "sessions"') } }]);
  });
});
