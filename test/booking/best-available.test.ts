/**
 * Best available with the seat map in memory (reserve.ts, seatMapInMemory):
 * it reads only the sections the map shows with enough free seats, asking no
 * statement which sections have any; and a map a moment behind, showing the
 * free seats elsewhere, still ends in a hold, as the database's list would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Viewer } from '../../src/accounts/policy.js';
import { createHoldRelease } from '../../src/booking/holds.js';
import { createReservations } from '../../src/booking/reserve.js';
import { createCatalogLoaders } from '../../src/catalog/loaders.js';
import { connect, type Db, type Sql } from '../../src/db/client.js';
import { fromGlobalIdOf } from '../../src/relay/global-id.js';
import { createSeatMapLog } from '../../src/seatmap/change-log.js';
import { loadSeatMap } from '../../src/seatmap/seat-map.js';
import { createSeatMapCache } from '../../src/seatmap/seat-map-cache.js';
import { createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { useTestDatabase } from '../support/fixture.js';
import { manualClock } from '../support/server.js';

/** sectionsForSale's statement: which sections have a free ticket. */
const SECTIONS_QUERY = /FROM event_sections es JOIN sections s/;
/** freeUnits's statement: a general-admission section's free units. */
const UNITS_QUERY = /ORDER BY t\.ga_number/;

describe('best available with the seat map in memory', () => {
  const { database } = useTestDatabase();
  const clock = manualClock(new Date('2030-01-01T12:00:00Z'));
  const statements: string[] = [];
  let sql: Sql;
  let db: Db;

  beforeAll(() => {
    ({ sql, db } = connect(database.url, { poolSize: 2, onQuery: (statement) => void statements.push(statement) }));
  });
  afterAll(() => sql.end());

  /** Reservations and a seat-map cache over them, as server.ts wires them; `hinted: false` leaves the cache out. */
  async function arena(hinted = true) {
    const [organizer, ...fans] = await createBuyers(sql, 5, 'ORGANIZER');
    // Cheapest first: the floor's 4 units (5,000), then 2 rows of 4 seats (12,000).
    const event = await createOnSaleEvent(sql, organizer!.userId, { rows: 2, seatsPerRow: 4, gaCapacity: 4 });
    const seatMapLog = createSeatMapLog({ sql, keepVersions: 1_000, committed: () => {} });
    const cache = createSeatMapCache({ maxAgeMs: 60_000, clock });
    const reservations = createReservations({ clock, seatMapLog, seatMapInMemory: hinted ? cache.inMemory : undefined });
    const viewers = fans.map((fan): Viewer => ({ userId: fan.userId, role: 'FAN', sessionId: 'test' }));
    const loaders = createCatalogLoaders(db, sql, clock);
    const row = (await loaders.eventById.load(event.eventId))!;
    /** Reads the map into the cache now, as a buyer loading it would. */
    const loadMap = () => cache.get(event.eventId, (previous) => loadSeatMap(db, loaders, row, clock(), previous));
    const choose = (viewer: Viewer, ids: string[]) => reservations.reserveSeats(viewer, event.eventId, { ticketIds: ids.map(ticketId) });
    /** Best 2, with the statements it sent; and the sections of the tickets it held. */
    const best2 = async (viewer: Viewer) => {
      statements.length = 0;
      const result = await reservations.reserveSeats(viewer, event.eventId, { bestAvailable: { quantity: 2 } });
      return { result, sent: [...statements], sections: 'holdId' in result ? await sectionsOfHold(result.holdId, event) : [] };
    };
    return { event, viewers, seatMapLog, loadMap, choose, best2 };
  }

  const ticketId = (id: string) => fromGlobalIdOf('Ticket', id);
  async function sectionsOfHold(holdId: number, event: OnSaleEvent): Promise<string[]> {
    const rows = await sql<{ sectionId: number }[]>`SELECT section_id AS "sectionId" FROM tickets WHERE hold_id = ${holdId} ORDER BY id`;
    return rows.map((row) => (row.sectionId === event.gaSectionId ? 'floor' : 'seats'));
  }

  it('reads only the sections the map shows with enough free seats, and asks no statement which have any', async () => {
    const { event, viewers, loadMap, choose, best2 } = await arena();
    expect(await choose(viewers[0]!, event.units.slice(0, 3))).toHaveProperty('holdId'); // the floor keeps 1 unit: too few for 2
    await loadMap();

    const { result, sent, sections } = await best2(viewers[1]!);
    expect(result).toHaveProperty('holdId');
    expect(sections).toEqual(['seats', 'seats']);
    expect(sent.filter((statement) => SECTIONS_QUERY.test(statement) || UNITS_QUERY.test(statement))).toEqual([]);
  });

  it('without the map, asks the database which sections have a free seat, and reads the floor', async () => {
    const { event, viewers, choose, best2 } = await arena(false);
    expect(await choose(viewers[0]!, event.units.slice(0, 3))).toHaveProperty('holdId');

    const { sections, sent } = await best2(viewers[1]!);
    expect(sections).toEqual(['seats', 'seats']);
    expect(sent.filter((statement) => SECTIONS_QUERY.test(statement))).toHaveLength(1);
    expect(sent.filter((statement) => UNITS_QUERY.test(statement))).toHaveLength(1); // the floor has 1 free unit: read, for nothing
  });

  it('holds the seats a map a moment behind shows taken, when the sections it shows free are full', async () => {
    const { event, viewers, seatMapLog, loadMap, choose, best2 } = await arena();
    const floor = await choose(viewers[0]!, event.units);
    expect(await choose(viewers[1]!, event.seats.flat().slice(0, 6))).toHaveProperty('holdId');
    await loadMap(); // the floor full, 2 seats free
    expect(await choose(viewers[2]!, event.seats.flat().slice(6))).toHaveProperty('holdId'); // now every seat is held
    await createHoldRelease(clock, seatMapLog).releaseHold(viewers[0]!, (floor as { holdId: number }).holdId); // and the floor free again

    const { result, sections, sent } = await best2(viewers[3]!);
    expect(result).toHaveProperty('holdId');
    expect(sections).toEqual(['floor', 'floor']);
    expect(sent.filter((statement) => SECTIONS_QUERY.test(statement))).toHaveLength(1); // the map's sections yielded nothing: the database was asked
  });
});
