/**
 * What the tests of an event's life share: its mutations as a client sends
 * them, venues stored with catalog's storeVenues (createVenue is tested on
 * its own), a draft's input, and the rows a refused mutation must leave alone.
 */
import type postgres from 'postgres';
import { expect } from 'vitest';

import { storeVenues } from '../../src/catalog/venues.js';
import { fromGlobalIdOf, toGlobalId } from '../../src/relay/global-id.js';
import { ANCHOR } from '../support/catalog.js';
import type { GraphQLResponse, TestServer } from '../support/server.js';

const EVENT_FIELDS = `id title description category status startsAt endsAt onSaleAt ticketLimitPerUser holdTtlSeconds
  venue { id } performers { id } sections { section { id } price { amount currency } }`;

export const CREATE_EVENT = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { ${EVENT_FIELDS} } userErrors { code message field } } }`;
export const UPDATE_EVENT = `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { ${EVENT_FIELDS} } userErrors { code message field } } }`;
export const PUBLISH_EVENT = `mutation ($input: PublishEventInput!) { publishEvent(input: $input) { event { ${EVENT_FIELDS} } userErrors { code message field } } }`;
export const DELETE_EVENT = `mutation ($input: DeleteEventInput!) { deleteEvent(input: $input) { deletedEventId userErrors { code message field } } }`;

const HOUR = 3_600_000;
/** Times of a draft that the tests' clock (at ANCHOR) finds in order and ahead. */
export const TIMES = {
  onSaleAt: new Date(ANCHOR.getTime() + 24 * HOUR).toISOString(),
  startsAt: new Date(ANCHOR.getTime() + 30 * 24 * HOUR).toISOString(),
  endsAt: new Date(ANCHOR.getTime() + 30 * 24 * HOUR + 3 * HOUR).toISOString(),
};

export interface TestVenue {
  venueId: number;
  /** Global ID. */
  id: string;
  /** Global IDs of its sections: a reserved one of `rows` × `seatsPerRow` seats, then a standing one of `standing` units. */
  sectionIds: [reserved: string, standing: string];
  seats: number;
}

let venues = 0;

/** A venue of `organizerId` (null: one the platform keeps) with a reserved section and a standing one. */
export async function storeTestVenue(
  sql: postgres.Sql,
  organizerId: number | null,
  shape: { rows?: number; seatsPerRow?: number; standing?: number } = {},
): Promise<TestVenue> {
  const { rows = 4, seatsPerRow = 10, standing = 20 } = shape;
  const stored = await sql.begin((tx) =>
    storeVenues(
      tx,
      [
        {
          name: `Organizer Hall ${++venues}`,
          address: '1 Stage Door',
          city: 'Testville',
          region: null,
          country: 'US',
          latitude: 40,
          longitude: -74,
          timezone: 'America/New_York',
          sections: [
            { name: 'Stalls', kind: 'RESERVED', rows, seatsPerRow, layout: { shape: 'grid', x: 0, y: 0, seatGap: 0.5, rowGap: 1 } },
            { name: 'Floor', kind: 'GENERAL_ADMISSION', capacity: standing },
          ],
        },
      ],
      { organizerId, createdAt: ANCHOR },
    ),
  );
  const [reserved, floor] = stored.sectionIds[0]!;
  return {
    venueId: stored.venueIds[0]!,
    id: toGlobalId('Venue', stored.venueIds[0]!),
    sectionIds: [toGlobalId('Section', reserved!), toGlobalId('Section', floor!)],
    seats: rows * seatsPerRow + standing,
  };
}

/** A performer the platform keeps. */
export async function storePerformer(sql: postgres.Sql, name = 'The Testers'): Promise<string> {
  const [performer] = await sql<[{ id: number }]>`INSERT INTO performers (name, kind) VALUES (${name}, 'BAND') RETURNING id`;
  return toGlobalId('Performer', performer.id);
}

/** createEvent's input for a draft at `venue` with both sections priced in USD, with `overrides`. */
export function draftInput(venue: TestVenue, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Opening Night',
    description: 'A test show.',
    category: 'CONCERT',
    venueId: venue.id,
    ...TIMES,
    prices: [
      { sectionId: venue.sectionIds[0], amount: 12_000, currency: 'USD' },
      { sectionId: venue.sectionIds[1], amount: 5_000, currency: 'USD' },
    ],
    ...overrides,
  };
}

/** Sends a mutation and answers its payload, with the GraphQL errors of the response. */
export async function mutate(server: TestServer, query: string, input: Record<string, unknown>, token?: string) {
  const response: GraphQLResponse = await server.graphql(query, { input }, token);
  const payload = response.data ? Object.values(response.data)[0] : undefined;
  return { payload: payload as any, errors: response.errors, code: response.errors?.[0]?.extensions?.code };
}

/** Creates a draft through the API as `token`; answers its global ID and numeric id. */
export async function createDraft(server: TestServer, token: string, input: Record<string, unknown>): Promise<{ id: string; eventId: number }> {
  const { payload, errors } = await mutate(server, CREATE_EVENT, input, token);
  expect(errors).toBeUndefined();
  expect(payload.userErrors).toEqual([]);
  return { id: payload.event.id, eventId: fromGlobalIdOf('Event', payload.event.id) };
}

/**
 * Every row a refused mutation of events must leave as it was: the events
 * with their settings, bills, prices and tickets (with their prices), the
 * outbox and the seat-map log.
 */
export async function eventRows(sql: postgres.Sql) {
  const [rows] = await sql`
    SELECT (SELECT coalesce(json_agg(e ORDER BY e.id), '[]') FROM events e) AS events,
           (SELECT coalesce(json_agg(ep ORDER BY ep.event_id, ep.performer_id), '[]') FROM event_performers ep) AS performers,
           (SELECT coalesce(json_agg(es ORDER BY es.event_id, es.section_id), '[]') FROM event_sections es) AS prices,
           (SELECT coalesce(json_agg(json_build_array(t.id, t.status, t.price) ORDER BY t.id), '[]') FROM tickets t) AS tickets,
           (SELECT count(*)::int FROM outbox) AS outbox,
           (SELECT count(*)::int FROM seat_map_changes) AS "seatMapChanges"`;
  return rows;
}
