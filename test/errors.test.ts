import { describe, expect, it } from 'vitest';

import { encodeCursor } from '../src/relay/connection.js';
import { toGlobalId } from '../src/relay/global-id.js';
import { useTestServer } from './support/fixture.js';

describe('bad input and faults', () => {
  const { database, server } = useTestServer({ events: 10 });

  async function expectBadInput(query: string, variables: Record<string, unknown>, message: RegExp) {
    const { data, errors } = await server.graphql(query, variables);
    expect(errors, JSON.stringify(variables)).toHaveLength(1);
    expect(errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(message);
    return data;
  }

  it('rejects malformed IDs and IDs of another type', async () => {
    const query = `query ($id: ID!) { event(id: $id) { id } }`;
    await expectBadInput(query, { id: 'not-an-id' }, /"not-an-id" is not a valid ID/);
    await expectBadInput(query, { id: Buffer.from('Event:abc').toString('base64url') }, /not a valid ID/);
    await expectBadInput(query, { id: Buffer.from('Event:99999999999').toString('base64url') }, /not a valid ID/);
    await expectBadInput(query, { id: toGlobalId('Venue', 1) }, /must be the ID of a Event, but .* is a Venue ID/);
    await expectBadInput(`query ($id: ID!) { node(id: $id) { id } }`, { id: '%%%' }, /not a valid ID/);
    await expectBadInput(
      `query ($f: EventFilter) { events(filter: $f) { edges { cursor } } }`,
      { f: { venueId: toGlobalId('Event', 1) } },
      /filter.venueId must be the ID of a Venue/,
    );
  });

  it('answers null for well-formed IDs that name nothing', async () => {
    const { data, errors } = await server.graphql(
      `query ($e: ID!, $v: ID!, $p: ID!, $n: ID!) { event(id: $e) { id } venue(id: $v) { id } performer(id: $p) { id } node(id: $n) { id } }`,
      { e: toGlobalId('Event', 999_999), v: toGlobalId('Venue', 999_999), p: toGlobalId('Performer', 999_999), n: toGlobalId('Section', 999_999) },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({ event: null, venue: null, performer: null, node: null });
  });

  it('caps page sizes with a message that says how to page', async () => {
    const query = `query ($first: Int) { events(first: $first) { edges { cursor } } }`;
    await expectBadInput(query, { first: 101 }, /first must be between 1 and 100, got 101/);
    await expectBadInput(query, { first: 0 }, /first must be between 1 and 100, got 0/);
    await expectBadInput(query, { first: -5 }, /between 1 and 100/);
    const data = await expectBadInput(`{ venue(id: "${toGlobalId('Venue', 1)}") { upcomingEvents(first: 1000) { edges { cursor } } } }`, {}, /first must be/);
    expect(data.venue).toBeNull();
  });

  it('rejects tampered cursors', async () => {
    const query = `query ($after: String) { events(after: $after) { edges { cursor } } }`;
    await expectBadInput(query, { after: 'garbage' }, /after: "garbage" is not a cursor from this connection/);
    await expectBadInput(query, { after: encodeCursor(['yesterday', 1]) }, /not a cursor/);
    await expectBadInput(query, { after: encodeCursor([1, 'x']) }, /not a cursor/);
    await expectBadInput(query, { after: encodeCursor(['1', 1]) }, /not a cursor/);
  });

  it('rejects invalid dates and empty date ranges', async () => {
    const query = `query ($f: EventFilter) { events(filter: $f) { edges { cursor } } }`;
    await expectBadInput(
      query,
      { f: { startsAfter: '2030-02-01T00:00:00Z', startsBefore: '2030-01-01T00:00:00Z' } },
      /startsAfter must be earlier than filter.startsBefore/,
    );
    await expectBadInput(query, { f: { startsAfter: 'next tuesday' } }, /DateTime must be an ISO-8601 string/);
    await expectBadInput(query, { f: { startsAfter: '2030-13-45T00:00:00Z' } }, /DateTime must be an ISO-8601 string/);
    const { errors } = await server.graphql(`{ events(filter: { startsAfter: "soon" }) { edges { cursor } } }`);
    expect(errors![0]!.message).toMatch(/DateTime must be an ISO-8601 string/);
  });

  it('refuses requests that are not JSON, with a clear status', async () => {
    const notJson = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({
      errors: [{ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST', requestId: expect.any(String) } }],
    });
    const huge = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ' '.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
  });

  it('masks internal errors and logs them', async () => {
    await database.sql`ALTER TABLE performers RENAME TO performers_gone`;
    try {
      const { data, errors } = await server.graphql(`{ performer(id: "${toGlobalId('Performer', 1)}") { name } }`);
      expect(data).toEqual({ performer: null });
      expect(errors).toEqual([
        {
          message: 'Internal server error',
          locations: [{ line: 1, column: 3 }],
          path: ['performer'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) },
        },
      ]);
      const logged = server.logs.find((line) => line.msg === 'internal error in a GraphQL request');
      expect(JSON.stringify(logged)).toMatch(/performers/);
    } finally {
      await database.sql`ALTER TABLE performers_gone RENAME TO performers`;
    }
  });
});
