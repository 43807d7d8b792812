/**
 * The SQL of sales reports: the sales of events at a moment, read in one
 * statement, so that each event's figures agree with one another (one
 * snapshot) and a list of events costs no more statements than one.
 */
import type { Queryable } from '../../db/client.js';
import type { DailySalesView, EventSalesView, SectionSalesView } from '../types.js';

/** An event's sales as the statement reads them: the views without their currency, which is the event's. */
export type EventSalesRow = Omit<EventSalesView, 'currency' | 'netRevenue' | 'bySection' | 'byDay'> & {
  eventId: number;
  bySection: Omit<SectionSalesView, 'currency'>[];
  byDay: Omit<DailySalesView, 'currency'>[];
};

/**
 * The sales of each event at `now`, in one statement, a row per event in
 * the order of `eventIds`:
 * - its tickets by status at `now` (migration 0009's predicates: a hold that
 *   has run out is available), an index-only range of tickets_event_status_idx;
 * - what its bookings were charged, all of them and the cancelled ones
 *   (bookings_event_idx);
 * - the tickets of its CONFIRMED bookings at the prices their holds fixed,
 *   counted once per section and local day of sale (`kept`), then added up
 *   per priced section (every one, in section order, 0 where nothing sold)
 *   and per day in the venue's time zone (oldest first; JSON writes a date as
 *   YYYY-MM-DD). A date, not to_char's text, is grouped on: formatting every
 *   ticket's time took half the statement's time with 20,000 bookings.
 * Sums are bigints, which postgres.js reads as text (hence Number) and JSON
 * carries as numbers.
 */
export async function eventSales(sql: Queryable, eventIds: readonly number[], now: Date): Promise<EventSalesRow[]> {
  const ids = eventIds as number[];
  const rows = await sql<(Omit<EventSalesRow, 'grossRevenue' | 'refunded'> & { grossRevenue: string; refunded: string })[]>`
    WITH kept AS (
      SELECT b.event_id, t.section_id, (b.created_at AT TIME ZONE v.timezone)::date AS day, count(*) AS tickets, sum(ht.price) AS revenue
      FROM bookings b
      JOIN events e ON e.id = b.event_id
      JOIN venues v ON v.id = e.venue_id
      JOIN hold_tickets ht ON ht.hold_id = b.hold_id
      JOIN tickets t ON t.id = ht.ticket_id
      WHERE b.event_id = ANY(${ids}::integer[]) AND b.status = 'CONFIRMED'
      GROUP BY 1, 2, 3
    ), stock AS (
      SELECT event_id,
             count(*) FILTER (WHERE status = 'SOLD')::int AS sold,
             count(*) FILTER (WHERE ticket_held_at(status, held_until, ${now}))::int AS held,
             count(*) FILTER (WHERE NOT ticket_taken_at(status, held_until, ${now}))::int AS available
      FROM tickets WHERE event_id = ANY(${ids}::integer[]) GROUP BY event_id
    ), charged AS (
      SELECT event_id, sum(total) AS gross, sum(total) FILTER (WHERE status = 'CANCELLED') AS refunded
      FROM bookings WHERE event_id = ANY(${ids}::integer[]) GROUP BY event_id
    ), sections AS (
      SELECT es.event_id, json_agg(json_build_object(
               'section', json_build_object('id', s.id, 'venueId', s.venue_id, 'name', s.name, 'kind', s.kind, 'capacity', s.capacity),
               'ticketsSold', coalesce(sold.tickets, 0), 'revenue', coalesce(sold.revenue, 0)) ORDER BY s.id) AS list
      FROM event_sections es
      JOIN sections s ON s.id = es.section_id
      LEFT JOIN (SELECT event_id, section_id, sum(tickets) AS tickets, sum(revenue) AS revenue FROM kept GROUP BY 1, 2) sold
        ON sold.event_id = es.event_id AND sold.section_id = es.section_id
      WHERE es.event_id = ANY(${ids}::integer[])
      GROUP BY es.event_id
    ), days AS (
      SELECT event_id, json_agg(json_build_object('date', day, 'ticketsSold', tickets, 'revenue', revenue) ORDER BY day) AS list
      FROM (SELECT event_id, day, sum(tickets) AS tickets, sum(revenue) AS revenue FROM kept GROUP BY 1, 2) sold
      GROUP BY event_id
    )
    SELECT e.id AS "eventId",
           coalesce(stock.sold, 0) AS "ticketsSold", coalesce(stock.held, 0) AS "ticketsHeld", coalesce(stock.available, 0) AS "ticketsAvailable",
           coalesce(charged.gross, 0) AS "grossRevenue", coalesce(charged.refunded, 0) AS refunded,
           coalesce(sections.list, '[]') AS "bySection", coalesce(days.list, '[]') AS "byDay"
    FROM unnest(${ids}::integer[]) WITH ORDINALITY AS e(id, position)
    LEFT JOIN stock ON stock.event_id = e.id
    LEFT JOIN charged ON charged.event_id = e.id
    LEFT JOIN sections ON sections.event_id = e.id
    LEFT JOIN days ON days.event_id = e.id
    ORDER BY e.position`;
  return rows.map((row) => ({ ...row, grossRevenue: Number(row.grossRevenue), refunded: Number(row.refunded) }));
}
