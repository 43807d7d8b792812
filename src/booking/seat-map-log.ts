import type { Queryable } from '../db/client.js';
import type { TicketStatus } from './types.js';

export interface TicketChange {
  ticketId: number;
  status: TicketStatus;
  price: number;
}

/**
 * Bumps the event's seat-map version and records what changed, inside the
 * caller's transaction. The version row is locked until commit, so versions
 * of one event commit in order with no gaps; live seat maps replay from here.
 * Returns the new version.
 */
export async function recordSeatMapChanges(tx: Queryable, eventId: number, changes: readonly TicketChange[]): Promise<number> {
  const [row] = await tx<[{ version: string }]>`
    WITH bumped AS (
      INSERT INTO seat_maps (event_id, version) VALUES (${eventId}, 1)
      ON CONFLICT (event_id) DO UPDATE SET version = seat_maps.version + 1
      RETURNING version
    ), changed AS (
      INSERT INTO seat_map_changes (event_id, version, ticket_id, status, price)
      SELECT ${eventId}, bumped.version, change.ticket_id, change.status::ticket_status, change.price
      FROM bumped, unnest(
        ${changes.map((c) => c.ticketId)}::bigint[],
        ${changes.map((c) => c.status)}::text[],
        ${changes.map((c) => c.price)}::integer[]
      ) AS change (ticket_id, status, price)
    )
    SELECT version FROM bumped`;
  return Number(row!.version);
}

/** Records changes that may span events (the sweeper's batches): one version per event. */
export async function recordSeatMapChangesByEvent(tx: Queryable, changes: readonly (TicketChange & { eventId: number })[]): Promise<void> {
  const eventIds = [...new Set(changes.map((change) => change.eventId))].sort((a, b) => a - b);
  for (const eventId of eventIds) {
    await recordSeatMapChanges(tx, eventId, changes.filter((change) => change.eventId === eventId));
  }
}
