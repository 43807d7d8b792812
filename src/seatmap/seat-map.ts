/** An event's seat map: its version and every section's ticket statuses, read in one snapshot. */
import { sql } from 'drizzle-orm';
import { ticketStatusAt } from '../booking/tickets.js';
import type { CatalogLoaders } from '../catalog/loaders.js';
import type { EventRow, PricedSection } from '../catalog/types.js';
import type { Db } from '../db/client.js';
import { tickets } from '../db/schema.js';
import { encodeRuns } from './availability-code.js';

export interface SeatMapSectionView extends PricedSection {
  available: number;
  capacity: number;
  /** Run-length encoded statuses in ticket order; see availability-code.ts. */
  availability: string;
}

export interface SeatMapView {
  event: EventRow;
  version: number;
  sections: SeatMapSectionView[];
  /** When the first live hold on the map runs out, turning its seats available with no new version; null without one. */
  nextExpiry: Date | null;
}

export async function loadSeatMap(db: Db, loaders: CatalogLoaders, event: EventRow, now: Date): Promise<SeatMapView> {
  // One statement, so the statuses are exactly those of the version it reads.
  const [row] = await db.execute<{ version: string; next_expiry: string | null; sections: { section_id: number; letters: string }[] }>(sql`
    SELECT coalesce((SELECT version FROM seat_maps WHERE event_id = ${event.id}), 0) AS version,
           (SELECT min(${tickets.heldUntil}) FROM ${tickets}
            WHERE ${tickets.eventId} = ${event.id} AND ${tickets.status} = 'HELD' AND ${tickets.heldUntil} > ${now.toISOString()}::timestamptz) AS next_expiry,
           coalesce((
             SELECT json_agg(section) FROM (
               SELECT ${tickets.sectionId} AS section_id,
                      string_agg(CASE ${ticketStatusAt(now)} WHEN 'AVAILABLE' THEN 'A' WHEN 'HELD' THEN 'H' ELSE 'S' END, '' ORDER BY ${tickets.id}) AS letters
               FROM ${tickets} WHERE ${tickets.eventId} = ${event.id} GROUP BY ${tickets.sectionId}
             ) section
           ), '[]') AS sections`);
  const letters = new Map(row!.sections.map((section) => [section.section_id, section.letters]));
  const priced = await loaders.pricesByEventId.load(event.id);
  return {
    event,
    version: Number(row!.version),
    nextExpiry: row!.next_expiry === null ? null : new Date(row!.next_expiry),
    sections: priced.map((section) => {
      const statuses = letters.get(section.sectionId) ?? '';
      return {
        ...section,
        currency: event.currency,
        capacity: statuses.length,
        available: statuses.split('A').length - 1,
        availability: encodeRuns(statuses),
      };
    }),
  };
}
