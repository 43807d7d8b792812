/**
 * Where a waiting room's queue lives: in Redis when REDIS_URL is set (shared
 * by every process, atomic steps in Lua), in PostgreSQL otherwise. Both keep
 * every place through a restart of any process, and both pass the same tests
 * (test/waitingroom/store-contract.ts).
 *
 * The queue is AWS's virtual waiting room design: each pass gets a fixed
 * queue number, and a serving counter advances as fans are admitted. A
 * waiting fan's position is their number minus the counter minus those
 * between who left, so one read of the room (`snapshot`) gives every waiting
 * fan's position: updates cost per room, not per fan. Fans who join before
 * the sale opens have no number yet (the pre-queue); at the opening the
 * admitter numbers them in an order no one can game (`number`), then those
 * who joined since in the order they came.
 */
import type { LatencyCounts } from './latency-window.js';

export type PassStatus = 'WAITING' | 'ADMITTED' | 'EXPIRED' | 'LEFT';

export interface QueuePassRecord {
  /** The pass's own id (a decimal string). */
  id: string;
  eventId: number;
  userId: number;
  status: PassStatus;
  /** The fixed queue number; null while in the pre-queue. */
  number: number | null;
  joinedAt: Date;
  /** Until when an ADMITTED pass may reach a hold (null before admission). */
  admittedUntil: Date | null;
  /** The hold made while admitted, once made. */
  holdId: number | null;
}

/** One read of a room: what every waiting fan's position and estimate are computed from. */
export interface RoomSnapshot {
  /** Every number up to this one has been let in (admitted, or left or expired before). 0 before the first admission. */
  servingNumber: number;
  /** The highest number given so far. */
  lastNumber: number;
  /** Passes WAITING, numbered or not. */
  waitingCount: number;
  /** Passes ADMITTED now (not yet expired, left or finished): by status, so one past admittedUntil counts until expireUnused ends it. */
  admittedCount: number;
  /** Numbers above servingNumber whose passes left while waiting, ascending: positions skip them. */
  leftAhead: number[];
  /** Admissions in the minute up to the snapshot's `now` (after now - 60 s, up to now), whatever became of the passes since. */
  admittedLastMinute: number;
  /** Whether the pre-queue has been numbered (the sale has opened and the admitter has run since). */
  numbered: boolean;
}

export interface QueueStore {
  /**
   * The user's pass for the event: a new WAITING one, or the one they have,
   * whatever its status (one pass per account per event). A pass joined once
   * the pre-queue is numbered gets the next number at once; before that it
   * waits unnumbered, and numberPreQueue places it by its joinedAt (`now`).
   * Whether the queue is numbered decides, not `now >= onSaleAt`, which the
   * stores do not read: a joiner whose clock is behind the admitter's would
   * otherwise wait unnumbered for good. A numbered pass's joinedAt is never
   * earlier than the one numbered before it (`now`, or that one's when the
   * clock of the process it came through is a few ms behind), so first come,
   * first served holds by joinedAt as it does by number.
   */
  join(eventId: number, userId: number, now: Date, onSaleAt: Date): Promise<QueuePassRecord>;
  /** The user's pass for the event, if any. */
  passOf(eventId: number, userId: number): Promise<QueuePassRecord | undefined>;
  /** A pass by its id, if any. */
  pass(passId: string): Promise<QueuePassRecord | undefined>;
  /** Ends a WAITING or ADMITTED pass as LEFT (a waiting one's number joins leftAhead); the pass as it is now, if any. */
  leave(eventId: number, userId: number, now: Date): Promise<QueuePassRecord | undefined>;
  /** The room as it is at `now`. */
  snapshot(eventId: number, now: Date): Promise<RoomSnapshot>;

  // The admitter's steps: each atomic, so two admitters at once never admit a pass twice.

  /**
   * Numbers the pre-queue, once: the passes that joined before `onSaleAt` in
   * the order of HMAC-SHA256(secret, pass id) (uniformly random, unknowable
   * without the secret, the same however often it is run), then those that
   * joined since, in the order they came. Later calls do nothing. Returns how
   * many it numbered.
   */
  numberPreQueue(eventId: number, onSaleAt: Date, secret: Uint8Array): Promise<number>;
  /**
   * Lets in up to `count` more WAITING passes, in number order: each becomes
   * ADMITTED until now + ttlMs, and servingNumber moves past it (and past any
   * that left). Returns the passes admitted.
   */
  admit(eventId: number, count: number, now: Date, ttlMs: number): Promise<QueuePassRecord[]>;
  /** ADMITTED passes whose admittedUntil has come without a hold become EXPIRED; returns how many. */
  expireUnused(eventId: number, now: Date): Promise<number>;
  /** Records the hold made with an ADMITTED pass (a later hold replaces an earlier one); false when the pass is not ADMITTED (then nothing changes). */
  attachHold(passId: string, holdId: number): Promise<boolean>;
  /** Ends an ADMITTED pass whose hold was confirmed, released or ran out: EXPIRED, its slot free. */
  finish(passId: string): Promise<void>;
  /** The ADMITTED passes of the event that have a hold, for the admitter to end those whose hold has ended. */
  admittedWithHolds(eventId: number): Promise<{ passId: string; holdId: number }[]>;
  /** Shares a process's recent reserve latencies, replacing what it shared before (cluster-latency.ts). */
  shareLatencies(processId: string, counts: LatencyCounts, now: Date): Promise<void>;
  /** What every process shared at or after `since`, one entry per process; what was shared before is forgotten. */
  sharedLatencies(since: Date): Promise<LatencyCounts[]>;
}
