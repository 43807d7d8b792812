/**
 * Cache headers: public reads by anonymous GET are `public, max-age` from the schema's @cacheControl
 * hints, with Vary, an ETag and 304; anything with a token, any POST, and anything a viewer's identity
 * changes is `private, no-store`. And a real Apollo Client with its persisted-queries link, as a
 * partner would use it, gets the cacheable GET by hash.
 */
import { createHash } from 'node:crypto';

import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { beforeAll, describe, expect, it } from 'vitest';

import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from './support/booking.js';
import { useTestServer } from './support/fixture.js';

const NOT_STORED = 'private, no-store';

describe('cache headers', () => {
  const { server, database } = useTestServer({ events: 2 });
  let organizer: Buyer;
  let event: OnSaleEvent;
  let draft: OnSaleEvent;

  beforeAll(async () => {
    [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    event = await createOnSaleEvent(database.sql, organizer.userId, { rows: 1, seatsPerRow: 4 });
    draft = await createOnSaleEvent(database.sql, organizer.userId, { rows: 1, seatsPerRow: 4, status: 'DRAFT' });
  });

  const get = (query: string, variables: object = {}, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`, {
      headers: { 'apollo-require-preflight': 'true', ...headers },
    });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('makes public reads by anonymous GET public, for as long as their hints say, varying on accept and authorization', async () => {
    const cases: [string, object, string][] = [
      ['{ events(first: 2) { edges { node { title venue { name } performers { name } } } } }', {}, 'max-age=30, public'],
      ['query ($id: ID!) { event(id: $id) { title sections { price { amount } } } }', { id: event.id }, 'max-age=30, public'],
      ['{ searchEvents(query: "test") { totalCount } suggestEvents(prefix: "te") { text } }', {}, 'max-age=30, public'],
      // The live parts bring the age down: availability moves with every sale, the seat map with every hold.
      ['query ($id: ID!) { event(id: $id) { title availability { available } } }', { id: event.id }, 'max-age=5, public'],
      ['query ($id: ID!) { seatMap(eventId: $id) { version sections { availability } } }', { id: event.id }, 'max-age=1, public'],
    ];
    for (const [query, variables, expected] of cases) {
      const response = await get(query, variables);
      const body = (await response.json()) as { errors?: unknown };
      expect(body.errors, query).toBeUndefined();
      expect(response.headers.get('cache-control'), query).toBe(expected);
      expect(response.headers.get('vary')).toBe('accept, authorization, x-api-key');
    }
  });

  it('makes a request with a token, a POST, a viewer’s own data and an error private, no-store', async () => {
    const events = '{ events(first: 1) { edges { node { title } } } }';
    expect((await get(events, {}, bearer(organizer.token))).headers.get('cache-control')).toBe(NOT_STORED);
    const posted = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: events }),
    });
    expect(posted.headers.get('cache-control')).toBe(NOT_STORED);
    expect((await get('{ me { id } }')).headers.get('cache-control')).toBe(NOT_STORED);
    // A field with no hint (an organizer's figures) makes the whole answer uncacheable, even anonymous.
    expect((await get('query ($id: ID!) { event(id: $id) { title sales { ticketsSold } } }', { id: event.id })).headers.get('cache-control')).toBe(NOT_STORED);
    expect((await get('query ($id: ID!) { event(id: $id) { title } }', { id: 'not an id' })).headers.get('cache-control')).toBe(NOT_STORED);
    // The control: the same anonymous GET is public.
    expect((await get(events)).headers.get('cache-control')).toBe('max-age=30, public');
  });

  it('never lets a cache keep the draft an organizer’s token reveals', async () => {
    const query = 'query ($id: ID!) { event(id: $id) { title status } }';
    const asOrganizer = await get(query, { id: draft.id }, bearer(organizer.token));
    expect(((await asOrganizer.json()) as any).data.event).toEqual({ title: 'Test Concert', status: 'DRAFT' });
    expect(asOrganizer.headers.get('cache-control')).toBe(NOT_STORED);
    expect(asOrganizer.headers.get('etag')).toBeNull();
    // Anonymous callers all see the same null; that answer may be shared, and Vary keeps it from the organizer's request.
    const anonymous = await get(query, { id: draft.id });
    expect(((await anonymous.json()) as any).data.event).toBeNull();
    expect(anonymous.headers.get('vary')).toBe('accept, authorization, x-api-key');
  });

  it('gives public answers an ETag and answers a matching If-None-Match 304 without a body', async () => {
    const query = '{ events(first: 2) { edges { node { title } } } }';
    const first = await get(query);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const body = await first.text();
    const again = await get(query, {}, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get(query, {}, { 'if-none-match': `W/${etag}, "other"` })).status).toBe(304);
    // The controls: another tag gets the body, and a private answer never gets a tag nor a 304.
    const changed = await get(query, {}, { 'if-none-match': '"stale"' });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toBe(body);
    const withToken = await get(query, {}, { 'if-none-match': etag!, ...bearer(organizer.token) });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get('etag')).toBeNull();
  });

  it('serves a real Apollo Client with the persisted-queries link a cacheable GET by hash', async () => {
    const requests: { method: string; url: string; status: number; cacheControl: string | null }[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      requests.push({ method: init?.method ?? 'GET', url: String(input), status: response.status, cacheControl: response.headers.get('cache-control') });
      return response;
    };
    const client = () =>
      new ApolloClient({
        cache: new InMemoryCache(),
        link: new PersistedQueryLink({ sha256: (text) => createHash('sha256').update(text).digest('hex'), useGETForHashedQueries: true }).concat(
          new HttpLink({ uri: `${server.url}/graphql`, fetch: recordingFetch }),
        ),
      });
    const PartnerEvent = gql`
      query PartnerEvent($id: ID!) {
        event(id: $id) {
          id
          title
        }
      }
    `;
    const first = await client().query({ query: PartnerEvent, variables: { id: event.id } });
    expect(first.data).toEqual({ event: { __typename: 'Event', id: event.id, title: 'Test Concert' } });
    // Not found by hash, then registered with the document.
    expect(requests.map(({ method }) => method)).toEqual(['GET', 'POST']);
    requests.length = 0;
    const second = await client().query({ query: PartnerEvent, variables: { id: event.id } });
    expect(second.data).toEqual(first.data);
    expect(requests).toEqual([{ method: 'GET', url: expect.not.stringContaining('query='), status: 200, cacheControl: 'max-age=30, public' }]);
  });
});
