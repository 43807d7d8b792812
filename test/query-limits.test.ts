/**
 * The front door's limits on what one operation may ask for, over HTTP and
 * WebSocket alike: its cost with its variables (nested lists multiply), its
 * aliases, directives, tokens and size. A refused operation runs nothing.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { Lexer, parse, Source, TokenKind } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadConfig } from '../src/config.js';
import { loadTypeDefs } from '../src/graphql-schema.js';
import { createQueryCost, QUERY_TOO_COSTLY } from '../src/limits/query-cost.js';
import { MAX_DOCUMENT_BYTES, MAX_QUERY_ALIASES, MAX_QUERY_DIRECTIVES, MAX_QUERY_TOKENS } from '../src/validation.js';
import { useTestServer } from './support/fixture.js';
import { openSocket, type TestSocket } from './support/ws.js';

/**
 * The probe of issue 14: three nested lists of `$n` (events, each one's
 * venue's upcoming events, each one's tickets), as deep as the depth limit
 * lets it go.
 */
const PROBE = `query ($n: Int) {
  events(first: $n) { edges { node { id title venue { name upcomingEvents(first: $n) { edges { node { id title tickets(first: $n) { edges { cursor } } } } } } } } }
}`;
/** Its cost: 1 + n events, each 1 + its venue (1 + upcomingEvents (1 + n events, each 1 + tickets (1 + n tickets))). */
const probeCost = (n: number) => 1 + n * (1 + (1 + (1 + n * (1 + (1 + n * 1)))));
/** The limit the server under test runs with: the probe with n = 4 is exactly at it. */
const MAX_COST = probeCost(4);

/** The lexical tokens of a document, as the parser's limit counts them. */
function tokens(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

describe('query limits', () => {
  const { server } = useTestServer({ events: 20, env: { MAX_QUERY_COST: String(MAX_COST) } });
  let socket: TestSocket;

  beforeAll(() => {
    socket = openSocket(server.url);
  });
  afterAll(async () => {
    await socket?.client.dispose();
  });

  it('prices an operation with its variables, lists by first, nested lists multiplied', () => {
    const schema = makeExecutableSchema({ typeDefs: loadTypeDefs() });
    const { costOf } = createQueryCost(schema, loadConfig({}).maxQueryCost);
    const cost = (query: string, variables: Record<string, unknown> = {}) => costOf(parse(query), undefined, variables);
    expect(cost(PROBE, { n: 4 })).toBe(probeCost(4));
    // The probe as it was sent: a million tickets.
    expect(cost(PROBE, { n: 100 })).toBe(probeCost(100));
    // One parsed document (as Apollo keeps it) with other variables is priced anew, with the same ones alike.
    const probe = parse(PROBE);
    expect([4, 5, 4].map((n) => costOf(probe, undefined, { n }))).toEqual([probeCost(4), probeCost(5), probeCost(4)]);
    expect(probeCost(100)).toBeGreaterThan(100 * loadConfig({}).maxQueryCost);
    // Without first, the field's default page: events 20, tickets 50. A list without first: its usual largest size (performers 5).
    expect(cost('{ events { edges { node { id tickets { edges { node { id } } } } } } }')).toBe(1 + 20 * (1 + (1 + 50 * 1)));
    expect(cost('{ events(first: 2) { edges { node { performers { name } } } } }')).toBe(1 + 2 * (1 + 5 * 1));
    // pageInfo comes with the page; scalars with their object; introspection is free.
    expect(cost('{ events(first: 10) { edges { node { id title } } pageInfo { hasNextPage endCursor } } }')).toBe(1 + 10 * 1);
    expect(cost('{ __schema { types { name fields { name type { name ofType { name } } } } } }')).toBe(0);
    // Fragments spread within fragments, 10 times over at each of 4 levels: 10,000 titles, past what is priced at all.
    const levels = [1, 2, 3, 4].map((level) => `fragment F${level} on Event { ${Array.from({ length: 10 }, () => `...F${level - 1}`).join(' ')} }`);
    expect(cost(`{ events(first: 1) { edges { node { ...F4 } } } } fragment F0 on Event { title } ${levels.join(' ')}`)).toBe(Infinity);
    // Fragments count where they are spread.
    expect(cost('query ($n: Int) { events(first: $n) { ...page } } fragment page on EventConnection { edges { node { venue { name } } } }', { n: 7 })).toBe(
      1 + 7 * 2,
    );
  });

  it('refuses the nested-lists probe for its cost before running anything, over HTTP and WebSocket, and runs one at the limit', async () => {
    server.statements.length = 0;
    const refused = await server.graphql(PROBE, { n: 5 });
    expect(refused.status).toBe(400);
    expect(refused.data).toBeUndefined();
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0]!.extensions).toEqual({ code: QUERY_TOO_COSTLY, cost: probeCost(5), maxCost: MAX_COST, requestId: expect.any(String) });
    expect(refused.errors![0]!.message).toContain(`costs ${probeCost(5)}, over the limit of ${MAX_COST}`);
    expect(server.statements).toEqual([]); // nothing ran

    const overSocket = await socket.execute(PROBE, { n: 5 });
    expect(overSocket.errors?.map((error) => error.extensions)).toEqual([
      { code: QUERY_TOO_COSTLY, cost: probeCost(5), maxCost: MAX_COST, requestId: expect.any(String) },
    ]);
    expect(server.statements).toEqual([]);

    // The same document with a smaller variable is priced anew, at the limit: it runs.
    const atLimit = await server.graphql(PROBE, { n: 4 });
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data.events.edges).toHaveLength(4);
    expect((await socket.execute(PROBE, { n: 4 })).errors).toBeUndefined();
    // A literal first is priced as a variable is.
    const literal = await server.graphql(PROBE.replace('query ($n: Int)', 'query').replaceAll('$n', '5'));
    expect(literal.errors?.map((error) => error.extensions?.code)).toEqual([QUERY_TOO_COSTLY]);
  });

  it('refuses a subscription over WebSocket for its cost, as a query', async () => {
    const copies = Math.ceil(MAX_COST / 200) + 1; // each `changes` list is priced at 100 changes of 1 + price
    const subscription = `subscription ($eventId: ID!) { seatMapChanged(eventId: $eventId) { ${Array.from({ length: copies }, (_, i) => `c${i}: changes { price { amount } }`).join(' ')} } }`;
    const refused = await socket.execute(subscription, { eventId: 'RXZlbnQ6MQ' });
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual([QUERY_TOO_COSTLY]);
  });

  it(`refuses more than ${MAX_QUERY_ALIASES} aliases, over HTTP and WebSocket`, async () => {
    const aliased = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    server.statements.length = 0;
    const refused = await server.graphql(aliased(100));
    expect(refused.status).toBe(400);
    expect(refused.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['GRAPHQL_VALIDATION_FAILED', `Aliases limit of ${MAX_QUERY_ALIASES} exceeded, found 100.`],
    ]);
    expect((await socket.execute(aliased(100))).errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(server.statements).toEqual([]);
    const allowed = await server.graphql(aliased(MAX_QUERY_ALIASES));
    expect(allowed.errors).toBeUndefined();
    expect(Object.keys(allowed.data)).toHaveLength(MAX_QUERY_ALIASES);
  });

  it(`refuses more than ${MAX_QUERY_DIRECTIVES} directives, over HTTP and WebSocket`, async () => {
    const directed = (count: number) =>
      `{ events(first: 1) { edges { node { id ${Array.from({ length: count }, () => 'title @include(if: true)').join(' ')} } } } }`;
    const refused = await server.graphql(directed(MAX_QUERY_DIRECTIVES + 1));
    expect(refused.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['GRAPHQL_VALIDATION_FAILED', `Directives limit of ${MAX_QUERY_DIRECTIVES} exceeded, found ${MAX_QUERY_DIRECTIVES + 1}.`],
    ]);
    expect((await socket.execute(directed(MAX_QUERY_DIRECTIVES + 1))).errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect((await server.graphql(directed(MAX_QUERY_DIRECTIVES))).errors).toBeUndefined();
  });

  it('refuses the 140,000-field document by its size, before parsing it, with 413', async () => {
    const huge = `{ events(first: 1) { edges { node { ${'title '.repeat(140_000)}} } } }`;
    expect(huge.length).toBeGreaterThan(800_000); // still under the 1 MiB body limit: the document limit refuses it
    const started = performance.now();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: huge }),
    });
    const elapsed = performance.now() - started;
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors.map((error) => error.extensions)).toEqual([{ code: 'DOCUMENT_TOO_LARGE', maxBytes: MAX_DOCUMENT_BYTES, requestId: expect.any(String) }]);
    expect(body.errors[0]!.message).toContain(`The document is ${Buffer.byteLength(huge)} bytes`);
    console.log(`140,000-field document refused in ${elapsed.toFixed(1)} ms`); // about 10 ms, mostly sending the megabyte

    // Over WebSocket a message that large never gets in (64 KiB at most); one over the document size is refused as over HTTP.
    const overSize = `{ events(first: 1) { edges { node { ${'title '.repeat(MAX_DOCUMENT_BYTES / 6 + 10)}} } } }`;
    expect((await socket.execute(overSize)).errors?.map((error) => error.extensions?.code)).toEqual(['DOCUMENT_TOO_LARGE']);
    expect((await server.graphql(overSize)).status).toBe(413);
  });

  it(`stops parsing a document at ${MAX_QUERY_TOKENS} tokens, over HTTP and WebSocket`, async () => {
    const manyTokens = `{ ${'__typename '.repeat(MAX_QUERY_TOKENS)}}`; // under the size limit, over the token limit
    expect(Buffer.byteLength(manyTokens)).toBeLessThan(MAX_DOCUMENT_BYTES);
    const refused = await server.graphql(manyTokens);
    expect(refused.status).toBe(400);
    expect(refused.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['GRAPHQL_PARSE_FAILED', `Syntax Error: Document contains more that ${MAX_QUERY_TOKENS} tokens. Parsing aborted.`],
    ]);
    expect((await socket.execute(manyTokens)).errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
    // At the limit, a document parses (a long list argument: tokens that cost validation little); it is then
    // refused for its list of 975 statuses, longer than any list may be (src/limits/input.ts), not for its tokens.
    const statuses = (count: number) => `{ events(first: 1, filter: { status: [${'ON_SALE '.repeat(count)}] }) { edges { node { id } } } }`;
    const atLimit = statuses(MAX_QUERY_TOKENS - tokens(statuses(0)));
    expect(tokens(atLimit)).toBe(MAX_QUERY_TOKENS);
    expect((await server.graphql(atLimit)).errors?.map((error) => error.extensions)).toEqual([
      { code: 'BAD_USER_INPUT', argument: 'filter.status', requestId: expect.any(String) },
    ]);
    expect((await server.graphql(statuses(MAX_QUERY_TOKENS - tokens(statuses(0)) + 1))).errors?.map((error) => error.extensions?.code)).toEqual([
      'GRAPHQL_PARSE_FAILED',
    ]);
  });
});
