/**
 * Where a seat map's tickets are (schema/seatmap.graphql, SeatLayout): every
 * section's ticket IDs, rows, numbers and x/y as columns, in the order of its
 * statuses. Places never change once a ticket exists, and an event's tickets
 * are only ever added (all at once, when it is published), so an event's
 * places are read once, with one statement for all its sections, and kept
 * here for every later request: during an on-sale thousands of fans load the
 * same 20,000-seat map each second, and reading 20,000 rows for each would
 * cost far more than the map's statuses do.
 *
 * Since tickets are only added, a reading holds every ticket of any map read
 * before it, and a section's count tells which is newer: a kept reading
 * serves a map whose section has at most as many tickets (its first ones,
 * as ids grow), and a map with more is answered from a new reading.
 */
import { LRUCache } from 'lru-cache';

import { toGlobalId } from '../relay/global-id.js';
import type { SectionPlaces } from './store.js';

/** One section's tickets as the API shows their places: item i of each column is the section's i-th ticket. */
export interface SectionLayout {
  ticketIds: string[];
  rows: (string | null)[];
  numbers: number[];
  x: (number | null)[];
  y: (number | null)[];
}

/** Reads the places of every ticket of one event (store.ts, readPlaces). */
export type PlacesRead = () => Promise<SectionPlaces[]>;

/** Tickets whose places are kept, over all events: some 20 arenas, at about 80 bytes a ticket. */
const MAX_TICKETS = 400_000;

/** A reading of an event's places: each section's layout, by section id. */
type Reading = Promise<Map<number, SectionLayout>>;

export type LayoutCache = ReturnType<typeof createLayoutCache>;

export function createLayoutCache() {
  const readings = new LRUCache<number, Reading>({ maxSize: MAX_TICKETS });

  /** Starts a reading of the event's places, kept (a failed one is not). */
  function readAgain(eventId: number, read: PlacesRead): Reading {
    const reading = read().then(toLayouts);
    readings.set(eventId, reading, { size: 1 }); // sized once read, below
    reading.then(
      (sections) => {
        const tickets = [...sections.values()].reduce((sum, section) => sum + section.ticketIds.length, 0);
        if (readings.peek(eventId) === reading) readings.set(eventId, reading, { size: Math.max(1, tickets) });
      },
      () => readings.peek(eventId) === reading && readings.delete(eventId),
    );
    return reading;
  }

  return {
    /**
     * The layout of the section's first `capacity` tickets (all it had when
     * its map was read): from memory when kept, else from one reading of the
     * event's places, shared with every section and request asking meanwhile.
     */
    async section(eventId: number, sectionId: number, capacity: number, read: PlacesRead): Promise<SectionLayout> {
      const kept = readings.get(eventId) ?? readAgain(eventId, read);
      let layout = (await kept).get(sectionId) ?? EMPTY;
      if (layout.ticketIds.length < capacity) {
        // Read before tickets were added: read again, unless another section of the map already did.
        const newer = readings.peek(eventId);
        layout = (await (newer && newer !== kept ? newer : readAgain(eventId, read))).get(sectionId) ?? EMPTY;
        if (layout.ticketIds.length < capacity) throw new Error(`Section ${sectionId} of event ${eventId} has fewer tickets than its map.`);
      }
      return layout.ticketIds.length === capacity ? layout : sliced(layout, capacity);
    },
  };
}

const EMPTY: SectionLayout = { ticketIds: [], rows: [], numbers: [], x: [], y: [] };

function toLayouts(places: SectionPlaces[]): Map<number, SectionLayout> {
  return new Map(
    places.map(({ sectionId, ids, rows, numbers, x, y }) => [sectionId, { ticketIds: ids.map((id) => toGlobalId('Ticket', Number(id))), rows, numbers, x, y }]),
  );
}

function sliced(layout: SectionLayout, count: number): SectionLayout {
  return {
    ticketIds: layout.ticketIds.slice(0, count),
    rows: layout.rows.slice(0, count),
    numbers: layout.numbers.slice(0, count),
    x: layout.x.slice(0, count),
    y: layout.y.slice(0, count),
  };
}
