/**
 * The admitter (src/waitingroom/admitter.ts) over the PostgreSQL queue store,
 * with the clock moved by hand: the pre-queue numbered at the opening, fans
 * let in at the fixed rate in number order, the cap kept, unused admissions
 * expired and finished holds ended so that the next fans come in, the
 * adaptive rate following the injected latency, one admitter per database.
 */
import { pino } from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';

import { type AdmitterOptions, type AdmitterRoom, createAdmitter, type RoomRound } from '../../src/waitingroom/admitter.js';
import { createLatencyWindow, p99Of } from '../../src/waitingroom/latency-window.js';
import { createPostgresQueueStore } from '../../src/waitingroom/postgres-queue.js';
import type { QueueStore } from '../../src/waitingroom/queue-store.js';
import { createBuyers, createOnSaleEvent } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestDatabase } from '../support/fixture.js';
import { manualClock } from '../support/server.js';

const ON_SALE = new Date(ANCHOR.getTime() + 3_600_000);
const at = (ms: number) => new Date(ON_SALE.getTime() + ms);
const secret = new TextEncoder().encode('test-secret-that-is-long-enough-for-hs256!');

describe('the waiting-room admitter', () => {
  const { database } = useTestDatabase();
  const clock = manualClock(ON_SALE);
  let store: QueueStore;

  /** An event with a room of `settings`, and `fans` users who joined its pre-queue, in that order. */
  async function roomWithFans(fans: number, settings: Partial<AdmitterRoom>) {
    store ??= createPostgresQueueStore(database.sql);
    const [organizer] = await createBuyers(database.sql, 1, 'ORGANIZER');
    const { eventId } = await createOnSaleEvent(database.sql, organizer!.userId, { onSaleAt: ON_SALE });
    const users = await createBuyers(database.sql, fans);
    for (const [i, { userId }] of users.entries()) await store.join(eventId, userId, at(-600_000 + i), ON_SALE);
    const room: AdmitterRoom = { eventId, onSaleAt: ON_SALE, admitPerMinute: 60, admissionTtlSeconds: 600, maxActiveBuyers: null, ...settings };
    return { eventId, room, userIds: users.map((user) => user.userId) };
  }

  /** An admitter of its own (stopped when the test ends) serving `rooms`, ticked by hand. */
  function admitter(rooms: AdmitterRoom[], options: Partial<AdmitterOptions> = {}) {
    const made = createAdmitter({
      sql: database.sql,
      store,
      rooms: async () => rooms,
      clock,
      logger: pino({ level: 'silent' }),
      secret,
      reserveP99: async () => undefined,
      endedHolds: async () => [],
      intervalMs: 0,
      ...options,
    });
    onTestFinished(() => made.stop());
    return made;
  }

  /** Ticks at each of `times` (ms after the opening); the round of the event at each. */
  async function roundsAt(tick: () => Promise<RoomRound[]>, eventId: number, times: number[]): Promise<RoomRound[]> {
    const rounds: RoomRound[] = [];
    for (const time of times) {
      clock.set(at(time));
      const round = (await tick()).find((r) => r.eventId === eventId);
      rounds.push(round!);
    }
    return rounds;
  }
  const seconds = (n: number, from = 0) => Array.from({ length: n }, (_, i) => (from + i) * 1_000);

  it('waits for the opening, numbers the pre-queue then, and admits 90 a minute, 1 and 2 a second, in number order', async () => {
    const { eventId, room, userIds } = await roomWithFans(120, { admitPerMinute: 90 });
    const changed: number[] = [];
    const { tick } = admitter([room], { onRoomChanged: (id) => changed.push(id) });
    clock.set(at(-1));
    expect(await tick()).toEqual([]);
    expect((await store.snapshot(eventId, at(-1))).numbered).toBe(false);

    const rounds = await roundsAt(tick, eventId, seconds(60));
    expect(rounds[0]!.numbered).toBe(120);
    expect(rounds.slice(1).every((r) => r.numbered === 0)).toBe(true);
    expect(rounds.map((r) => r.admitted.length)).toEqual(Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 1 : 2)));
    const admitted = rounds.flatMap((r) => r.admitted);
    expect(admitted.map((pass) => pass.number)).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    expect(new Set(admitted.map((pass) => pass.userId)).size).toBe(90);
    expect(admitted.every((pass) => userIds.includes(pass.userId) && pass.status === 'ADMITTED')).toBe(true);
    expect(admitted[0]!.admittedUntil).toEqual(at(600_000)); // admitted at the opening, for the room's 600 s
    expect(changed).toEqual(Array(60).fill(eventId));

    const snapshot = await store.snapshot(eventId, at(59_000));
    expect(snapshot).toMatchObject({ servingNumber: 90, waitingCount: 30, admittedCount: 90, admittedLastMinute: 90 });
  });

  it('frees the slots of admissions unused for their time for the next fans', async () => {
    const { eventId, room } = await roomWithFans(6, { admitPerMinute: 60, maxActiveBuyers: 2, admissionTtlSeconds: 5 });
    const { tick } = admitter([room]);
    const rounds = await roundsAt(tick, eventId, seconds(8));
    expect(rounds.map((r) => [r.expired, r.admitted.map((pass) => pass.number)])).toEqual([
      [0, [1]],
      [0, [2]],
      [0, []], // the cap: two admitted, neither finished
      [0, []],
      [0, []],
      [1, [3]], // number 1's 5 s are up
      [1, [4]],
      [0, []],
    ]);
    expect((await store.snapshot(eventId, at(7_000))).admittedCount).toBe(2);
    const passes = await Promise.all(rounds.flatMap((r) => r.admitted).map((pass) => store.pass(pass.id)));
    expect(passes.map((pass) => pass!.status)).toEqual(['EXPIRED', 'EXPIRED', 'ADMITTED', 'ADMITTED']);
  });

  it('frees the slot of a fan whose hold ended at the next round', async () => {
    const { eventId, room } = await roomWithFans(3, { admitPerMinute: 600, maxActiveBuyers: 1 });
    const ended = new Set<number>();
    const asked: number[][] = [];
    const { tick } = admitter([room], {
      endedHolds: async (holdIds) => {
        asked.push(holdIds);
        return holdIds.filter((id) => ended.has(id));
      },
    });
    const [first] = await roundsAt(tick, eventId, [0]);
    expect(first!.admitted.map((pass) => pass.number)).toEqual([1]);
    expect(await store.attachHold(first!.admitted[0]!.id, 9_001)).toBe(true);
    const [holding] = await roundsAt(tick, eventId, [1_000]);
    expect([holding!.finished, holding!.admitted]).toEqual([0, []]); // the hold is live: the slot stays taken
    ended.add(9_001); // confirmed, released or run out
    const [next] = await roundsAt(tick, eventId, [2_000]);
    expect([next!.finished, next!.admitted.map((pass) => pass.number)]).toEqual([1, [2]]);
    expect(asked).toEqual([[9_001], [9_001]]);
    expect((await store.pass(first!.admitted[0]!.id))!.status).toBe('EXPIRED');
  });

  it('admits adaptively: slower while the reserve p99 is over the target, faster once it is under', async () => {
    const { eventId, room } = await roomWithFans(150, { admitPerMinute: null });
    const latency = createLatencyWindow({ clock, windowSeconds: 2 });
    const { tick } = admitter([room], { reserveP99: async () => p99Of([latency.counts()]), targetP99Ms: 100 });
    const record = (ms: number) => () => {
      for (let i = 0; i < 50; i++) latency.record(ms);
    };
    const rates: number[] = [];
    for (const [second, inject] of [record(20), record(20), record(400), record(400), record(20), record(20), record(20)].entries()) {
      clock.set(at(second * 1_000));
      inject();
      rates.push((await tick()).find((r) => r.eventId === eventId)!.perMinute);
    }
    expect(rates[1]).toBeGreaterThan(rates[0]!);
    expect(rates[2]).toBeLessThan(rates[1]!);
    expect(rates[6]).toBeGreaterThan(rates[5]!);
    expect(Math.min(...rates)).toBeGreaterThan(0);
  });

  it('runs in one admitter of the database at a time, the next taking over when it stops', async () => {
    const { eventId, room } = await roomWithFans(10, { admitPerMinute: 60 });
    const one = admitter([room]);
    const other = admitter([room]);
    clock.set(at(0));
    const [a, b] = [await one.tick(), await other.tick()];
    expect([one.isLeader(), other.isLeader()]).toEqual([true, false]);
    expect(a.map((r) => r.admitted.length)).toEqual([1]);
    expect(b).toEqual([]);
    await one.stop();
    clock.set(at(1_000));
    expect((await other.tick()).map((r) => r.admitted.map((pass) => pass.number))).toEqual([[2]]);
    expect(other.isLeader()).toBe(true);
    expect((await store.snapshot(eventId, at(1_000))).servingNumber).toBe(2);
  });
});
