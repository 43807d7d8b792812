/** Request ids: echoed or made per HTTP request and per WebSocket operation, in its log lines and its errors. */
import { describe, expect, it } from 'vitest';

import { requestIdOf } from '../src/request-id.js';
import { useTestServer } from './support/fixture.js';
import { openSocket } from './support/ws.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const EVENTS = '{ events(first: 1) { edges { node { id } } } }';

describe('request ids', () => {
  const { database, server } = useTestServer({ events: 1 });

  const post = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

  /** Runs `work` while the events table is away, so that reading it is an internal error (logged in full, masked for the client). */
  const withEventsGone = async <T>(work: () => Promise<T>): Promise<T> => {
    await database.sql`ALTER TABLE events RENAME TO events_gone`;
    try {
      return await work();
    } finally {
      await database.sql`ALTER TABLE events_gone RENAME TO events`;
    }
  };

  it('echoes a sane x-request-id and makes one when there is none', async () => {
    const given = await post('{ __typename }', { 'x-request-id': 'lb-7f3a.42:trace/1' });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a.42:trace/1');
    const made = await post('{ __typename }');
    expect(made.headers.get('x-request-id')).toMatch(UUID);
    expect((await fetch(`${server.url}/healthz`)).headers.get('x-request-id')).toMatch(UUID);
  });

  it('replaces a hostile one: too long, with spaces or quotes, repeated, or with a newline', async () => {
    for (const hostile of ['a'.repeat(129), 'id with spaces', 'id"quoted"', 'a, b']) {
      const response = await post('{ __typename }', { 'x-request-id': hostile });
      expect(response.headers.get('x-request-id')).toMatch(UUID);
    }
    expect((await post('{ __typename }', { 'x-request-id': 'a'.repeat(128) })).headers.get('x-request-id')).toBe('a'.repeat(128)); // the control
    // fetch and Node's HTTP parser refuse a newline in a header before it reaches the server; the rule itself refuses it too.
    expect(requestIdOf('ok\ninjected')).toMatch(UUID);
  });

  it("puts the id in an HTTP error's extensions and in the log lines of its request", async () => {
    const refused = await post('{ nope }', { 'x-request-id': 'refused-1' });
    expect(((await refused.json()) as any).errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', requestId: 'refused-1' });

    const response = await withEventsGone(() => post(EVENTS, { 'x-request-id': 'fault-1' }));
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'fault-1' });
    const logged = server.logs.filter((line) => line.msg === 'internal error in a GraphQL request');
    expect(logged.at(-1)).toMatchObject({ requestId: 'fault-1' });
    // A line logged outside any request carries none.
    const inRequests = new Set(['internal error in a GraphQL request', 'request']);
    expect(server.logs.filter((line) => !inRequests.has(line.msg as string)).every((line) => line.requestId === undefined)).toBe(true);
  });

  it('logs a line per request once answered (the access log), with its id, status, time and operation, never its query string', async () => {
    const named = await fetch(`${server.url}/graphql?secret=nothing-to-log`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'access-1' },
      body: JSON.stringify({ query: 'query Greeting { __typename }', operationName: 'Greeting' }),
    });
    expect(named.status).toBe(200);
    await post('{ nope }', { 'x-request-id': 'access-2' });
    await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'probe-1' } });
    const lines = server.logs.filter((line) => line.msg === 'request');
    expect(lines.find((line) => line.requestId === 'access-1')).toMatchObject({
      level: 30,
      method: 'POST',
      path: '/graphql',
      status: 200,
      operation: 'Greeting',
      ms: expect.any(Number),
    });
    expect(lines.find((line) => line.requestId === 'access-2')).toMatchObject({ status: 400, path: '/graphql' });
    expect(lines.some((line) => line.requestId === 'probe-1')).toBe(false); // probes are logged at debug only
    expect(JSON.stringify(lines)).not.toContain('nothing-to-log');
  });

  it('gives each WebSocket operation an id of its own, in its errors and its log lines', async () => {
    const socket = openSocket(server.url);
    try {
      const first = await socket.execute('{ nope }');
      const second = await socket.execute('{ nope }');
      const ids = [first, second].map((result) => (result.errors?.[0]?.extensions as { requestId?: string } | undefined)?.requestId);
      expect(ids[0]).toMatch(UUID);
      expect(ids[1]).toMatch(UUID);
      expect(ids[0]).not.toBe(ids[1]);

      const fault = await withEventsGone(() => socket.execute(EVENTS));
      const requestId = (fault.errors?.[0]?.extensions as { requestId?: string } | undefined)?.requestId;
      expect(fault.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
      expect(requestId).toMatch(UUID);
      expect(server.logs.filter((line) => line.msg === 'internal error in a GraphQL request').at(-1)).toMatchObject({ requestId });
    } finally {
      await socket.client.dispose();
    }
  });
});
