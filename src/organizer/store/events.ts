/**
 * The SQL of an event's life as its organizer runs it: the locks a change
 * takes, the draft's rows (the event, its performers and prices), a published
 * event's settings, and deletion (pricing/store.ts changes a published
 * event's prices). events.ts and publish.ts say which, in which order and
 * transaction.
 */
import { eventColumns } from '../../catalog/store.js';
import type { EventRow } from '../../catalog/types.js';
import type { Queryable } from '../../db/client.js';
import type { SectionPrice } from '../../pricing/store.js';

/** A venue as the locks read it: whose it is (canUseVenue). */
export interface LockedVenue {
  id: number;
  organizerId: number | null;
}

/** The settings of an event that its organizer writes. */
export type EventFields = Pick<
  EventRow,
  'title' | 'description' | 'category' | 'venueId' | 'currency' | 'startsAt' | 'endsAt' | 'onSaleAt' | 'holdTtlSeconds' | 'ticketLimit'
>;

/**
 * Share-locks (FOR SHARE, in id order) the venues `venueIds` and the one the
 * event `eventId` is at, until the transaction ends; answers those that exist.
 * Venues are locked before events, as updateVenue takes them: it changes the
 * drafts at the venue it holds.
 */
export function lockVenues(tx: Queryable, venues: { eventId?: number; venueIds?: readonly number[] }): Promise<LockedVenue[]> {
  return tx<LockedVenue[]>`
    SELECT v.id, v.organizer_id AS "organizerId" FROM venues v
    WHERE v.id = ANY(${[...(venues.venueIds ?? [])]}::integer[] || (SELECT e.venue_id FROM events e WHERE e.id = ${venues.eventId ?? null}))
    ORDER BY v.id
    FOR SHARE OF v`;
}

/**
 * The event, locked FOR UPDATE until the transaction ends: another change, a
 * publish or a cancellation of it waits, and so does a sale. `locked: false`
 * is UnsafeEventGuards' test-only switch: the event read, not locked.
 */
export async function lockEvent(tx: Queryable, id: number, locked = true): Promise<EventRow | undefined> {
  const [event] = await tx<[EventRow?]>`SELECT ${eventColumns(tx)} FROM events e WHERE e.id = ${id} ${locked ? tx`FOR UPDATE OF e` : tx``}`;
  return event;
}

/** The event's prices, in section order. */
export function pricesOfEvent(tx: Queryable, eventId: number): Promise<SectionPrice[]> {
  return tx<SectionPrice[]>`SELECT section_id AS "sectionId", price AS amount FROM event_sections WHERE event_id = ${eventId} ORDER BY section_id`;
}

/** Stores a new DRAFT with its performers (headliner first) and prices, in one statement; answers it. */
export async function insertDraft(
  tx: Queryable,
  event: EventFields & { organizerId: number },
  performerIds: readonly number[],
  prices: readonly SectionPrice[],
  at: Date,
): Promise<EventRow> {
  const [inserted] = await tx<[EventRow]>`
    WITH event AS (
      INSERT INTO events (title, description, category, venue_id, organizer_id, currency, starts_at, ends_at, on_sale_at,
                          hold_ttl_seconds, ticket_limit, created_at, updated_at)
      VALUES (${event.title}, ${event.description}, ${event.category}, ${event.venueId}, ${event.organizerId}, ${event.currency},
              ${event.startsAt}, ${event.endsAt}, ${event.onSaleAt}, ${event.holdTtlSeconds}, ${event.ticketLimit}, ${at}, ${at})
      RETURNING *
    ), billed AS (
      INSERT INTO event_performers (event_id, performer_id, billing)
      SELECT event.id, listed.id, listed.billing - 1 FROM event, unnest(${[...performerIds]}::integer[]) WITH ORDINALITY AS listed (id, billing)
    ), priced AS (
      INSERT INTO event_sections (event_id, section_id, price)
      SELECT event.id, given.section_id, given.price
      FROM event, unnest(${prices.map((p) => p.sectionId)}::integer[], ${prices.map((p) => p.amount)}::integer[]) AS given (section_id, price)
    )
    SELECT ${eventColumns(tx)} FROM event e`;
  return inserted;
}

/** Writes the event's settings and updatedAt; answers the event as it now is. */
export async function updateEventFields(tx: Queryable, id: number, fields: EventFields, at: Date): Promise<EventRow> {
  const [updated] = await tx<[EventRow]>`
    UPDATE events e
    SET title = ${fields.title}, description = ${fields.description}, category = ${fields.category}, venue_id = ${fields.venueId},
        currency = ${fields.currency}, starts_at = ${fields.startsAt}, ends_at = ${fields.endsAt}, on_sale_at = ${fields.onSaleAt},
        hold_ttl_seconds = ${fields.holdTtlSeconds}, ticket_limit = ${fields.ticketLimit}, updated_at = ${at}
    WHERE e.id = ${id}
    RETURNING ${eventColumns(tx)}`;
  return updated;
}

/** Makes `performerIds` (headliner first) the event's whole bill. */
export async function setPerformers(tx: Queryable, eventId: number, performerIds: readonly number[]): Promise<void> {
  await tx`
    WITH dropped AS (
      DELETE FROM event_performers WHERE event_id = ${eventId} AND performer_id <> ALL(${[...performerIds]}::integer[])
    )
    INSERT INTO event_performers (event_id, performer_id, billing)
    SELECT ${eventId}, listed.id, listed.billing - 1 FROM unnest(${[...performerIds]}::integer[]) WITH ORDINALITY AS listed (id, billing)
    ON CONFLICT (event_id, performer_id) DO UPDATE SET billing = excluded.billing`;
}

/** Sets a draft's prices of the sections given; with `dropOthers` (it moved venue), every other price goes. */
export async function setDraftPrices(tx: Queryable, eventId: number, prices: readonly SectionPrice[], dropOthers: boolean): Promise<void> {
  const sectionIds = prices.map((p) => p.sectionId);
  await tx`
    WITH dropped AS (
      DELETE FROM event_sections WHERE event_id = ${eventId} AND ${dropOthers}::boolean AND section_id <> ALL(${sectionIds}::integer[])
    )
    INSERT INTO event_sections (event_id, section_id, price)
    SELECT ${eventId}, given.section_id, given.price FROM unnest(${sectionIds}::integer[], ${prices.map((p) => p.amount)}::integer[]) AS given (section_id, price)
    ON CONFLICT (event_id, section_id) DO UPDATE SET price = excluded.price`;
}

/** Whether the event has a CONFIRMED booking (bookings_event_idx). */
export async function hasConfirmedBookings(tx: Queryable, eventId: number): Promise<boolean> {
  const [{ booked }] = await tx<[{ booked: boolean }]>`
    SELECT EXISTS (SELECT 1 FROM bookings WHERE event_id = ${eventId} AND status = 'CONFIRMED') AS booked`;
  return booked;
}

/** Whether the event has any ticket. */
export async function hasTickets(tx: Queryable, eventId: number): Promise<boolean> {
  const [{ ticketed }] = await tx<[{ ticketed: boolean }]>`SELECT EXISTS (SELECT 1 FROM tickets WHERE event_id = ${eventId}) AS ticketed`;
  return ticketed;
}

/** Puts the event ON_SALE; answers it as it now is. */
export async function markOnSale(tx: Queryable, id: number, at: Date): Promise<EventRow> {
  const [published] = await tx<[EventRow]>`
    UPDATE events e SET status = 'ON_SALE', updated_at = ${at} WHERE e.id = ${id} RETURNING ${eventColumns(tx)}`;
  return published;
}

/** Deletes the event; its performers, prices, seat map, waiting room and cancellation go with it (ON DELETE CASCADE). */
export async function deleteEventRow(tx: Queryable, id: number): Promise<void> {
  await tx`DELETE FROM events WHERE id = ${id}`;
}
