/**
 * Partners' documents over HTTP: an admin registers them (validated and
 * priced then: a bad or too costly one refused, nothing registered); a
 * request with a partner's key runs only the published manifests' documents
 * and its partner's registered ones, by documentId (POST or GET) or APQ hash,
 * under TRUSTED_DOCUMENTS=partners (the default) and all; everyone else as
 * that setting says.
 */
import { createHash } from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock, type TestServer } from '../support/server.js';
import { openSocket, type TestSocket } from '../support/ws.js';
import { partnerWithKey as createPartnerWithKey } from './partners-support.js';

const REGISTER = `mutation ($input: RegisterPersistedDocumentsInput!) {
  registerPersistedDocuments(input: $input) { documentIds userErrors { code message field } }
}`;
const TITLE = `query EventTitle($id: ID!) { event(id: $id) { title } }`;
/** One of the partner manifest's documents (clients/partner/), by its published ID. */
const MANIFEST_EVENTS = 'sha256:1df7f67bf9564030999a1891a35f8abc6ba03a2e9eae0fd84bff21952cbbe3f9';
const idOf = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

describe('partners’ documents', () => {
  const clock = manualClock(ANCHOR);
  const fixture = useTestServer({ clock });
  const { database, server } = fixture;
  let admin: Buyer;
  let fan: Buyer;
  let event: OnSaleEvent;

  beforeAll(async () => {
    [admin] = (await createBuyers(database.sql, 1, 'ADMIN')) as [Buyer];
    [fan] = (await createBuyers(database.sql, 1)) as [Buyer];
    const [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    event = await createOnSaleEvent(database.sql, organizer.userId);
  });

  const partnerWithKey = (name: string) => createPartnerWithKey(server, admin.token, name);

  /** A POST of `body` to `target`, with the partner's key when given. */
  async function post(target: TestServer, body: Record<string, unknown>, key?: string) {
    const response = await fetch(`${target.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('registers only for admins, only documents that validate and cost no more than a request may, all or none', async () => {
    const { partnerId } = await partnerWithKey('Registrar');
    const input = { partnerId, documents: [TITLE] };
    expect((await server.graphql(REGISTER, { input })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.graphql(REGISTER, { input }, fan.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const costly = `{ events(first: 100) { edges { node { venue { upcomingEvents(first: 100) { edges { node { title } } } } } } } }`;
    const before = await database.sql`SELECT * FROM partner_documents`;
    for (const [documents, code, field] of [
      [[TITLE, '{ event(id: 1) { nope } }'], 'INVALID_DOCUMENT', 'documents.1'],
      [['query {'], 'INVALID_DOCUMENT', 'documents.0'],
      [[TITLE, costly], 'DOCUMENT_TOO_COSTLY', 'documents.1'],
      [[], 'INVALID_DOCUMENT', 'documents'],
    ] as const) {
      const { data } = await server.graphql(REGISTER, { input: { partnerId, documents } }, admin.token);
      expect(data.registerPersistedDocuments).toEqual({
        documentIds: null,
        userErrors: [{ code, message: expect.any(String), field: ['input', ...field.split('.')] }],
      });
    }
    const unknown = await server.graphql(
      REGISTER,
      { input: { partnerId: Buffer.from('Partner:999999').toString('base64url'), documents: [TITLE] } },
      admin.token,
    );
    expect(unknown.data.registerPersistedDocuments.userErrors[0].code).toBe('PARTNER_NOT_FOUND');
    expect(await database.sql`SELECT * FROM partner_documents`).toEqual(before);

    // Within the server's limit, but over what a partner's only key can pay (a budget of 100 points).
    const { partnerId: smallId } = await createPartnerWithKey(server, admin.token, 'Small Shop', { costBudget: 100 });
    const affordable = `{ events(first: 50) { edges { node { title } } } }`; // 1 + 50 × 1 = 51
    const pricey = `{ events(first: 100) { edges { node { venue { name } } } } }`; // 1 + 100 × 2 = 201
    const refusedForBudget = await server.graphql(REGISTER, { input: { partnerId: smallId, documents: [affordable, pricey] } }, admin.token);
    expect(refusedForBudget.data.registerPersistedDocuments.userErrors).toEqual([
      { code: 'DOCUMENT_TOO_COSTLY', message: expect.stringContaining('budget of 100'), field: ['input', 'documents', '1'] },
    ]);
    expect(await database.sql`SELECT * FROM partner_documents`).toEqual(before);

    const { data } = await server.graphql(REGISTER, { input }, admin.token);
    expect(data.registerPersistedDocuments).toEqual({ documentIds: [idOf(TITLE)], userErrors: [] });
    expect((await server.graphql(REGISTER, { input }, admin.token)).data.registerPersistedDocuments.documentIds).toEqual([idOf(TITLE)]); // again: no change
  });

  it('runs a partner key’s registered and published documents by ID, and refuses any other', async () => {
    const { partnerId, key } = await partnerWithKey('Shop One');
    const other = await partnerWithKey('Shop Two');
    await server.graphql(REGISTER, { input: { partnerId, documents: [TITLE] } }, admin.token);
    const variables = { id: event.id };

    expect((await post(server, { documentId: idOf(TITLE), variables }, key)).body.data).toEqual({ event: { title: 'Test Concert' } });
    const hash = idOf(TITLE).slice('sha256:'.length);
    expect((await post(server, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables }, key)).body.data.event.title).toBe(
      'Test Concert',
    );
    const search = new URLSearchParams({ documentId: idOf(TITLE), variables: JSON.stringify(variables) });
    const get = await fetch(`${server.url}/graphql?${search}`, { headers: { 'x-api-key': key, 'apollo-require-preflight': 'true' } });
    expect(((await get.json()) as any).data.event.title).toBe('Test Concert');
    expect((await post(server, { query: TITLE, variables }, key)).body.data.event.title).toBe('Test Concert'); // its text: the same document
    const published = await post(server, { documentId: MANIFEST_EVENTS, variables: { first: 1 } }, key);
    expect(published.status, JSON.stringify(published.body)).toBe(200);

    const adHoc = await post(server, { query: '{ events(first: 1) { edges { cursor } } }' }, key);
    expect([adHoc.status, adHoc.body.errors[0].extensions.code]).toEqual([400, 'PERSISTED_QUERY_REQUIRED']);
    const notTheirs = await post(server, { documentId: idOf(TITLE), variables }, other.key);
    expect([notTheirs.status, notTheirs.body.errors[0].extensions.code]).toEqual([400, 'PERSISTED_QUERY_NOT_IN_LIST']);
    // Anyone without a key may still send any document, under the default setting.
    expect((await post(server, { query: '{ events(first: 1) { edges { cursor } } }' })).status).toBe(200);
  });

  it('holds every caller to the lists with TRUSTED_DOCUMENTS=all, and nobody with off', async () => {
    const { partnerId, key } = await partnerWithKey('Strict Shop');
    await server.graphql(REGISTER, { input: { partnerId, documents: [TITLE] } }, admin.token);
    const adHoc = { query: '{ events(first: 1) { edges { cursor } } }' };
    const strict = await fixture.startServer({ clock, env: { TRUSTED_DOCUMENTS: 'all' } });
    expect((await post(strict, adHoc)).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect((await post(strict, { documentId: idOf(TITLE), variables: { id: event.id } }, key)).body.data.event.title).toBe('Test Concert');
    const open = await fixture.startServer({ clock, env: { TRUSTED_DOCUMENTS: 'off' } });
    const anything = await post(open, adHoc, key);
    expect(anything.status, JSON.stringify(anything.body)).toBe(200);
  });

  describe('over graphql-ws', () => {
    const SEAT_MAP_CHANGED = 'sha256:a3398ed99e1e35a316f2e023027144f1cf53653de947c40877a7075b4e67d781';
    const PARTNER_EVENT = 'sha256:00c8b24029e0144384b5b7e588a660fd389827c11f8da5075603e220717abae0';

    /** The first result of a subscribe message on `socket`, or the errors that refused it. */
    function first(socket: TestSocket, payload: Record<string, unknown>): Promise<{ data?: any; errors?: any[] }> {
      return new Promise((resolve, reject) => {
        const stop = socket.client.subscribe({ query: '', ...payload } as never, {
          next: (result) => {
            stop();
            resolve(result as { data?: any });
          },
          error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
          complete: () => {},
        });
      });
    }

    it('runs documents sent by ID, published or registered, and holds a partner’s socket to its lists', async () => {
      const { partnerId, key } = await partnerWithKey('Socket Shop');
      await server.graphql(REGISTER, { input: { partnerId, documents: [TITLE] } }, admin.token);
      const partnerSocket = openSocket(server.url, undefined, key);
      const anonymous = openSocket(server.url);
      try {
        expect((await first(partnerSocket, { documentId: PARTNER_EVENT, variables: { id: event.id } })).data.event.id).toBe(event.id);
        const hash = idOf(TITLE).slice('sha256:'.length);
        const registered = await first(partnerSocket, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: { id: event.id } });
        expect(registered.data).toEqual({ event: { title: 'Test Concert' } });
        // A subscription by ID, from the map's version now: its first delta carries the change made next.
        const { data } = await server.graphql(`query ($eventId: ID!) { seatMap(eventId: $eventId) { version } }`, { eventId: event.id });
        const delta = first(partnerSocket, { documentId: SEAT_MAP_CHANGED, variables: { eventId: event.id, sinceVersion: data.seatMap.version } });
        const reserve = `mutation ($input: ReserveSeatsInput!) { reserveSeats(input: $input) { hold { id } } }`;
        await server.graphql(reserve, { input: { eventId: event.id, bestAvailable: { quantity: 1 } } }, fan.token);
        expect((await delta).data.seatMapChanged.changes.length).toBeGreaterThan(0);

        const adHoc = await first(partnerSocket, { query: '{ events(first: 1) { edges { cursor } } }' });
        expect(adHoc.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_REQUIRED');
        expect((await first(anonymous, { query: '{ events(first: 1) { edges { cursor } } }' })).data.events).toBeDefined();
        const unknown = await first(anonymous, { documentId: `sha256:${'0'.repeat(64)}` });
        expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      } finally {
        await Promise.all([partnerSocket.client.dispose(), anonymous.client.dispose()]);
      }
    });
  });
});
