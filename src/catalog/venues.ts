/**
 * Writing venues with their seat maps: the venue, its sections, and the seats
 * of its reserved sections, laid out from their definitions (seat-layout.ts).
 * The demo seed stores its venues with it, as organizers' venues will be.
 */
import type { Queryable } from '../db/client.js';
import { layoutSeats, sectionCapacity, type SectionDefinition } from './seat-layout.js';
import { insertSeats, insertSections, insertVenues } from './store.js';

/** A venue to create, with its seat map. */
export interface NewVenue {
  name: string;
  address: string;
  city: string;
  region: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  latitude: number;
  longitude: number;
  /** IANA time zone, e.g. America/Chicago. */
  timezone: string;
  /** In the order they are stored, and so of their ids. */
  sections: readonly SectionDefinition[];
}

export interface StoredVenues {
  /** In the order of the venues given. */
  venueIds: number[];
  /** Per venue, its section ids in the order of its definition. */
  sectionIds: number[][];
  sections: number;
  seats: number;
}

/** Seats go in batches of this many rows: five arrays parse far faster than a parameter per value. */
const SEATS_PER_STATEMENT = 50_000;

/**
 * Stores venues with their sections and seats, in the order given, on a pool
 * or in the caller's transaction (which it should be: a failure part way
 * leaves what was stored before it). `owner.organizerId` may edit them (null:
 * the platform keeps them).
 */
export async function storeVenues(sql: Queryable, venues: readonly NewVenue[], owner: { organizerId: number | null; createdAt: Date }): Promise<StoredVenues> {
  const venueIds = await insertVenues(
    sql,
    venues.map((venue) => ({
      name: venue.name,
      address: venue.address,
      city: venue.city,
      region: venue.region,
      country: venue.country,
      latitude: venue.latitude,
      longitude: venue.longitude,
      timezone: venue.timezone,
      organizer_id: owner.organizerId,
      created_at: owner.createdAt,
    })),
  );
  return { venueIds, ...(await storeSeatingPlans(sql, venueIds, venues)) };
}

/**
 * Stores the sections and seats of venues that have none (new ones, or one
 * whose plan was just deleted): `plans[i]` of venue `venueIds[i]`. Same
 * transaction advice as storeVenues.
 */
export async function storeSeatingPlans(
  sql: Queryable,
  venueIds: readonly number[],
  plans: readonly { sections: readonly SectionDefinition[] }[],
): Promise<Omit<StoredVenues, 'venueIds'>> {
  const sections = plans.flatMap((plan, v) => plan.sections.map((section) => ({ venueId: venueIds[v]!, section })));
  const sectionIds = await insertSections(
    sql,
    sections.map(({ venueId, section }) => ({
      venue_id: venueId,
      name: section.name,
      kind: section.kind,
      capacity: sectionCapacity(section),
    })),
  );
  const seats = sections.flatMap(({ section }, s) =>
    section.kind === 'RESERVED' ? layoutSeats(section).map((seat) => ({ sectionId: sectionIds[s]!, ...seat })) : [],
  );
  for (let i = 0; i < seats.length; i += SEATS_PER_STATEMENT) {
    const batch = seats.slice(i, i + SEATS_PER_STATEMENT);
    await insertSeats(sql, {
      sectionIds: batch.map((seat) => seat.sectionId),
      rowLabels: batch.map((seat) => seat.rowLabel),
      numbers: batch.map((seat) => seat.number),
      xs: batch.map((seat) => seat.x),
      ys: batch.map((seat) => seat.y),
    });
  }
  let next = 0;
  return {
    sectionIds: plans.map((plan) => sectionIds.slice(next, (next += plan.sections.length))),
    sections: sections.length,
    seats: seats.length,
  };
}
