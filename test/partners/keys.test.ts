/**
 * Partners and their API keys over HTTP: only admins create partners and
 * keys (bad input refused, nothing written); a key is shown once and only its
 * SHA-256 kept; requests with a key (x-api-key or `authorization: ApiKey`)
 * run as that partner, beside a fan's token; scopes, requests per minute, the
 * use counted per day, and revocation, at once in the process that revokes
 * and, over Redis, in every other.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { toGlobalId } from '../../src/relay/global-id.js';
import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { RESERVE } from '../support/booking-operations.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock, type TestServer } from '../support/server.js';
import { openSocket } from '../support/ws.js';

const CREATE_PARTNER = `mutation ($input: CreatePartnerInput!) {
  createPartner(input: $input) { partner { id name contactEmail } userErrors { code message field } }
}`;
const CREATE_KEY = `mutation ($input: CreatePartnerApiKeyInput!) {
  createPartnerApiKey(input: $input) { apiKey { id name prefix scopes requestsPerMinute revokedAt partner { id } } secret userErrors { code message field } }
}`;
const REVOKE_KEY = `mutation ($input: RevokePartnerApiKeyInput!) {
  revokePartnerApiKey(input: $input) { apiKey { id revokedAt } userErrors { code message field } }
}`;
const PARTNER = `query ($id: ID!) { node(id: $id) { ... on Partner { name apiKeys { name prefix } usage { apiKey { name } day requests } } } }`;
const EVENT = `query ($id: ID!) { event(id: $id) { title } }`;
const ME = `{ me { id } }`;

describe('partners and their API keys', () => {
  const clock = manualClock(ANCHOR);
  // Keys, not documents, are under test here: partners send ad-hoc documents (documents.test.ts holds keys to their documents).
  const env = { TRUSTED_DOCUMENTS: 'off' };
  const fixture = useTestServer({ clock, redisUrl: process.env.REDIS_URL, env });
  const { database, server } = fixture;
  let admin: Buyer;
  let organizer: Buyer;
  let fan: Buyer;
  let event: OnSaleEvent;

  beforeAll(async () => {
    [admin] = (await createBuyers(database.sql, 1, 'ADMIN')) as [Buyer];
    [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    [fan] = (await createBuyers(database.sql, 1)) as [Buyer];
    event = await createOnSaleEvent(database.sql, organizer.userId, { onSaleAt: new Date(ANCHOR.getTime() - 3_600_000) });
  });

  const rows = () => Promise.all([database.sql`SELECT * FROM partners ORDER BY id`, database.sql`SELECT * FROM partner_api_keys ORDER BY id`]);

  async function newPartner(name = 'Ticket Kiosk Ltd'): Promise<string> {
    const { data } = await server.graphql(CREATE_PARTNER, { input: { name, contactEmail: 'Dev@Kiosk.example' } }, admin.token);
    expect(data.createPartner.userErrors).toEqual([]);
    return data.createPartner.partner.id;
  }

  async function newKey(partnerId: string, input: Record<string, unknown> = {}): Promise<{ id: string; secret: string }> {
    const { data } = await server.graphql(CREATE_KEY, { input: { partnerId, name: 'web shop', scopes: ['READ'], ...input } }, admin.token);
    expect(data.createPartnerApiKey.userErrors).toEqual([]);
    return { id: data.createPartnerApiKey.apiKey.id, secret: data.createPartnerApiKey.secret };
  }

  /** A request to `target` with the key in `x-api-key` (and a fan's token, if given). */
  async function withKey(target: TestServer, key: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const response = await fetch(`${target.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
  }

  it('lets only admins create partners and keys; refuses bad input, writing nothing', async () => {
    const before = await rows();
    const input = { name: 'Kiosk', contactEmail: 'dev@kiosk.example' };
    expect((await server.graphql(CREATE_PARTNER, { input })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const caller of [fan, organizer])
      expect((await server.graphql(CREATE_PARTNER, { input }, caller.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const [bad, code, field] of [
      [{ name: '  ' }, 'INVALID_PARTNER', 'name'],
      [{ contactEmail: 'not an email' }, 'INVALID_EMAIL', 'contactEmail'],
    ] as const) {
      const { data } = await server.graphql(CREATE_PARTNER, { input: { ...input, ...bad } }, admin.token);
      expect(data.createPartner).toEqual({ partner: null, userErrors: [{ code, message: expect.any(String), field: ['input', field] }] });
    }
    expect(await rows()).toEqual(before);

    const partnerId = await newPartner();
    const keyInput = { partnerId, name: 'web shop', scopes: ['READ'] };
    expect((await server.graphql(CREATE_KEY, { input: keyInput }, fan.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const afterPartner = await rows();
    for (const [bad, code, field] of [
      [{ name: '' }, 'INVALID_PARTNER', 'name'],
      [{ scopes: [] }, 'INVALID_PARTNER', 'scopes'],
      [{ requestsPerMinute: 0 }, 'INVALID_PARTNER', 'requestsPerMinute'],
      [{ requestsPerMinute: 100_001 }, 'INVALID_PARTNER', 'requestsPerMinute'],
      [{ partnerId: Buffer.from('Partner:999999').toString('base64url') }, 'PARTNER_NOT_FOUND', 'partnerId'],
    ] as const) {
      const { data } = await server.graphql(CREATE_KEY, { input: { ...keyInput, ...bad } }, admin.token);
      expect(data.createPartnerApiKey).toEqual({ apiKey: null, secret: null, userErrors: [{ code, message: expect.any(String), field: ['input', field] }] });
    }
    expect(await rows()).toEqual(afterPartner);
  });

  it('shows a key once and keeps only its SHA-256; a request with it runs as the partner, beside a fan’s token', async () => {
    const partnerId = await newPartner();
    const { data } = await server.graphql(CREATE_KEY, { input: { partnerId, name: 'web shop', scopes: ['BOOK'] } }, admin.token);
    const { apiKey, secret } = data.createPartnerApiKey;
    expect(secret).toMatch(/^tkp_[0-9A-Za-z]{38}$/);
    expect(apiKey).toMatchObject({ name: 'web shop', prefix: secret.slice(0, 8), scopes: ['READ', 'BOOK'], requestsPerMinute: 600, revokedAt: null });
    const stored = await database.sql`SELECT key_hash FROM partner_api_keys WHERE prefix = ${apiKey.prefix}`;
    expect(JSON.stringify(stored)).not.toContain(secret.slice(4));

    expect((await withKey(server, secret, EVENT, { id: event.id })).body).toEqual({
      data: { event: { title: 'Test Concert' } },
      extensions: { cost: { requested: 1, actual: 1, remaining: 19_999, restoreRate: 1_000 } },
    });
    const asFan = await withKey(server, secret, ME, {}, { authorization: `Bearer ${fan.token}` });
    expect(asFan.body.data.me.id).toBe(toGlobalId('User', fan.userId));
    const reserved = await withKey(
      server,
      secret,
      RESERVE,
      { input: { eventId: event.id, ticketIds: [event.seats[0]![0]] } },
      { authorization: `Bearer ${fan.token}` },
    );
    expect(reserved.body.data.reserveSeats.userErrors).toEqual([]);
    // The other header form, for clients that can set only Authorization.
    const byAuthorization = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `ApiKey ${secret}` },
      body: JSON.stringify({ query: EVENT, variables: { id: event.id } }),
    });
    expect(byAuthorization.status).toBe(200);
    // A GET with a key is the partner's: no cache keeps it, so every request reaches the key's limit and count.
    const search = new URLSearchParams({ query: EVENT, variables: JSON.stringify({ id: event.id }) });
    const get = await fetch(`${server.url}/graphql?${search}`, { headers: { 'x-api-key': secret, 'apollo-require-preflight': 'true' } });
    expect([get.status, get.headers.get('cache-control')]).toEqual([200, 'private, no-store']);
  });

  it('refuses a mistyped, unknown or revoked key with 401, and a READ key’s mutations as FORBIDDEN', async () => {
    const { secret, id } = await newKey(await newPartner());
    const mistyped = `${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    for (const key of [mistyped, 'tkp_nothing', 'sk_live_123']) {
      const { status, body } = await withKey(server, key, EVENT, { id: event.id });
      expect(status, key).toBe(401);
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const mutation = await withKey(
      server,
      secret,
      RESERVE,
      { input: { eventId: event.id, ticketIds: [event.seats[0]![1]] } },
      { authorization: `Bearer ${fan.token}` },
    );
    expect(mutation.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(
      await database.sql`SELECT 1 FROM tickets WHERE id = ${Number(Buffer.from(event.seats[0]![1]!, 'base64url').toString().split(':')[1])} AND status = 'HELD'`,
    ).toEqual([]);

    const other = process.env.REDIS_URL ? await fixture.startServer({ clock, redisUrl: process.env.REDIS_URL, env }) : undefined;
    if (other) expect((await withKey(other, secret, EVENT, { id: event.id })).status).toBe(200); // cached there now
    const { data } = await server.graphql(REVOKE_KEY, { input: { apiKeyId: id } }, admin.token);
    expect(data.revokePartnerApiKey.apiKey.revokedAt).toBe(ANCHOR.toISOString());
    expect((await withKey(server, secret, EVENT, { id: event.id })).status).toBe(401);
    if (other) await vi.waitFor(async () => expect((await withKey(other, secret, EVENT, { id: event.id })).status).toBe(401), { timeout: 5_000, interval: 20 });
    expect((await server.graphql(REVOKE_KEY, { input: { apiKeyId: id } }, fan.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers 429 with Retry-After past the key’s requests per minute, and counts its use per day', async () => {
    const partnerId = await newPartner('Counting Co');
    const { secret } = await newKey(partnerId, { requestsPerMinute: 3 });
    const counted = await fixture.startServer({ clock, redisUrl: process.env.REDIS_URL, env });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await withKey(counted, secret, EVENT, { id: event.id }));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(answers[3]!.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(answers[3]!.retryAfter)).toBeGreaterThan(0);
    await counted.stop(); // writes the use it counted
    const { data } = await server.graphql(PARTNER, { id: partnerId }, admin.token);
    expect(data.node.usage).toEqual([{ apiKey: { name: 'web shop' }, day: ANCHOR.toISOString().slice(0, 10), requests: 3 }]);
    expect((await server.graphql(PARTNER, { id: partnerId }, organizer.token)).data.node).toBeNull();
  });

  it('holds a WebSocket to its key: refused with a bad key, closed at once when the key is revoked, on every process', async () => {
    const { secret, id } = await newKey(await newPartner('Socket Co'));
    const refused = openSocket(server.url, undefined, 'tkp_not-a-key');
    expect(await refused.closed).toBe(4403);
    const watchers = [server, ...(process.env.REDIS_URL ? [await fixture.startServer({ clock, redisUrl: process.env.REDIS_URL, env })] : [])];
    const sockets = watchers.map((watcher) => openSocket(watcher.url, undefined, secret));
    try {
      for (const socket of sockets) expect((await socket.execute(EVENT, { id: event.id })).data).toEqual({ event: { title: 'Test Concert' } });
      const { data } = await server.graphql(REVOKE_KEY, { input: { apiKeyId: id } }, admin.token);
      expect(data.revokePartnerApiKey.userErrors).toEqual([]);
      // Closed by the process that revoked it, and, over Redis, by the other.
      expect(await Promise.all(sockets.map((socket) => socket.closed))).toEqual(sockets.map(() => 4403));
    } finally {
      await Promise.all(sockets.map((socket) => socket.client.dispose()));
    }
  });
});
