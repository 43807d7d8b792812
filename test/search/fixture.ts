/**
 * A fixed catalog for the search contract: real-sounding acts, accents,
 * look-alike names (Taylor Swift and Taylor Tomlinson, Cirque du Soleil and
 * Cirque Éloize), a tribute act, a description-only mention, and events that
 * search must leave out by default (cancelled, past, draft). Written straight
 * to the database; every event has two general-admission sections of four
 * tickets, priced as listed.
 */
import type postgres from 'postgres';

import { createTickets } from '../../src/catalog/store.js';
import { connect, type Sql } from '../../src/db/client.js';
import { ANCHOR } from '../support/catalog.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

export const DAY = 86_400_000;

interface FixtureVenue {
  name: string;
  city: string;
  country: string;
  latitude: number;
  longitude: number;
  currency: string;
}

export const VENUES = {
  msg: { name: 'Madison Square Garden', city: 'New York', country: 'US', latitude: 40.7505, longitude: -73.9934, currency: 'USD' },
  barclays: { name: 'Barclays Center', city: 'New York', country: 'US', latitude: 40.6826, longitude: -73.9754, currency: 'USD' },
  cellar: { name: 'Comedy Cellar', city: 'New York', country: 'US', latitude: 40.7303, longitude: -74.0005, currency: 'USD' },
  rodgers: { name: 'Richard Rodgers Theatre', city: 'New York', country: 'US', latitude: 40.7591, longitude: -73.9865, currency: 'USD' },
  wembley: { name: 'Wembley Stadium', city: 'London', country: 'GB', latitude: 51.556, longitude: -0.2796, currency: 'GBP' },
  o2: { name: 'The O2', city: 'London', country: 'GB', latitude: 51.503, longitude: 0.0032, currency: 'GBP' },
  albert: { name: 'Royal Albert Hall', city: 'London', country: 'GB', latitude: 51.5009, longitude: -0.1774, currency: 'GBP' },
  majesty: { name: "Her Majesty's Theatre", city: 'London', country: 'GB', latitude: 51.5086, longitude: -0.1318, currency: 'GBP' },
  lanxess: { name: 'Lanxess Arena', city: 'Köln', country: 'DE', latitude: 50.9384, longitude: 6.983, currency: 'EUR' },
  bell: { name: 'Bell Centre', city: 'Montréal', country: 'CA', latitude: 45.4961, longitude: -73.5693, currency: 'CAD' },
  jordi: { name: 'Palau Sant Jordi', city: 'Barcelona', country: 'ES', latitude: 41.3636, longitude: 2.1527, currency: 'EUR' },
  chatelet: { name: 'Théâtre du Châtelet', city: 'Paris', country: 'FR', latitude: 48.8577, longitude: 2.3469, currency: 'EUR' },
  fasching: { name: 'Fasching', city: 'Stockholm', country: 'SE', latitude: 59.3326, longitude: 18.0568, currency: 'SEK' },
} satisfies Record<string, FixtureVenue>;

export type VenueKey = keyof typeof VENUES;
type Category = 'CONCERT' | 'SPORTS' | 'THEATRE' | 'COMEDY' | 'FAMILY' | 'FESTIVAL';

export interface FixtureEvent {
  title: string;
  description?: string;
  performers: string[];
  venue: VenueKey;
  category: Category;
  /** Days after ANCHOR it starts (at 20:00 UTC); negative: in the past. */
  day: number;
  /** The two sections' prices, minor units. */
  prices: [number, number];
  status?: 'ON_SALE' | 'CANCELLED' | 'DRAFT';
  /** Tickets (of 8) sold the day before ANCHOR: popularity; 8 is sold out. */
  sold?: number;
}

export const EVENTS = {
  'ts-wembley': { title: 'Taylor Swift | The Eras Tour', performers: ['Taylor Swift'], venue: 'wembley', category: 'CONCERT', day: 10, prices: [9_500, 25_000], sold: 6 },
  'ts-msg': { title: 'Taylor Swift | The Eras Tour', performers: ['Taylor Swift'], venue: 'msg', category: 'CONCERT', day: 20, prices: [12_000, 45_000], sold: 7 },
  'ts-koln': { title: 'Taylor Swift | The Eras Tour', performers: ['Taylor Swift'], venue: 'lanxess', category: 'CONCERT', day: 30, prices: [11_000, 30_000], sold: 5 },
  'ts-past': { title: 'Taylor Swift | The Eras Tour', performers: ['Taylor Swift'], venue: 'bell', category: 'CONCERT', day: -5, prices: [13_000, 35_000] },
  tribute: {
    title: 'Swiftie Night: A Taylor Swift Tribute', description: 'The hits of the Eras, played live by a tribute band.',
    performers: ['The Swifties'], venue: 'cellar', category: 'CONCERT', day: 12, prices: [2_500, 4_000],
  },
  jazz: {
    title: 'Late Night Jazz & Standards', description: 'Standards and pop songs by Taylor Swift and Adele, reimagined for piano trio.',
    performers: ['Blue Room Trio'], venue: 'albert', category: 'CONCERT', day: 14, prices: [3_000, 5_000],
  },
  'beyonce-o2': { title: 'Beyoncé: Renaissance World Tour', performers: ['Beyoncé'], venue: 'o2', category: 'CONCERT', day: 15, prices: [8_000, 20_000], sold: 3 },
  'beyonce-barclays': { title: 'Beyoncé: Cowboy Carter Tour', performers: ['Beyoncé'], venue: 'barclays', category: 'CONCERT', day: 25, prices: [9_000, 22_000], sold: 2 },
  'soleil-bell': { title: 'Cirque du Soleil: Alegría', performers: ['Cirque du Soleil'], venue: 'bell', category: 'FAMILY', day: 8, prices: [6_000, 12_000] },
  'soleil-albert': { title: 'Cirque du Soleil: KOOZA', performers: ['Cirque du Soleil'], venue: 'albert', category: 'FAMILY', day: 40, prices: [5_000, 9_000] },
  eloize: { title: 'Cirque Éloize: Hotel', performers: ['Cirque Éloize'], venue: 'bell', category: 'FAMILY', day: 18, prices: [4_000, 7_000] },
  coldplay: { title: 'Coldplay: Music of the Spheres', performers: ['Coldplay'], venue: 'jordi', category: 'CONCERT', day: 22, prices: [7_000, 15_000], sold: 1 },
  'coldplay-cancelled': { title: 'Coldplay: Music of the Spheres', performers: ['Coldplay'], venue: 'msg', category: 'CONCERT', day: 24, prices: [8_000, 16_000], status: 'CANCELLED' },
  sheeran: { title: 'Ed Sheeran: Mathematics Tour', performers: ['Ed Sheeran'], venue: 'wembley', category: 'CONCERT', day: 35, prices: [6_500, 14_000] },
  adele: { title: 'Weekends with Adele', performers: ['Adele'], venue: 'albert', category: 'CONCERT', day: 16, prices: [15_000, 30_000], sold: 8 },
  metallica: { title: 'Metallica: M72 World Tour', performers: ['Metallica'], venue: 'lanxess', category: 'CONCERT', day: 45, prices: [9_000, 16_000] },
  'metallica-tribute': {
    title: 'Ride the Lightning: A Tribute Night', description: 'Metallica classics from the first four albums, note for note.',
    performers: ['Master of Puppets'], venue: 'fasching', category: 'CONCERT', day: 26, prices: [25_000, 40_000],
  },
  kendrick: { title: 'Kendrick Lamar: Grand National Tour', performers: ['Kendrick Lamar'], venue: 'msg', category: 'CONCERT', day: 28, prices: [10_000, 28_000] },
  motley: { title: 'Mötley Crüe: The World Tour', performers: ['Mötley Crüe'], venue: 'barclays', category: 'CONCERT', day: 33, prices: [7_500, 13_000] },
  sigur: { title: 'Sigur Rós with Orchestra', performers: ['Sigur Rós', 'London Symphony Orchestra'], venue: 'albert', category: 'CONCERT', day: 50, prices: [6_000, 11_000] },
  chappelle: { title: 'Dave Chappelle Live', performers: ['Dave Chappelle'], venue: 'cellar', category: 'COMEDY', day: 9, prices: [5_000, 9_000], sold: 4 },
  tomlinson: { title: 'Taylor Tomlinson: Have It All', performers: ['Taylor Tomlinson'], venue: 'cellar', category: 'COMEDY', day: 19, prices: [4_500, 8_000] },
  knicks: { title: 'New York Knicks vs Boston Celtics', performers: ['New York Knicks', 'Boston Celtics'], venue: 'msg', category: 'SPORTS', day: 6, prices: [8_500, 40_000] },
  hamilton: { title: 'Hamilton', description: 'The musical about America’s founding father.', performers: ['Hamilton Broadway Company'], venue: 'rodgers', category: 'THEATRE', day: 7, prices: [9_900, 29_900] },
  phantom: { title: 'The Phantom of the Opera', performers: ['Really Useful Theatre Company'], venue: 'majesty', category: 'THEATRE', day: 11, prices: [3_500, 12_500] },
  miserables: { title: 'Les Misérables', performers: ['Compagnie du Châtelet'], venue: 'chatelet', category: 'THEATRE', day: 21, prices: [4_000, 9_500] },
  nils: { title: 'Nils Åberg Quartet', performers: ['Nils Åberg'], venue: 'fasching', category: 'CONCERT', day: 13, prices: [30_000, 45_000] },
  billie: { title: 'Billie Eilish: Hit Me Hard and Soft', performers: ['Billie Eilish'], venue: 'o2', category: 'CONCERT', day: 17, prices: [7_000, 12_000] },
  draft: { title: 'Taylor Swift Secret Show', performers: ['Taylor Swift'], venue: 'o2', category: 'CONCERT', day: 60, prices: [10_000, 10_000], status: 'DRAFT' },
} satisfies Record<string, FixtureEvent>;

export type EventKey = keyof typeof EVENTS;
export const EVENT_KEYS = Object.keys(EVENTS) as EventKey[];
export const event = (key: EventKey): FixtureEvent & { venue: VenueKey } => EVENTS[key];
export const startsAt = (key: EventKey) => new Date(ANCHOR.getTime() + event(key).day * DAY + 20 * 3600_000);

/** What search finds by default: on sale, not started at ANCHOR. In date order. */
export const UPCOMING: EventKey[] = EVENT_KEYS.filter((key) => (event(key).status ?? 'ON_SALE') === 'ON_SALE' && event(key).day > 0).sort(
  (a, b) => startsAt(a).getTime() - startsAt(b).getTime(),
);

export interface StoredFixture {
  eventIds: Record<EventKey, number>;
  keyOf(eventId: number): EventKey;
  venueIds: Record<VenueKey, number>;
  performerIds: Record<string, number>;
}

/** Writes the fixture catalog; events get ids in EVENTS order. */
export async function storeFixture(sql: postgres.Sql): Promise<StoredFixture> {
  const [organizer] = await sql<[{ id: number }]>`
    INSERT INTO users (email, name, role, password_hash) VALUES ('organizer@fixture.test', 'Fixture Organizer', 'ORGANIZER', 'never logs in') RETURNING id`;
  const venueIds = {} as Record<VenueKey, number>;
  const sectionIds = {} as Record<VenueKey, [number, number]>;
  for (const [key, venue] of Object.entries(VENUES) as [VenueKey, FixtureVenue][]) {
    const [row] = await sql<[{ id: number }]>`
      INSERT INTO venues (name, address, city, country, latitude, longitude, timezone)
      VALUES (${venue.name}, '1 Fixture Way', ${venue.city}, ${venue.country}, ${venue.latitude}, ${venue.longitude}, 'UTC') RETURNING id`;
    venueIds[key] = row.id;
    const sections = await sql<{ id: number }[]>`
      INSERT INTO sections (venue_id, name, kind, capacity)
      VALUES (${row.id}, 'Floor', 'GENERAL_ADMISSION', 4), (${row.id}, 'Balcony', 'GENERAL_ADMISSION', 4) RETURNING id`;
    sectionIds[key] = [sections[0]!.id, sections[1]!.id];
  }
  const names = [...new Set(EVENT_KEYS.flatMap((key) => event(key).performers))];
  const performers = await sql<{ id: number; name: string }[]>`
    INSERT INTO performers (name, kind) SELECT unnest(${names}::text[]), 'ARTIST' RETURNING id, name`;
  const performerIds = Object.fromEntries(performers.map((p) => [p.name, p.id]));

  const eventIds = {} as Record<EventKey, number>;
  for (const key of EVENT_KEYS) {
    const e = event(key);
    const starts = startsAt(key);
    const [row] = await sql<[{ id: number }]>`
      INSERT INTO events (title, description, category, status, starts_at, ends_at, on_sale_at, venue_id, organizer_id, currency)
      VALUES (${e.title}, ${e.description ?? ''}, ${e.category}, ${e.status ?? 'ON_SALE'}, ${starts}, ${new Date(starts.getTime() + 3 * 3600_000)},
              ${new Date(ANCHOR.getTime() - 30 * DAY)}, ${venueIds[e.venue]}, ${organizer.id}, ${VENUES[e.venue].currency})
      RETURNING id`;
    eventIds[key] = row.id;
    await sql`INSERT INTO event_performers (event_id, performer_id, billing)
              SELECT ${row.id}, unnest(${e.performers.map((name) => performerIds[name]!)}::integer[]), generate_series(0, ${e.performers.length - 1})`;
    const [floor, balcony] = sectionIds[e.venue];
    await sql`INSERT INTO event_sections (event_id, section_id, price) VALUES (${row.id}, ${floor}, ${e.prices[1]}), (${row.id}, ${balcony}, ${e.prices[0]})`;
    await createTickets(sql, [row.id]);
    if (e.sold) await sell(sql, row.id, organizer.id, e.sold);
  }
  const keys = new Map(Object.entries(eventIds).map(([key, id]) => [id, key as EventKey]));
  return { eventIds, venueIds, performerIds, keyOf: (id) => keys.get(id) ?? (`unknown event ${id}` as EventKey) };
}

/** A database of its own holding the fixture, with a pool as the server makes it; drop() closes and drops both (so does a failure to store the fixture). */
export async function createFixtureDatabase(): Promise<TestDatabase & { sql: Sql; fixture: StoredFixture }> {
  const database = await createTestDatabase();
  const { sql } = connect(database.url, { poolSize: 6 });
  const drop = async () => {
    await sql.end();
    await database.drop();
  };
  try {
    return { ...database, sql, fixture: await storeFixture(sql), drop };
  } catch (error) {
    await drop();
    throw error;
  }
}

/** Sells `count` of the event's tickets in one booking made the day before ANCHOR. */
export async function sell(sql: postgres.Sql, eventId: number, userId: number, count: number): Promise<void> {
  const soldAt = new Date(ANCHOR.getTime() - DAY);
  await sql`
    WITH hold AS (
      INSERT INTO holds (event_id, user_id, status, expires_at, created_at, ended_at)
      VALUES (${eventId}, ${userId}, 'CONFIRMED', ${soldAt}, ${soldAt}, ${soldAt}) RETURNING id
    ), booking AS (
      INSERT INTO bookings (event_id, user_id, hold_id, total, currency, payment_id, payment_status, created_at)
      SELECT ${eventId}, ${userId}, id, 0, 'USD', 'fixture', 'CAPTURED', ${soldAt} FROM hold RETURNING id
    )
    UPDATE tickets SET status = 'SOLD', booking_id = (SELECT id FROM booking)
    WHERE id IN (SELECT id FROM tickets WHERE event_id = ${eventId} ORDER BY id LIMIT ${count})`;
}
