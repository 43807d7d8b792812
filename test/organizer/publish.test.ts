/**
 * Publishing a draft through the API: its tickets (one per seat and unit, at
 * its sections' prices), ON_SALE and buyable from onSaleAt, in search only
 * once published; what it refuses and who may; and two publishes at once
 * making one set of tickets, with a negative control (the event's lock off)
 * showing that the test catches a publish that does not queue.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { fromGlobalIdOf } from '../../src/relay/global-id.js';
import { type Buyer, createCast } from '../support/booking.js';
import { RESERVE } from '../support/booking-operations.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock, type TestServer } from '../support/server.js';
import { createDraft, draftInput, eventRows, mutate, PUBLISH_EVENT, storeTestVenue, type TestVenue, TIMES, UPDATE_EVENT } from './events-support.js';

const SEARCH = `query ($query: String!) { searchEvents(query: $query) { edges { node { id status } } } }`;
const EVENT = `query ($id: ID!) { event(id: $id) { id status } }`;

describe('publishEvent', () => {
  const clock = manualClock(ANCHOR);
  const fixture = useTestServer({ clock });
  const { database, server } = fixture;
  let organizer: Buyer;
  let rival: Buyer;
  let admin: Buyer;
  let fan: Buyer;
  let venue: TestVenue;

  beforeAll(async () => {
    ({ organizer, otherOrganizer: rival, admin, fan } = await createCast(database.sql));
    venue = await storeTestVenue(database.sql, organizer.userId);
  });
  beforeEach(() => clock.set(ANCHOR));

  const ticketsOf = (eventId: number) =>
    database.sql<{ sectionId: number; tickets: number; prices: number[] }[]>`
      SELECT section_id AS "sectionId", count(*)::int AS tickets, array_agg(DISTINCT price) AS prices
      FROM tickets WHERE event_id = ${eventId} GROUP BY section_id ORDER BY section_id`;
  const searched = async (title: string) => (await server.graphql(SEARCH, { query: title })).data.searchEvents.edges.map((edge: any) => edge.node);

  it('makes one ticket per seat and unit at its price and puts the event on sale, buyable from onSaleAt; search lists it only then', async () => {
    const title = 'Zanzibar Nights';
    const draft = await createDraft(server, organizer.token, draftInput(venue, { title }));
    await server.indexSearch();
    expect(await searched(title)).toEqual([]);
    expect(await database.sql`SELECT event_id FROM search_documents WHERE event_id = ${draft.eventId}`).toEqual([]);

    const { payload } = await mutate(server, PUBLISH_EVENT, { eventId: draft.id }, organizer.token);
    expect(payload.userErrors).toEqual([]);
    expect(payload.event).toMatchObject({ id: draft.id, status: 'ON_SALE', ...TIMES });
    const [stalls, floor] = venue.sectionIds.map((id) => fromGlobalIdOf('Section', id));
    expect(await ticketsOf(draft.eventId)).toEqual([
      { sectionId: stalls, tickets: 40, prices: [12_000] },
      { sectionId: floor, tickets: 20, prices: [5_000] },
    ]);
    expect((await server.graphql(EVENT, { id: draft.id }, fan.token)).data.event).toEqual({ id: draft.id, status: 'ON_SALE' });
    await server.indexSearch();
    expect(await searched(title)).toEqual([{ id: draft.id, status: 'ON_SALE' }]);

    const reserve = () => server.graphql(RESERVE, { input: { eventId: draft.id, bestAvailable: { quantity: 2 } } }, fan.token);
    expect((await reserve()).data.reserveSeats.userErrors.map((error: any) => error.code)).toEqual(['EVENT_NOT_ON_SALE']);
    clock.set(new Date(Date.parse(TIMES.onSaleAt) + 1_000));
    expect((await reserve()).data.reserveSeats.hold.total).toEqual({ amount: 10_000, currency: 'USD' });
  });

  it('answers a published event as it is, with no second set of tickets; a cancelled one is ALREADY_CANCELLED', async () => {
    const draft = await createDraft(server, organizer.token, draftInput(venue));
    const first = await mutate(server, PUBLISH_EVENT, { eventId: draft.id }, organizer.token);
    const tickets = await ticketsOf(draft.eventId);
    const again = await mutate(server, PUBLISH_EVENT, { eventId: draft.id }, admin.token);
    expect(again.payload).toEqual(first.payload);
    expect(await ticketsOf(draft.eventId)).toEqual(tickets);

    await database.sql`UPDATE events SET status = 'CANCELLED' WHERE id = ${draft.eventId}`;
    const before = await eventRows(database.sql);
    const cancelled = await mutate(server, PUBLISH_EVENT, { eventId: draft.id }, organizer.token);
    expect(cancelled.payload).toEqual({ event: null, userErrors: [{ code: 'ALREADY_CANCELLED', message: expect.any(String), field: ['input', 'eventId'] }] });
    expect(await eventRows(database.sql)).toEqual(before);
  });

  it('refuses a draft that cannot go on sale yet, saying what is missing, and writes nothing', async () => {
    const halfPriced = await createDraft(
      server,
      organizer.token,
      draftInput(venue, { prices: [{ sectionId: venue.sectionIds[0], amount: 100, currency: 'USD' }] }),
    );
    const unpriced = await createDraft(server, organizer.token, draftInput(venue, { prices: null }));
    const ready = await createDraft(server, organizer.token, draftInput(venue));
    const before = await eventRows(database.sql);
    const refusal = async (id: string) => {
      const { payload } = await mutate(server, PUBLISH_EVENT, { eventId: id }, organizer.token);
      expect(payload.event).toBeNull();
      expect(payload.userErrors).toEqual([{ code: 'EVENT_NOT_PUBLISHABLE', message: expect.any(String), field: ['input', 'eventId'] }]);
      return payload.userErrors[0].message;
    };
    expect(await refusal(halfPriced.id)).toBe('The draft cannot be published yet: section Floor has no price.');
    expect(await refusal(unpriced.id)).toBe('The draft cannot be published yet: sections Stalls, Floor have no price.');
    clock.set(new Date(Date.parse(TIMES.startsAt) + 1_000));
    expect(await refusal(ready.id)).toBe('The draft cannot be published yet: startsAt must be in the future.');
    expect(await eventRows(database.sql)).toEqual(before);
  });

  it('needs a login and the role; another organizer’s draft is not found; an admin may publish any', async () => {
    const draft = await createDraft(server, organizer.token, draftInput(venue));
    const before = await eventRows(database.sql);
    expect((await mutate(server, PUBLISH_EVENT, { eventId: draft.id })).code).toBe('UNAUTHENTICATED');
    const asFan = await mutate(server, PUBLISH_EVENT, { eventId: draft.id }, fan.token);
    expect([asFan.code, asFan.payload]).toEqual(['FORBIDDEN', null]);
    const asRival = await mutate(server, PUBLISH_EVENT, { eventId: draft.id }, rival.token);
    expect(asRival.payload.userErrors).toEqual([{ code: 'EVENT_NOT_FOUND', message: expect.any(String), field: ['input', 'eventId'] }]);
    expect(await eventRows(database.sql)).toEqual(before);
    expect((await mutate(server, PUBLISH_EVENT, { eventId: draft.id }, admin.token)).payload.event.status).toBe('ON_SALE');
  });

  describe('two publishes at once', () => {
    /**
     * Sends two publishes of the draft while the test holds the tickets table
     * (LOCK ... IN SHARE MODE), and lets go once both wait on a lock: each
     * either waits to insert tickets (a `relation` lock) or waits for the
     * other's lock on the event's row (a `transactionid` or `tuple` lock).
     * Answers both answers and what the two waited on, sorted.
     */
    async function publishTogether(target: TestServer, id: string) {
      let answers: Promise<Awaited<ReturnType<typeof mutate>>[]> | undefined;
      let waits: string[] = [];
      await database.sql.begin(async (tx) => {
        await tx`LOCK TABLE tickets IN SHARE MODE`;
        answers = Promise.all([organizer.token, admin.token].map((token) => mutate(target, PUBLISH_EVENT, { eventId: id }, token)));
        await vi.waitFor(
          async () => {
            const waiting = await database.sql<{ waitEvent: string }[]>`
              SELECT wait_event AS "waitEvent" FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query NOT LIKE '%pg_stat_activity%'`;
            expect(waiting).toHaveLength(2);
            waits = waiting.map((row) => (row.waitEvent === 'tuple' ? 'transactionid' : row.waitEvent)).sort();
          },
          { timeout: 10_000, interval: 10 },
        );
      });
      return { answers: await answers!, waits };
    }

    it('make one set of tickets, and both answer the event on sale', async () => {
      const draft = await createDraft(server, organizer.token, draftInput(venue));
      const { answers, waits } = await publishTogether(server, draft.id);
      // One made the tickets while the other waited for the event's row: they queued.
      expect(waits).toEqual(['relation', 'transactionid']);
      expect(answers.map((answer) => [answer.errors, answer.payload.userErrors, answer.payload.event.status])).toEqual([
        [undefined, [], 'ON_SALE'],
        [undefined, [], 'ON_SALE'],
      ]);
      expect((await ticketsOf(draft.eventId)).map((section) => section.tickets)).toEqual([40, 20]);
    });

    it('negative control: without the event’s lock, both publishes make tickets at once', async () => {
      const unguarded = await fixture.startServer({ clock, unsafeEventGuards: { unsafeDisablePublishLock: true } });
      const draft = await createDraft(unguarded, organizer.token, draftInput(venue));
      const { answers, waits } = await publishTogether(unguarded, draft.id);
      expect(waits).toEqual(['relation', 'relation']);
      // Then the second either finds the first's tickets (when its statement starts after the first commits) or fails on
      // them with an internal error: a caller's answer left to chance, which the lock takes away. The unique keys still
      // keep the tickets one set.
      expect(answers.filter((answer) => !answer.code).length).toBeGreaterThanOrEqual(1);
      expect((await ticketsOf(draft.eventId)).map((section) => section.tickets)).toEqual([40, 20]);
    });
  });

  it('keeps a published event’s times editable until its sale opens', async () => {
    const draft = await createDraft(server, organizer.token, draftInput(venue));
    await mutate(server, PUBLISH_EVENT, { eventId: draft.id }, organizer.token);
    const earlier = new Date(ANCHOR.getTime() + 3_600_000).toISOString();
    const moved = await mutate(server, UPDATE_EVENT, { eventId: draft.id, onSaleAt: earlier }, organizer.token);
    expect(moved.payload.event.onSaleAt).toBe(earlier);
  });
});
