/**
 * Partners as they would call the API: a real Apollo Client (@apollo/client 4, InMemoryCache,
 * HttpLink over fetch) with its persisted-queries link, watched on the wire by a recording fetch.
 *
 * - With its key, the client sends the published manifest's operations (the typed documents of
 *   clients/partner/generated/graphql.ts, hashed as the client preset tells Apollo users to: by
 *   their `__meta__.hash`) by hash alone, over POST or, with `useGETForHashedQueries`, GET; every
 *   answer is right, `private, no-store`, and carries `extensions.cost`. Its normalized cache gets
 *   every field of the manifest's fragments (see that test for why this needs `__typename`).
 * - It sends a document an admin registered for its partner (the text the link hashes: the document
 *   as Apollo prints it, with the `__typename`s its cache adds) by hash alone too.
 * - Without a key, Apollo's automatic persisted queries work as Apollo expects: the first hash is
 *   PERSISTED_QUERY_NOT_FOUND, the link sends the text once, and from then on hashes alone do, by a
 *   GET a CDN may keep (from any client, in any process sharing the store).
 * - With its key, an ad-hoc document the partner never registered gets no data: its hash is refused
 *   PERSISTED_QUERY_NOT_IN_LIST (400), which the link does not retry and the client surfaces; and a
 *   link told to retry anyway sends the full text, which is refused PERSISTED_QUERY_REQUIRED.
 */
import { createHash } from 'node:crypto';

import { ApolloClient, CombinedGraphQLErrors, type DocumentNode, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { print } from '@apollo/client/utilities';
import { beforeAll, describe, expect, it } from 'vitest';

import { PartnerEventDocument, PartnerEventsDocument } from '../../clients/partner/generated/graphql.js';
import manifest from '../../clients/partner/generated/persisted-documents.json' with { type: 'json' };
import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock } from '../support/server.js';
import { partnerWithKey as createPartnerWithKey } from './partners-support.js';

const REGISTER = `mutation ($input: RegisterPersistedDocumentsInput!) {
  registerPersistedDocuments(input: $input) { documentIds userErrors { code message field } }
}`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** The manifest's ID of one of its operations, without `sha256:`: what goes in `persistedQuery.sha256Hash`. */
const manifestHash = (operation: string) => {
  const id = Object.keys(manifest).find((key) => (manifest as Record<string, string>)[key]!.includes(`query ${operation}(`));
  if (!id) throw new Error(`${operation} is not in the manifest`);
  return id.slice('sha256:'.length);
};
/**
 * The client preset's way to send its documents by hash with Apollo's link: the hash codegen embedded
 * in each typed document (`sha256:<hex>`), as the bare hex APQ carries. A document without one is a
 * mistake here, not something to hash by its text.
 */
const embeddedHash = (document: DocumentNode) => {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash?.startsWith('sha256:')) throw new Error('not a typed document of the partner manifest');
  return hash.slice('sha256:'.length);
};

/** One request as the server got it, and its answer. */
interface Exchange {
  method: string;
  /** The document's text, when the request carried it (a POST body's or a GET's `query`). */
  query: string | undefined;
  /** `extensions.persistedQuery.sha256Hash`, when there was one. */
  hash: string | undefined;
  apiKey: string | null;
  status: number;
  cacheControl: string | null;
  body: any;
}

/** A fetch that records every exchange in `log`, passing each on unchanged. */
function recordingFetch(log: Exchange[]): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const sent = typeof init?.body === 'string' ? JSON.parse(init.body) : {};
    const extensions = sent.extensions ?? JSON.parse(url.searchParams.get('extensions') ?? '{}');
    const response = await fetch(input, init);
    log.push({
      method: init?.method ?? 'GET',
      query: sent.query ?? url.searchParams.get('query') ?? undefined,
      hash: extensions.persistedQuery?.sha256Hash,
      apiKey: new Headers(init?.headers).get('x-api-key'),
      status: response.status,
      cacheControl: response.headers.get('cache-control'),
      body: await response.clone().json(),
    });
    return response;
  };
}

describe('partners with Apollo Client and its persisted-queries link', () => {
  const clock = manualClock(ANCHOR);
  // With REDIS_URL, the APQ store every process shares is Redis; without, each process's LRU.
  const fixture = useTestServer({ clock, redisUrl: process.env.REDIS_URL });
  const { database, server } = fixture;
  let admin: Buyer;
  let concert: OnSaleEvent;
  let recital: OnSaleEvent;

  beforeAll(async () => {
    [admin] = (await createBuyers(database.sql, 1, 'ADMIN')) as [Buyer];
    const [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    concert = await createOnSaleEvent(database.sql, organizer.userId);
    recital = await createOnSaleEvent(database.sql, organizer.userId, { startsAt: new Date('2030-04-01T20:00:00Z') });
  });

  const partnerWithKey = (name: string) => createPartnerWithKey(server, admin.token, name);

  /** An Apollo Client as a partner site builds it: the persisted-queries link before the HTTP link, which sends the key (if any) with every request. */
  function apolloClient(
    log: Exchange[],
    { key, get = false, ...hashing }: { key?: string; get?: boolean; generateHash?: (document: DocumentNode) => string; retry?: () => boolean },
  ) {
    const persisted = new PersistedQueryLink({
      ...(hashing.generateHash ? { generateHash: hashing.generateHash } : { sha256 }),
      ...(hashing.retry ? { retry: hashing.retry } : {}),
      useGETForHashedQueries: get,
    });
    const http = new HttpLink({ uri: `${server.url}/graphql`, fetch: recordingFetch(log), headers: key ? { 'x-api-key': key } : {} });
    return new ApolloClient({ cache: new InMemoryCache(), link: persisted.concat(http) });
  }

  /** What a partner's answer says of the bucket: every answer to a key carries it. */
  const cost = { requested: expect.any(Number), actual: expect.any(Number), remaining: expect.any(Number), restoreRate: 1_000 };
  /** The manifest's PartnerEventFields of an event createOnSaleEvent made, as the wire carries them. */
  const eventFields = (event: OnSaleEvent, startsAt: string) => ({
    id: event.id,
    title: 'Test Concert',
    category: 'CONCERT',
    status: 'ON_SALE',
    startsAt,
    endsAt: expect.any(String),
    onSaleAt: '2029-12-01T10:00:00.000Z',
    venue: { id: expect.any(String), name: expect.stringMatching(/^Test Hall \d+$/), city: 'Testville', country: 'US' },
    performers: [],
    priceRange: { min: { amount: 5_000, currency: 'USD' }, max: { amount: 12_000, currency: 'USD' } },
  });

  it('sends the published operations by hash alone, with the key, over POST or GET as configured, and gets their answers', async () => {
    const { key } = await partnerWithKey('Hash Only Shop');
    for (const get of [false, true]) {
      const log: Exchange[] = [];
      const client = apolloClient(log, { key, get, generateHash: embeddedHash });
      await client.query({ query: PartnerEventDocument, variables: { id: concert.id } });
      await client.query({ query: PartnerEventsDocument, variables: { first: 5 } });

      expect(
        log.map(({ method, query, hash, apiKey, status }) => ({ method, query, hash, apiKey, status })),
        `GET: ${get}`,
      ).toEqual(
        [manifestHash('PartnerEvent'), manifestHash('PartnerEvents')].map((hash) => ({
          method: get ? 'GET' : 'POST',
          query: undefined, // never the text: the server knows it from the manifest
          hash,
          apiKey: key,
          status: 200,
        })),
      );
      const [one, page] = log as [Exchange, Exchange];
      expect(one.body.data.event).toMatchObject({ ...eventFields(concert, '2030-03-01T20:00:00.000Z'), description: expect.any(String) });
      expect(page.body.data.events.edges.map(({ node }: any) => node)).toMatchObject([
        eventFields(concert, '2030-03-01T20:00:00.000Z'),
        eventFields(recital, '2030-04-01T20:00:00.000Z'),
      ]);
      expect([one.body.extensions, page.body.extensions]).toEqual([{ cost }, { cost }]);
      // A key's answers are counted one by one: no cache in front may keep them, GETs included.
      expect(log.map(({ cacheControl }) => cacheControl)).toEqual(['private, no-store', 'private, no-store']);
    }
  });

  it('gives the client’s normalized cache every field of the manifest’s fragments', async () => {
    // Apollo Client adds `__typename` to every selection it sends, and its InMemoryCache needs it to
    // match a fragment (`...PartnerEventFields on Event`) when it writes an answer and reads it back.
    // Sent by hash, the server runs the manifest's text: if that text has no `__typename`, neither
    // has the answer, and the client silently drops every field the fragments select (no error, no
    // warning). The manifest is compiled for Apollo clients only if it selects `__typename` too.
    const { key } = await partnerWithKey('Cached Shop');
    const client = apolloClient([], { key, get: true, generateHash: embeddedHash });
    const { data: one } = await client.query({ query: PartnerEventDocument, variables: { id: concert.id } });
    expect(one?.event).toMatchObject({ ...eventFields(concert, '2030-03-01T20:00:00.000Z'), description: expect.any(String) });
    const { data: page } = await client.query({ query: PartnerEventsDocument, variables: { first: 5 } });
    expect(page?.events.edges.map(({ node }) => node)).toMatchObject([
      eventFields(concert, '2030-03-01T20:00:00.000Z'),
      eventFields(recital, '2030-04-01T20:00:00.000Z'),
    ]);
  });

  it('sends a document registered for its partner by hash alone', async () => {
    const { partnerId, key } = await partnerWithKey('Registered Shop');
    const EventSummary = gql`
      query EventSummary($id: ID!) {
        event(id: $id) {
          id
          title
          venue {
            name
          }
        }
      }
    `;
    // The link hashes the document as Apollo sends it, with the `__typename`s its cache adds: that is the text to register.
    const text = print(new InMemoryCache().transformDocument(EventSummary));
    expect(text).toContain('__typename');
    const registered = await server.graphql(REGISTER, { input: { partnerId, documents: [text] } }, admin.token);
    expect(registered.data.registerPersistedDocuments).toEqual({ documentIds: [`sha256:${sha256(text)}`], userErrors: [] });

    for (const get of [true, false]) {
      const log: Exchange[] = [];
      const { data } = await apolloClient(log, { key, get }).query({ query: EventSummary, variables: { id: concert.id } });
      expect(data).toEqual({ event: { __typename: 'Event', id: concert.id, title: 'Test Concert', venue: { __typename: 'Venue', name: expect.any(String) } } });
      expect(log).toEqual([
        {
          method: get ? 'GET' : 'POST',
          query: undefined,
          hash: sha256(text),
          apiKey: key,
          status: 200,
          cacheControl: 'private, no-store',
          body: { data, extensions: { cost } },
        },
      ]);
    }
  });

  it('lets a client without a key register an ad-hoc document by APQ, and then send it by hash alone, by a GET a CDN may keep', async () => {
    const AnyQuery = gql`
      query AnonymousEventTitle($id: ID!) {
        event(id: $id) {
          id
          title
        }
      }
    `;
    const hash = sha256(print(new InMemoryCache().transformDocument(AnyQuery)));
    const log: Exchange[] = [];
    const expected = { event: { __typename: 'Event', id: concert.id, title: 'Test Concert' } };

    const anonymous = apolloClient(log, { get: true });
    const first = await anonymous.query({ query: AnyQuery, variables: { id: concert.id } });
    expect(first.data).toEqual(expected);
    // The hash first: unknown. Then the link sends the text beside it (by POST), which registers it.
    expect(
      log.map(({ method, query, hash, apiKey, status, body }) => ({ method, query, hash, apiKey, status, code: body.errors?.[0]?.extensions?.code })),
    ).toEqual([
      { method: 'GET', query: undefined, hash, apiKey: null, status: 200, code: 'PERSISTED_QUERY_NOT_FOUND' },
      { method: 'POST', query: expect.stringContaining('query AnonymousEventTitle'), hash, apiKey: null, status: 200, code: undefined },
    ]);

    // From then on the hash alone: the same client asking again, and another client.
    for (const client of [anonymous, apolloClient(log, { get: true })]) {
      log.length = 0;
      const again = await client.query({ query: AnyQuery, variables: { id: recital.id }, fetchPolicy: 'network-only' });
      expect(again.data).toEqual({ event: { ...expected.event, id: recital.id } });
      expect(log).toEqual([
        {
          method: 'GET',
          query: undefined,
          hash,
          apiKey: null,
          status: 200,
          cacheControl: 'max-age=30, public',
          body: { data: { event: { __typename: 'Event', id: recital.id, title: 'Test Concert' } } },
        },
      ]);
    }
    if (process.env.REDIS_URL) {
      // Redis is every process's store: one that never saw the text knows the hash.
      const other = await fixture.startServer();
      log.length = 0;
      const elsewhere = new ApolloClient({
        cache: new InMemoryCache(),
        link: new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(
          new HttpLink({ uri: `${other.url}/graphql`, fetch: recordingFetch(log) }),
        ),
      });
      expect((await elsewhere.query({ query: AnyQuery, variables: { id: concert.id } })).data).toEqual(expected);
      expect(log.map(({ method, query, status }) => ({ method, query, status }))).toEqual([{ method: 'GET', query: undefined, status: 200 }]);
    }
  });

  it('refuses a partner’s unregistered document: its hash PERSISTED_QUERY_NOT_IN_LIST, which the client surfaces without data; its text PERSISTED_QUERY_REQUIRED', async () => {
    const { key } = await partnerWithKey('Ad Hoc Shop');
    const AdHoc = gql`
      query AdHocEventTitle($id: ID!) {
        event(id: $id) {
          id
          title
        }
      }
    `;
    const hash = sha256(print(new InMemoryCache().transformDocument(AdHoc)));
    // A GraphQL response (graphql-response+json, as Apollo Server's own answers): the client shows its errors with their codes.
    const refusal = (error: unknown) => {
      expect(CombinedGraphQLErrors.is(error), String(error)).toBe(true);
      return { code: (error as CombinedGraphQLErrors).errors[0]?.extensions?.code };
    };

    for (const get of [true, false]) {
      const log: Exchange[] = [];
      const error = await apolloClient(log, { key, get })
        .query({ query: AdHoc, variables: { id: concert.id } })
        .then(
          (result) => expect.unreachable(`got ${JSON.stringify(result)}`),
          (error: unknown) => error,
        );
      expect(refusal(error)).toEqual({ code: 'PERSISTED_QUERY_NOT_IN_LIST' });
      // The link retries only PERSISTED_QUERY_NOT_FOUND and _NOT_SUPPORTED: this refusal is final, the text never sent.
      expect(log.map(({ method, query, hash, status, body }) => ({ method, query, hash, status, body }))).toEqual([
        {
          method: get ? 'GET' : 'POST',
          query: undefined,
          hash,
          status: 400,
          body: { errors: [{ message: expect.any(String), extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', requestId: expect.any(String) } }] },
        },
      ]);
    }

    // A link told to retry whatever the refusal sends the text with the hash (by POST): refused too, with no data.
    const log: Exchange[] = [];
    const error = await apolloClient(log, { key, get: true, retry: () => true })
      .query({ query: AdHoc, variables: { id: concert.id } })
      .then(
        (result) => expect.unreachable(`got ${JSON.stringify(result)}`),
        (error: unknown) => error,
      );
    expect(refusal(error)).toEqual({ code: 'PERSISTED_QUERY_REQUIRED' });
    expect(log.map(({ method, query, body }) => ({ method, sentText: query !== undefined, code: body.errors[0].extensions.code, data: body.data }))).toEqual([
      { method: 'GET', sentText: false, code: 'PERSISTED_QUERY_NOT_IN_LIST', data: undefined },
      { method: 'POST', sentText: true, code: 'PERSISTED_QUERY_REQUIRED', data: undefined },
    ]);
  });
});
