/**
 * The admitter: the one job of the cluster that lets fans out of the waiting
 * rooms, about once a second (one process at a time, the holder of a session
 * advisory lock, like the hold sweeper). Each round, for every enabled room
 * whose sale has opened, in this order:
 * 1. numbers the pre-queue, at the room's first round after the opening (the
 *    store does it once; later calls do nothing);
 * 2. finishes the admitted passes whose holds ended (confirmed, released or
 *    run out): their slots are free for this round's admissions;
 * 3. expires the admitted passes whose time ran out without a hold;
 * 4. reads the room, works out how many to let in (admission-rate.ts: the
 *    fixed rate, or the adaptive one from the reserve p99), and admits them,
 *    in number order.
 * Rooms are independent: one whose steps fail is logged and the others go
 * on; a round where every room failed (an outage) fails, and the loop backs
 * off. The per-room rate state lives in the leader's memory: a new leader
 * starts each room afresh, at the room's own rate (no burst, no place lost:
 * the queue itself is in the store).
 */
import { createHmac } from 'node:crypto';

import type { Clock } from '../clock.js';
import { waitingRoomAdmitterLock } from '../db/advisory-locks.js';
import type { Sql } from '../db/client.js';
import { leaderLoop } from '../jobs/leader-loop.js';
import type { Job } from '../jobs/lifecycle.js';
import type { JobSignals } from '../jobs/poll-loop.js';
import type { Logger } from '../logger.js';
import { type AdaptiveRateOptions, admissionsThisRound, DEFAULT_ADAPTIVE_RATE, type RateState } from './admission-rate.js';
import type { QueuePassRecord, QueueStore } from './queue-store.js';

/** A room as the admitter needs it (store/rooms.ts's OpenRoom is one). */
export interface AdmitterRoom {
  eventId: number;
  /** When the sale opens: the pre-queue is numbered, and admission starts. */
  onSaleAt: Date;
  /** Fans let in per minute; null: adaptive. */
  admitPerMinute: number | null;
  /** How long an admitted fan has to reach a hold. */
  admissionTtlSeconds: number;
  /** The most fans admitted and not yet finished at once; null: no cap. */
  maxActiveBuyers: number | null;
}

/** The enabled rooms open at `now` (fans may join: opensAt at or before it). */
export type OpenRooms = (now: Date) => Promise<AdmitterRoom[]>;

/** Of `holdIds`, those whose holds have ended at `now`: confirmed, released or run out. */
export type EndedHolds = (holdIds: number[], now: Date) => Promise<number[]>;

export interface AdmitterOptions {
  /** The pool the leader's lock connection is reserved from. */
  sql: Sql;
  /** Where the queues are. */
  store: QueueStore;
  /** The rooms to serve, read each round (so a change of settings applies at the next). */
  rooms: OpenRooms;
  clock: Clock;
  logger: Logger;
  /** The service's token secret: the pre-queue's order is keyed by a key derived from it. */
  secret: Uint8Array;
  /** The booking path's reserve p99 over the last seconds, in ms (cluster-latency.ts), for the adaptive rate; undefined when nothing was measured. */
  reserveP99(): Promise<number | undefined>;
  /** Which holds made with admitted passes have ended. */
  endedHolds: EndedHolds;
  /** Time between rounds; 0: no rounds of its own (tick() still runs one). */
  intervalMs: number;
  /** The reserve p99, in ms, the adaptive rate keeps under (100). */
  targetP99Ms?: number;
  /** The adaptive controller's other settings (admission-rate.ts), each defaulting to DEFAULT_ADAPTIVE_RATE's. */
  adaptive?: Partial<Omit<AdaptiveRateOptions, 'targetP99Ms'>>;
  /** Called after a round that changed a room (fans numbered, admitted, expired or finished): its fans' passes are to be pushed. */
  onRoomChanged?: (eventId: number) => void;
  /** Told of failed rounds (the metrics). */
  signals?: JobSignals;
}

/** What a round did in one room. */
export interface RoomRound {
  eventId: number;
  /** Passes of the pre-queue numbered (at the room's first round after the opening). */
  numbered: number;
  /** Admitted passes ended because their holds ended. */
  finished: number;
  /** Admitted passes expired unused. */
  expired: number;
  /** The passes let in, in number order. */
  admitted: QueuePassRecord[];
  /** The rate, per minute, the room's next round earns admissions at. */
  perMinute: number;
}

export interface Admitter extends Job {
  /** Runs a round now if this process leads (or once elected): what it did in each room whose sale has opened; [] when another process leads. */
  tick(): Promise<RoomRound[]>;
  /** True while this process is the one that admits. */
  isLeader(): boolean;
}

const JOB = 'waiting-room admitter';
/** The time a room's first round earns admissions for: the rounds' nominal spacing. */
const FIRST_ROUND_MS = 1_000;
/** The most time a round earns for: after a stall or a change of leader the rate resumes, without a burst. */
const MAX_ELAPSED_MS = 5_000;
const MAX_RETRY_MS = 5_000;

/** What the leader remembers of a room between rounds. */
interface RoomMemory {
  numbered: boolean;
  rate?: RateState;
}

/** The admitter, to start with the server's jobs. */
export function createAdmitter(options: AdmitterOptions): Admitter {
  const { sql, store, rooms, clock, logger, reserveP99, endedHolds, intervalMs, onRoomChanged, signals } = options;
  const adaptive: AdaptiveRateOptions = {
    ...DEFAULT_ADAPTIVE_RATE,
    ...options.adaptive,
    targetP99Ms: options.targetP99Ms ?? DEFAULT_ADAPTIVE_RATE.targetP99Ms,
  };
  const orderKey = createHmac('sha256', options.secret).update('waiting-room-order').digest(); // not the token key itself: one key, one purpose
  const memory = new Map<number, RoomMemory>();

  async function admitRound(): Promise<RoomRound[]> {
    const now = clock();
    const open = (await rooms(now)).filter((room) => room.onSaleAt.getTime() <= now.getTime());
    for (const eventId of memory.keys()) if (!open.some((room) => room.eventId === eventId)) memory.delete(eventId);
    const reserveP99Ms = open.length > 0 ? await reserveP99() : undefined;
    const outcomes = await Promise.allSettled(open.map((room) => roundOf(room, now, reserveP99Ms)));
    const done = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const failed = outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [{ eventId: open[i]!.eventId, error: outcome.reason as unknown }] : []));
    if (failed.length > 0 && done.length === 0) throw failed[0]!.error; // an outage, most likely: the loop logs it and backs off
    for (const { eventId, error } of failed) logger.error({ err: error, job: JOB, eventId }, "a waiting room's round failed; the others' went on");
    return done;
  }

  async function roundOf(room: AdmitterRoom, now: Date, reserveP99Ms: number | undefined): Promise<RoomRound> {
    const { eventId } = room;
    const remembered = memory.get(eventId) ?? { numbered: false };
    const numbered = remembered.numbered ? 0 : await store.numberPreQueue(eventId, room.onSaleAt, orderKey);
    remembered.numbered = true;
    memory.set(eventId, remembered);
    const finished = await finishEnded(eventId, now);
    const expired = await store.expireUnused(eventId, now);
    const snapshot = await store.snapshot(eventId, now);
    const { count, state } = admissionsThisRound(
      remembered.rate,
      {
        now: now.getTime(),
        intervalMs: FIRST_ROUND_MS,
        maxElapsedMs: MAX_ELAPSED_MS,
        admitPerMinute: room.admitPerMinute,
        maxActiveBuyers: room.maxActiveBuyers,
        admittedCount: snapshot.admittedCount,
        waitingCount: snapshot.waitingCount,
        reserveP99Ms,
      },
      adaptive,
    );
    remembered.rate = state;
    const admitted = count > 0 ? await store.admit(eventId, count, now, room.admissionTtlSeconds * 1000) : [];
    const round = { eventId, numbered, finished, expired, admitted, perMinute: state.perMinute };
    if (numbered > 0) logger.info({ job: JOB, eventId, numbered }, 'the sale opened: numbered the pre-queue');
    if (numbered + finished + expired + admitted.length > 0) {
      logger.debug({ job: JOB, eventId, finished, expired, admitted: admitted.length, perMinute: state.perMinute, reserveP99Ms }, 'a waiting room moved');
      onRoomChanged?.(eventId);
    }
    return round;
  }

  /** Ends the admitted passes whose holds have ended; how many. */
  async function finishEnded(eventId: number, now: Date): Promise<number> {
    const withHolds = await store.admittedWithHolds(eventId);
    if (withHolds.length === 0) return 0;
    const holdIds = withHolds.map((pass) => pass.holdId);
    const ended = new Set(await endedHolds(holdIds, now));
    const passes = withHolds.filter((pass) => ended.has(pass.holdId));
    await Promise.all(passes.map((pass) => store.finish(pass.passId)));
    return passes.length;
  }

  return leaderLoop({
    sql,
    lock: waitingRoomAdmitterLock,
    job: JOB,
    logger,
    round: admitRound,
    idle: [],
    intervalMs,
    backoff: { firstMs: intervalMs, maxMs: MAX_RETRY_MS },
    signals,
  });
}
