/**
 * The SQL of organizers' venues: locking one to change it, its fields, taking
 * its seating plan away before a new one is stored (catalog's
 * storeSeatingPlans stores it), and an organizer's venues page by page.
 */
import type { PendingQuery, Row } from 'postgres';

import type { VenueRow } from '../../catalog/types.js';
import type { Queryable, Sql } from '../../db/client.js';
import type { VenueDetails } from '../venue-details.js';

/** The columns of a VenueRow of `venues v`, named as its fields. */
const venueColumns = (sql: Queryable) =>
  sql`v.id, v.name, v.address, v.city, v.region, v.country, v.latitude, v.longitude, v.timezone,
      v.organizer_id AS "organizerId", v.created_at AS "createdAt"`;

/**
 * The venue, its row locked FOR UPDATE until the transaction ends (`lock`
 * false only to show in a test what the lock prevents). Whoever creates
 * tickets from the venue's seats (publishEvent) locks it FOR SHARE, so a new
 * plan and a publish take turns: the second sees what the first did.
 */
export async function lockVenue(tx: Queryable, id: number, lock = true): Promise<VenueRow | undefined> {
  const [venue] = await tx<[VenueRow?]>`SELECT ${venueColumns(tx)} FROM venues v WHERE v.id = ${id} ${lock ? tx`FOR UPDATE` : tx``}`;
  return venue;
}

/** Sets the fields given (region null removes it); the venue as it is now. */
export async function updateVenueDetails(tx: Queryable, id: number, changes: Partial<VenueDetails>): Promise<VenueRow> {
  const columns = Object.keys(changes) as (keyof VenueDetails)[];
  const [venue] = await tx<[VenueRow]>`UPDATE venues v SET ${tx(changes, columns)} WHERE v.id = ${id} RETURNING ${venueColumns(tx)}`;
  return venue;
}

/**
 * Whether an event's tickets are, or will be, the venue's seats: an event
 * that is not a DRAFT (published once, its tickets made), or a draft with
 * tickets (the demo seed makes its drafts with theirs).
 */
export async function venuePlanInUse(tx: Queryable, venueId: number): Promise<boolean> {
  const [row] = await tx<[{ used: boolean }]>`
    SELECT EXISTS (
      SELECT 1 FROM events e
      WHERE e.venue_id = ${venueId} AND (e.status <> 'DRAFT' OR EXISTS (SELECT 1 FROM tickets t WHERE t.event_id = e.id))
    ) AS used`;
  return row.used;
}

/** Deletes the prices of the drafts at the venue, which name its sections; the number of prices deleted. */
export async function deleteDraftPrices(tx: Queryable, venueId: number): Promise<number> {
  const result = await tx`
    DELETE FROM event_sections es USING events e WHERE e.id = es.event_id AND e.venue_id = ${venueId} AND e.status = 'DRAFT'`;
  return result.count;
}

/** Deletes the seats of the venue's sections (no ticket may name them). */
export async function deleteSeatsOfVenue(tx: Queryable, venueId: number): Promise<void> {
  await tx`DELETE FROM seats WHERE section_id IN (SELECT id FROM sections WHERE venue_id = ${venueId})`;
}

/** Deletes the venue's sections, once nothing names them. */
export async function deleteSectionsOfVenue(tx: Queryable, venueId: number): Promise<void> {
  await tx`DELETE FROM sections WHERE venue_id = ${venueId}`;
}

/**
 * Up to `limit` venues of the organizer in (name, id) order
 * (venues_organizer_idx), after the organizer's venue `afterId` where it is
 * now: a venue renamed between two pages moves the next page with it.
 */
export function venuesOfOrganizer(sql: Sql, organizerId: number, afterId: number | null, limit: number): Promise<VenueRow[]> {
  const after: PendingQuery<Row[]> | false =
    afterId !== null && sql`AND (v.name, v.id) > (SELECT a.name, a.id FROM venues a WHERE a.id = ${afterId} AND a.organizer_id = ${organizerId})`;
  return sql<VenueRow[]>`
    SELECT ${venueColumns(sql)} FROM venues v WHERE v.organizer_id = ${organizerId} ${after || sql``} ORDER BY v.name, v.id LIMIT ${limit}`;
}
