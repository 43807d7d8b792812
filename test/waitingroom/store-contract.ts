/**
 * The contract every QueueStore keeps (src/waitingroom/queue-store.ts): one
 * pass per account, the pre-queue numbered once in an order unrelated to
 * joining, first come first served after the opening, admission in number
 * order past those who left, positions that only go down, expiry, holds,
 * counts, two admitters at once, the processes' shared latencies, and a
 * restart. A backend's test file calls queueStoreContract with a way to make
 * the backend.
 */
import { createHmac } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LatencyCounts } from '../../src/waitingroom/latency-window.js';
import type { QueuePassRecord, QueueStore, RoomSnapshot } from '../../src/waitingroom/queue-store.js';

export interface QueueBackend {
  /** A store on a connection of its own, as another process would have one; close() closes it. */
  open(): Promise<QueueStore>;
  /** A new event to queue for, with no queue yet. */
  newEvent(): Promise<number>;
  /** At least USERS distinct user ids. */
  userIds: number[];
  close(): Promise<void>;
}

export const USERS = 200;

const T0 = new Date('2030-01-01T00:00:00Z');
const OPENING = new Date('2030-01-01T01:00:00Z');
const at = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1_000);
const SECRET = new TextEncoder().encode('the contract secret');
const TTL_MS = 60_000;

/** 1 for the next to be let in: the number, minus the serving counter, minus those between who left (queue-store.ts). */
const positionIn = (room: RoomSnapshot, number: number) => number - room.servingNumber - room.leftAhead.filter((left) => left < number).length;

/** Spearman's rank correlation of two rankings of 1..n. */
function spearman(a: number[], b: number[]): number {
  const n = a.length;
  const squares = a.reduce((sum, rank, i) => sum + (rank - b[i]!) ** 2, 0);
  return 1 - (6 * squares) / (n * (n * n - 1));
}

/** |rho| above this is not a random order: for 200 passes rho's standard deviation is 1/sqrt(199), about 0.07, so this is 3.5 of them. */
const RANDOM_RHO = 0.25;

export function queueStoreContract(makeBackend: () => Promise<QueueBackend>): void {
  describe('the QueueStore contract', () => {
    let backend: QueueBackend;
    let store: QueueStore;
    let users: number[];

    beforeAll(async () => {
      backend = await makeBackend();
      store = await backend.open();
      users = backend.userIds;
    });
    afterAll(() => backend?.close());

    /** A new event whose first `count` users joined before the opening, one a second from T0, in user order. */
    async function preQueue(count: number): Promise<{ eventId: number; passes: QueuePassRecord[] }> {
      const eventId = await backend.newEvent();
      const passes: QueuePassRecord[] = [];
      for (let i = 0; i < count; i++) passes.push(await store.join(eventId, users[i]!, at(T0, i), OPENING));
      return { eventId, passes };
    }

    /** As preQueue, then numbered; the passes in number order. */
    async function opened(count: number): Promise<{ eventId: number; passes: QueuePassRecord[] }> {
      const { eventId } = await preQueue(count);
      expect(await store.numberPreQueue(eventId, OPENING, SECRET)).toBe(count);
      const passes = await Promise.all(users.slice(0, count).map(async (userId) => (await store.passOf(eventId, userId))!));
      return { eventId, passes: passes.sort((a, b) => a.number! - b.number!) };
    }

    /** Every WAITING pass's position: they must be 1..waitingCount, in number order. */
    async function positions(eventId: number, passes: QueuePassRecord[]): Promise<Map<string, number>> {
      const room = await store.snapshot(eventId, T0);
      const waiting = (await Promise.all(passes.map((pass) => store.pass(pass.id)))).filter((pass) => pass!.status === 'WAITING');
      const byPass = new Map(waiting.map((pass) => [pass!.id, positionIn(room, pass!.number!)]));
      expect([...byPass.values()].sort((a, b) => a - b)).toEqual(waiting.map((_, i) => i + 1));
      expect(room.waitingCount).toBe(waiting.length);
      return byPass;
    }

    it('gives a user one pass per event, however often and however concurrently they join', async () => {
      const eventId = await backend.newEvent();
      const [first, again] = [await store.join(eventId, users[0]!, T0, OPENING), await store.join(eventId, users[0]!, at(T0, 5), OPENING)];
      expect(again).toEqual(first);
      expect(first).toMatchObject({ eventId, userId: users[0], status: 'WAITING', number: null, joinedAt: T0, admittedUntil: null, holdId: null });
      expect(first.id).toMatch(/^[1-9]\d*$/);
      const other = await store.join(eventId, users[1]!, T0, OPENING);
      expect(other.id).not.toBe(first.id);
      expect(await store.pass(first.id)).toEqual(first);
      expect(await store.passOf(eventId, users[0]!)).toEqual(first);
      const twice = await Promise.all([store.join(eventId, users[2]!, T0, OPENING), store.join(eventId, users[2]!, T0, OPENING)]);
      expect(twice[1]).toEqual(twice[0]);
      expect((await store.snapshot(eventId, T0)).waitingCount).toBe(3);

      await store.leave(eventId, users[0]!, T0);
      expect(await store.join(eventId, users[0]!, at(T0, 9), OPENING)).toMatchObject({ id: first.id, status: 'LEFT' }); // the one they have, whatever its status
      expect(await store.passOf(eventId, users[3]!)).toBeUndefined();
      expect(await store.pass('999999999')).toBeUndefined();
      expect(await store.pass('not an id')).toBeUndefined();
    });

    it('keeps the pre-queue unnumbered until it is numbered, and admits no one from it', async () => {
      const { eventId, passes } = await preQueue(5);
      expect(passes.map((pass) => pass.number)).toEqual([null, null, null, null, null]);
      expect(await store.admit(eventId, 3, OPENING, TTL_MS)).toEqual([]);
      expect(await store.snapshot(eventId, OPENING)).toEqual({
        servingNumber: 0,
        lastNumber: 0,
        waitingCount: 5,
        admittedCount: 0,
        leftAhead: [],
        admittedLastMinute: 0,
        numbered: false,
      });
    });

    it('numbers the pre-queue in the order of HMAC-SHA256(secret, pass id): a permutation unrelated to join order', async () => {
      const { eventId, passes } = await preQueue(USERS);
      expect(await store.numberPreQueue(eventId, OPENING, SECRET)).toBe(USERS);
      const numbers = await Promise.all(passes.map(async (pass) => (await store.pass(pass.id))!.number!));
      expect([...numbers].sort((a, b) => a - b)).toEqual(passes.map((_, i) => i + 1));

      const hmac = (id: string) => createHmac('sha256', SECRET).update(id).digest();
      const expected = passes.map((pass) => pass.id).sort((a, b) => Buffer.compare(hmac(a), hmac(b)));
      expect(numbers).toEqual(passes.map((pass) => expected.indexOf(pass.id) + 1));

      const joinOrder = passes.map((_, i) => i + 1);
      expect(Math.abs(spearman(joinOrder, numbers))).toBeLessThan(RANDOM_RHO);
      // The negative control: numbered as they joined (no shuffle), the statistic says so.
      const unshuffled = [...passes].sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime()).map((pass) => passes.indexOf(pass) + 1);
      expect(spearman(joinOrder, unshuffled)).toBe(1);
      expect(Math.abs(spearman(joinOrder, unshuffled))).not.toBeLessThan(RANDOM_RHO);
    });

    it('numbers the pre-queue once: a second numbering, or one at the same time, numbers nothing', async () => {
      const { eventId, passes } = await preQueue(20);
      const other = await backend.open();
      const both = await Promise.all([store.numberPreQueue(eventId, OPENING, SECRET), other.numberPreQueue(eventId, OPENING, SECRET)]);
      expect(both.sort()).toEqual([0, 20]);
      const numbers = await Promise.all(passes.map(async (pass) => (await store.pass(pass.id))!.number));
      expect(await store.numberPreQueue(eventId, OPENING, new TextEncoder().encode('another secret'))).toBe(0);
      expect(await Promise.all(passes.map(async (pass) => (await store.pass(pass.id))!.number))).toEqual(numbers);
      expect(await store.snapshot(eventId, OPENING)).toMatchObject({ lastNumber: 20, numbered: true, waitingCount: 20 });
    });

    it('numbers those who joined after the opening behind the pre-queue, first come first served', async () => {
      const { eventId } = await preQueue(3);
      const late = [await store.join(eventId, users[3]!, at(OPENING, 1), OPENING), await store.join(eventId, users[4]!, at(OPENING, 2), OPENING)];
      expect(late.map((pass) => pass.number)).toEqual([null, null]); // the admitter has not numbered yet
      expect(await store.numberPreQueue(eventId, OPENING, SECRET)).toBe(5);
      expect(await Promise.all(late.map(async (pass) => (await store.pass(pass.id))!.number))).toEqual([4, 5]);
      const later = [];
      for (const userId of users.slice(5, 8)) later.push(await store.join(eventId, userId, at(OPENING, 10), OPENING));
      expect(later.map((pass) => pass.number)).toEqual([6, 7, 8]);
      expect(await store.snapshot(eventId, at(OPENING, 10))).toMatchObject({ lastNumber: 8, waitingCount: 8, numbered: true });
    });

    it('never stamps a numbered pass as joined before the one numbered ahead of it, whatever the joining process’s clock says', async () => {
      const { eventId } = await preQueue(2);
      await store.join(eventId, users[2]!, at(OPENING, 5), OPENING); // after the opening, before the numbering
      expect(await store.numberPreQueue(eventId, OPENING, SECRET)).toBe(3);
      // Through a process whose clock is 40 ms behind the last joiner's, then one on time.
      const behind = await store.join(eventId, users[3]!, new Date(at(OPENING, 5).getTime() - 40), OPENING);
      const onTime = await store.join(eventId, users[4]!, at(OPENING, 6), OPENING);
      expect([behind.number, behind.joinedAt]).toEqual([4, at(OPENING, 5)]);
      expect([onTime.number, onTime.joinedAt]).toEqual([5, at(OPENING, 6)]);
      const skewed = await store.join(eventId, users[5]!, at(OPENING, 1), OPENING);
      expect([skewed.number, skewed.joinedAt]).toEqual([6, at(OPENING, 6)]);
    });

    it('takes a pass that leaves the pre-queue out of the numbering', async () => {
      const { eventId, passes } = await preQueue(5);
      expect(await store.leave(eventId, users[1]!, T0)).toMatchObject({ id: passes[1]!.id, status: 'LEFT', number: null });
      expect(await store.numberPreQueue(eventId, OPENING, SECRET)).toBe(4);
      expect(await store.pass(passes[1]!.id)).toMatchObject({ status: 'LEFT', number: null });
      expect(await store.snapshot(eventId, OPENING)).toMatchObject({ lastNumber: 4, waitingCount: 4, leftAhead: [] });
    });

    it('admits in number order, skipping those who left, and moves the serving counter past them', async () => {
      const { eventId, passes } = await opened(10);
      for (const pass of passes.slice(1, 3)) await store.leave(eventId, pass.userId, OPENING);
      expect(await store.snapshot(eventId, OPENING)).toMatchObject({ servingNumber: 0, leftAhead: [2, 3], waitingCount: 8 });

      const first = await store.admit(eventId, 2, OPENING, TTL_MS);
      expect(first.map((pass) => pass.number)).toEqual([1, 4]);
      for (const pass of first) expect(pass).toMatchObject({ status: 'ADMITTED', admittedUntil: at(OPENING, 60), holdId: null });
      expect(await store.snapshot(eventId, OPENING)).toMatchObject({ servingNumber: 4, leftAhead: [], waitingCount: 6, admittedCount: 2 });

      expect((await store.admit(eventId, 3, at(OPENING, 1), TTL_MS)).map((pass) => pass.number)).toEqual([5, 6, 7]);
      expect(await store.snapshot(eventId, at(OPENING, 1))).toMatchObject({ servingNumber: 7, waitingCount: 3, admittedCount: 5 });
      expect((await store.admit(eventId, 10, at(OPENING, 2), TTL_MS)).map((pass) => pass.number)).toEqual([8, 9, 10]);
      expect(await store.admit(eventId, 10, at(OPENING, 3), TTL_MS)).toEqual([]);
      expect(await store.snapshot(eventId, at(OPENING, 3))).toMatchObject({ servingNumber: 10, lastNumber: 10, waitingCount: 0, admittedCount: 8 });
    });

    it('moves everyone behind a fan who leaves up by one, and never moves a waiting fan back', async () => {
      const { eventId, passes } = await opened(30);
      const before = await positions(eventId, passes);
      const leaver = passes[9]!; // number 10
      await store.leave(eventId, leaver.userId, OPENING);
      expect((await store.snapshot(eventId, OPENING)).leftAhead).toEqual([10]);
      const after = await positions(eventId, passes);
      for (const pass of passes.filter((pass) => pass !== leaver)) {
        expect(after.get(pass.id)).toBe(before.get(pass.id)! - (pass.number! > 10 ? 1 : 0));
      }

      const all = [...passes];
      const steps: (() => Promise<unknown>)[] = [
        () => store.admit(eventId, 3, OPENING, TTL_MS),
        () => store.leave(eventId, passes[19]!.userId, OPENING),
        async () => all.push(await store.join(eventId, users[30]!, OPENING, OPENING)),
        () => store.leave(eventId, passes[0]!.userId, OPENING), // admitted: frees a slot, moves no one
        () => store.admit(eventId, 5, OPENING, TTL_MS),
        () => store.leave(eventId, passes[29]!.userId, OPENING),
        () => store.admit(eventId, 2, OPENING, TTL_MS),
      ];
      let last = after;
      for (const step of steps) {
        await step();
        const now = await positions(eventId, all);
        for (const [passId, position] of now) expect(position).toBeLessThanOrEqual(last.get(passId) ?? Infinity);
        last = now;
      }
    });

    it('ends a WAITING or ADMITTED pass as LEFT, and no other', async () => {
      const { eventId } = await opened(3);
      expect(await store.leave(eventId, users[USERS - 1]!, OPENING)).toBeUndefined();
      const [admitted] = await store.admit(eventId, 1, OPENING, TTL_MS);
      expect(await store.leave(eventId, admitted!.userId, OPENING)).toMatchObject({ id: admitted!.id, status: 'LEFT' });
      expect(await store.snapshot(eventId, OPENING)).toMatchObject({ admittedCount: 0, leftAhead: [], waitingCount: 2 });
      expect(await store.attachHold(admitted!.id, 7)).toBe(false);

      const [expiring] = await store.admit(eventId, 1, OPENING, TTL_MS);
      await store.expireUnused(eventId, at(OPENING, 60));
      expect(await store.leave(eventId, expiring!.userId, at(OPENING, 61))).toMatchObject({ id: expiring!.id, status: 'EXPIRED' });
      expect(await store.snapshot(eventId, at(OPENING, 61))).toMatchObject({ admittedCount: 0, waitingCount: 1, servingNumber: 2 });
    });

    it('expires only ADMITTED passes without a hold, once their admission has run out', async () => {
      const { eventId, passes } = await opened(4);
      const admitted = await store.admit(eventId, 3, OPENING, TTL_MS);
      expect(await store.attachHold(admitted[0]!.id, 41)).toBe(true);
      expect(await store.expireUnused(eventId, new Date(OPENING.getTime() + TTL_MS - 1))).toBe(0);
      expect(await store.expireUnused(eventId, at(OPENING, 60))).toBe(2);
      expect(await store.expireUnused(eventId, at(OPENING, 600))).toBe(0);
      const statuses = await Promise.all(passes.map(async (pass) => (await store.pass(pass.id))!.status));
      expect(statuses).toEqual(['ADMITTED', 'EXPIRED', 'EXPIRED', 'WAITING']);
      expect(await store.snapshot(eventId, at(OPENING, 60))).toMatchObject({ admittedCount: 1, waitingCount: 1, servingNumber: 3 });
    });

    it('attaches a hold to an ADMITTED pass only, a later one replacing the first', async () => {
      const { eventId, passes } = await opened(2);
      expect(await store.attachHold(passes[1]!.id, 5)).toBe(false);
      expect((await store.pass(passes[1]!.id))!.holdId).toBeNull();
      await store.admit(eventId, 1, OPENING, TTL_MS);
      expect(await store.attachHold(passes[0]!.id, 5)).toBe(true);
      expect(await store.attachHold(passes[0]!.id, 6)).toBe(true);
      expect(await store.pass(passes[0]!.id)).toMatchObject({ status: 'ADMITTED', holdId: 6 });
      await store.finish(passes[0]!.id);
      expect(await store.attachHold(passes[0]!.id, 7)).toBe(false);
      expect(await store.pass(passes[0]!.id)).toMatchObject({ status: 'EXPIRED', holdId: 6 });
      expect(await store.attachHold('999999999', 7)).toBe(false);
      expect(await store.attachHold('nope', 7)).toBe(false);
    });

    it('frees a slot when a fan finishes, and lists the admitted passes with holds', async () => {
      const { eventId, passes } = await opened(4);
      await store.admit(eventId, 3, OPENING, TTL_MS);
      await store.attachHold(passes[0]!.id, 100);
      await store.attachHold(passes[1]!.id, 101);
      const withHolds = async () => (await store.admittedWithHolds(eventId)).sort((a, b) => a.holdId - b.holdId);
      expect(await withHolds()).toEqual([
        { passId: passes[0]!.id, holdId: 100 },
        { passId: passes[1]!.id, holdId: 101 },
      ]);
      await store.finish(passes[0]!.id);
      expect(await store.pass(passes[0]!.id)).toMatchObject({ status: 'EXPIRED' });
      expect(await withHolds()).toEqual([{ passId: passes[1]!.id, holdId: 101 }]);
      expect((await store.snapshot(eventId, OPENING)).admittedCount).toBe(2);
      await store.finish(passes[2]!.id); // admitted without a hold: finished all the same
      await store.finish(passes[3]!.id); // WAITING: nothing changes
      expect(await store.pass(passes[3]!.id)).toMatchObject({ status: 'WAITING' });
      expect(await store.snapshot(eventId, OPENING)).toMatchObject({ admittedCount: 1, waitingCount: 1 });
    });

    it('counts the admissions of the minute up to now, whatever became of the passes', async () => {
      const { eventId, passes } = await opened(6);
      await store.admit(eventId, 2, OPENING, TTL_MS);
      await store.admit(eventId, 3, at(OPENING, 30), TTL_MS);
      await store.leave(eventId, passes[0]!.userId, at(OPENING, 31));
      const lastMinute = async (seconds: number) => (await store.snapshot(eventId, at(OPENING, seconds))).admittedLastMinute;
      expect(await lastMinute(30)).toBe(5);
      expect(await lastMinute(59)).toBe(5);
      expect(await lastMinute(60)).toBe(3);
      expect(await lastMinute(89)).toBe(3);
      expect(await lastMinute(90)).toBe(0);
    });

    it('with two admitters at once, admits each pass once and together no more than they asked', async () => {
      const { eventId, passes } = await opened(100);
      const other = await backend.open();
      const admitted: QueuePassRecord[] = [];
      for (const round of [1, 2, 3, 4]) {
        const both = await Promise.all([store.admit(eventId, 20, at(OPENING, round), TTL_MS), other.admit(eventId, 20, at(OPENING, round), TTL_MS)]);
        admitted.push(...both.flat());
        expect(admitted).toHaveLength(Math.min(40 * round, 100));
      }
      expect(new Set(admitted.map((pass) => pass.id)).size).toBe(100);
      expect(admitted.map((pass) => pass.number).sort((a, b) => a! - b!)).toEqual(passes.map((pass) => pass.number));
      expect(await store.snapshot(eventId, OPENING)).toMatchObject({ servingNumber: 100, waitingCount: 0, admittedCount: 100 });
    });

    it("shares each process's latest latencies with every process, and forgets those older than asked", async () => {
      const other = await backend.open();
      const byFirstBucket = (shares: LatencyCounts[]) => [...shares].sort((a, b) => a[0]![0] - b[0]![0]);
      await store.shareLatencies('process-a', [[10, 5]], T0);
      await other.shareLatencies(
        'process-b',
        [
          [20, 1],
          [30, 2],
        ],
        at(T0, 1),
      );
      await store.shareLatencies('process-a', [[11, 7]], at(T0, 2)); // replaces a's first
      expect(byFirstBucket(await other.sharedLatencies(T0))).toEqual([
        [[11, 7]],
        [
          [20, 1],
          [30, 2],
        ],
      ]);
      expect(await store.sharedLatencies(at(T0, 2))).toEqual([[[11, 7]]]); // b's is older: left out, and forgotten
      expect(await other.sharedLatencies(T0)).toEqual([[[11, 7]]]);
    });

    it('loses nothing across a restart: another store over the same state sees every pass and carries on', async () => {
      const { eventId, passes } = await opened(6);
      await store.admit(eventId, 2, OPENING, TTL_MS);
      await store.attachHold(passes[0]!.id, 9);
      await store.leave(eventId, passes[3]!.userId, OPENING);
      const restarted = await backend.open();
      for (const pass of passes) expect(await restarted.passOf(eventId, pass.userId)).toEqual(await store.pass(pass.id));
      expect(await restarted.snapshot(eventId, OPENING)).toEqual(await store.snapshot(eventId, OPENING));
      expect(await restarted.admittedWithHolds(eventId)).toEqual([{ passId: passes[0]!.id, holdId: 9 }]);
      expect((await restarted.admit(eventId, 5, OPENING, TTL_MS)).map((pass) => pass.number)).toEqual([3, 5, 6]);
      expect((await restarted.join(eventId, users[6]!, OPENING, OPENING)).number).toBe(7);
    });
  });
}
