/**
 * The waiting room's PostgreSQL stores: the queue keeps the QueueStore
 * contract (each store on a pool of its own, as each process has), and the
 * organizers' settings are saved, read and listed for the admitter.
 */
import { describe, expect, it } from 'vitest';

import { connect, type Sql } from '../../src/db/client.js';
import { createPostgresQueueStore } from '../../src/waitingroom/postgres-queue.js';
import { enabledRoomsOpenBy, roomOf, roomsOf, saveRoom, type WaitingRoomSettings } from '../../src/waitingroom/store/rooms.js';
import { createBuyers } from '../support/booking.js';
import { useTestDatabase } from '../support/fixture.js';
import { queueStoreContract, USERS } from './store-contract.js';

const ON_SALE_AT = new Date('2030-01-01T01:00:00Z');

describe('the waiting room on PostgreSQL', () => {
  const { database } = useTestDatabase();

  /** A new event (in a venue of its own, with no tickets: the queue needs only the row), opening ON_SALE_AT. */
  async function newEvent(onSaleAt = ON_SALE_AT): Promise<number> {
    const sql = database.sql;
    const [organizer] = await createBuyers(sql, 1, 'ORGANIZER');
    const [venue] = await sql<[{ id: number }]>`
      INSERT INTO venues (name, address, city, country, latitude, longitude, timezone)
      VALUES ('Queue Hall', '1 Main St', 'Testville', 'US', 40, -74, 'America/New_York') RETURNING id`;
    const [event] = await sql<[{ id: number }]>`
      INSERT INTO events (title, category, status, starts_at, ends_at, on_sale_at, venue_id, organizer_id, currency)
      VALUES ('Queue Concert', 'CONCERT', 'ON_SALE', '2030-03-01T20:00:00Z', '2030-03-01T23:00:00Z', ${onSaleAt}, ${venue.id}, ${organizer!.userId}, 'USD')
      RETURNING id`;
    return event.id;
  }

  queueStoreContract(async () => {
    const pools: Sql[] = [];
    const userIds = (await createBuyers(database.sql, USERS)).map((buyer) => buyer.userId);
    return {
      async open() {
        const { sql } = connect(database.url, { poolSize: 4 });
        pools.push(sql);
        return createPostgresQueueStore(sql);
      },
      newEvent: () => newEvent(),
      userIds,
      async close() {
        await Promise.all(pools.map((sql) => sql.end()));
      },
    };
  });

  it('saves an event’s room, reads it back, and lists the enabled rooms open at a time for the admitter', async () => {
    const sql = database.sql;
    const [early, late, off] = [await newEvent(), await newEvent(new Date('2030-01-02T01:00:00Z')), await newEvent()];
    const room = (eventId: number, opensAt: Date, enabled = true): WaitingRoomSettings => ({
      eventId,
      enabled,
      opensAt,
      admitPerMinute: null,
      admissionTtlSeconds: 600,
      maxActiveBuyers: 500,
    });
    const saved = await saveRoom(sql, room(early, new Date('2030-01-01T00:30:00Z')), ON_SALE_AT);
    expect(saved).toEqual(room(early, new Date('2030-01-01T00:30:00Z')));
    expect(await saveRoom(sql, { ...saved, admitPerMinute: 120 }, ON_SALE_AT)).toEqual({ ...saved, admitPerMinute: 120 });
    await saveRoom(sql, room(late, new Date('2030-01-02T00:30:00Z')), ON_SALE_AT);
    await saveRoom(sql, room(off, new Date('2030-01-01T00:30:00Z'), false), ON_SALE_AT);

    expect(await roomOf(sql, early)).toEqual({ ...saved, admitPerMinute: 120 });
    expect(await roomOf(sql, early + 1_000)).toBeUndefined();
    expect((await roomsOf(sql, [early, late, off, early + 1_000])).map((row) => row.eventId).sort((a, b) => a - b)).toEqual([early, late, off]);

    const openAt = async (at: string) => (await enabledRoomsOpenBy(sql, new Date(at))).filter((row) => [early, late, off].includes(row.eventId));
    expect(await openAt('2030-01-01T00:29:59Z')).toEqual([]);
    expect(await openAt('2030-01-01T00:30:00Z')).toEqual([{ ...saved, admitPerMinute: 120, onSaleAt: ON_SALE_AT, eventStatus: 'ON_SALE' }]);
    expect((await openAt('2030-01-02T00:30:00Z')).map((row) => row.eventId).sort((a, b) => a - b)).toEqual([early, late]);
  });
});
