/**
 * What the waiting room refuses, and to whom: callers of each kind on each
 * operation; bad input; the limit on joins per address; and queuePassChanged
 * rendering each subscriber's own pass, never another's (it is not @shared).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { RESERVE } from '../support/booking-operations.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock } from '../support/server.js';
import { openSocket } from '../support/ws.js';

const JOIN = `mutation ($eventId: ID!) { joinWaitingRoom(input: { eventId: $eventId }) { pass { id status position } userErrors { code field } } }`;
const LEAVE = `mutation ($eventId: ID!) { leaveWaitingRoom(input: { eventId: $eventId }) { pass { id status } userErrors { code field } } }`;
const CONFIGURE = `mutation ($input: ConfigureWaitingRoomInput!) { configureWaitingRoom(input: $input) { event { id } userErrors { code field } } }`;
const MY_PASS = `query ($eventId: ID!) { myQueuePass(eventId: $eventId) { id } }`;
const PASS_CHANGED = `subscription ($eventId: ID!) { queuePassChanged(eventId: $eventId) { id status position admissionToken } }`;
const codeOf = (answer: { errors?: { extensions?: { code?: string } }[] }) => answer.errors?.[0]?.extensions?.code;

describe('the waiting room refuses', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ clock });
  let organizer: Buyer, admin: Buyer, fans: Buyer[];
  let event: OnSaleEvent, draft: OnSaleEvent;

  beforeAll(async () => {
    [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    [admin] = (await createBuyers(database.sql, 1, 'ADMIN')) as [Buyer];
    fans = await createBuyers(database.sql, 5);
    event = await createOnSaleEvent(database.sql, organizer.userId, { onSaleAt: ANCHOR });
    draft = await createOnSaleEvent(database.sql, organizer.userId, { onSaleAt: ANCHOR, status: 'DRAFT' });
    const configured = await server.graphql(CONFIGURE, { input: { eventId: event.id, enabled: true, admitPerMinute: 60 } }, organizer.token);
    expect(configured.data.configureWaitingRoom.userErrors).toEqual([]);
  });

  it("a draft's room to everyone but its organizer and admins, as not found", async () => {
    const input = { eventId: draft.id, enabled: true };
    expect((await server.graphql(CONFIGURE, { input }, fans[0]!.token)).data.configureWaitingRoom.userErrors).toEqual([
      { code: 'EVENT_NOT_FOUND', field: ['input', 'eventId'] },
    ]);
    expect((await server.graphql(CONFIGURE, { input }, admin.token)).data.configureWaitingRoom.userErrors).toEqual([]);
    expect((await server.graphql(JOIN, { eventId: draft.id }, fans[0]!.token)).data.joinWaitingRoom.userErrors).toEqual([
      { code: 'EVENT_NOT_FOUND', field: ['input', 'eventId'] },
    ]);
  });

  it('anonymous callers everything but the room itself: UNAUTHENTICATED', async () => {
    expect(codeOf(await server.graphql(LEAVE, { eventId: event.id }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(MY_PASS, { eventId: event.id }))).toBe('UNAUTHENTICATED');
    const anonymous = openSocket(server.url);
    try {
      expect(codeOf(await anonymous.execute(PASS_CHANGED, { eventId: event.id }))).toBe('UNAUTHENTICATED');
    } finally {
      await anonymous.client.dispose();
    }
  });

  it('malformed IDs and an oversized token as BAD_USER_INPUT, before anything is written', async () => {
    expect(codeOf(await server.graphql(JOIN, { eventId: 'not-an-id' }, fans[0]!.token))).toBe('BAD_USER_INPUT');
    const reserve = await server.graphql(
      RESERVE,
      { input: { eventId: event.id, ticketIds: [event.seats[0]![0]], admissionToken: 'x'.repeat(2001) } },
      fans[0]!.token,
    );
    expect(codeOf(reserve)).toBe('BAD_USER_INPUT');
    expect(await database.sql`SELECT 1 FROM holds`).toHaveLength(0);
  });

  it('a subscription without a pass, and never renders one fan their neighbour’s pass', async () => {
    const [first, second] = fans as [Buyer, Buyer];
    const lonely = openSocket(server.url, first.token);
    try {
      expect(codeOf(await lonely.execute(PASS_CHANGED, { eventId: event.id }))).toBe('BAD_USER_INPUT');
    } finally {
      await lonely.client.dispose();
    }
    const passes = await Promise.all(
      [first, second].map(async (fan) => (await server.graphql(JOIN, { eventId: event.id }, fan.token)).data.joinWaitingRoom.pass),
    );
    const sockets = [first, second].map((fan) => openSocket(server.url, fan.token));
    const seen: { id: string }[][] = [[], []];
    const stops = sockets.map((socket, i) =>
      socket.client.subscribe(
        { query: PASS_CHANGED, variables: { eventId: event.id } },
        { next: ({ data }) => void seen[i]!.push((data as { queuePassChanged: { id: string } }).queuePassChanged), error: () => {}, complete: () => {} },
      ),
    );
    try {
      await vi.waitFor(() => expect(seen.map((pushed) => pushed.length)).toEqual([1, 1]), { timeout: 5_000, interval: 10 });
      clock.set(new Date(ANCHOR.getTime() + 1_000));
      await server.admitWaitingRooms();
      await server.pushQueuePasses();
      await vi.waitFor(() => expect(seen.every((pushed) => pushed.length >= 2)).toBe(true), { timeout: 5_000, interval: 10 });
      expect(seen[0]!.every((pass) => pass.id === passes[0].id)).toBe(true);
      expect(seen[1]!.every((pass) => pass.id === passes[1].id)).toBe(true);
    } finally {
      for (const stop of stops) stop();
      await Promise.all(sockets.map((socket) => socket.client.dispose()));
    }
  });
});

describe('joins per address', () => {
  const { database, server } = useTestServer({ clock: manualClock(ANCHOR), env: { RATE_LIMIT_JOINS_PER_ADDRESS: '2' } });

  it('past the limit are refused with RATE_LIMITED and retryAfter, even for accounts that never joined', async () => {
    const [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    const event = await createOnSaleEvent(database.sql, organizer.userId, { onSaleAt: ANCHOR });
    await server.graphql(CONFIGURE, { input: { eventId: event.id, enabled: true } }, organizer.token);
    const fans = await createBuyers(database.sql, 3);
    const answers = [];
    for (const fan of fans) answers.push(await server.graphql(JOIN, { eventId: event.id }, fan.token));
    expect(answers.map(codeOf)).toEqual([undefined, undefined, 'RATE_LIMITED']);
    expect(answers[2]!.errors![0]!.extensions).toMatchObject({ retryAfter: expect.any(Number) });
    expect(await database.sql`SELECT 1 FROM queue_passes`).toHaveLength(2);
  });
});
