/**
 * The repricer: one process of the cluster (a leader loop, as the hold
 * sweeper) reviews, every interval, the sections whose DEMAND policy is due
 * (each at most every minIntervalSeconds), and applies the decisions of
 * review.ts. An event's review is one transaction: the event share-locked
 * (a change or cancellation of it waits, and it for them), its sections'
 * new prices onto their tickets, the seat-map log and the price history
 * (reprice.ts), and the reviews marked done; search hears of the new prices
 * through the outbox (event_sections' trigger). Leading holds a connection
 * of the request pool, so a process leads only while a section is due, and
 * steps down when none is (as the cancellation refunds do).
 */
import type { Clock } from '../clock.js';
import { repricerLock } from '../db/advisory-locks.js';
import type { Sql } from '../db/client.js';
import { leaderOnly } from '../jobs/leader-only.js';
import type { Job } from '../jobs/lifecycle.js';
import { type JobSignals, pollLoop } from '../jobs/poll-loop.js';
import type { Logger } from '../logger.js';
import { type EventChange, recordSeatMapChanges, type SeatMapLog } from '../seatmap/change-log.js';
import { repriceOnSale, repricing } from './reprice.js';
import { reviewEvent, selling } from './review.js';
import { eventsDueForReview, markReviewed, shareLockEvent } from './store.js';

/** Whether a waiting room is admitting fans to the event's sale now: while it is, no price of it rises (a waiting room implements it). */
export type AdmittingNow = (eventId: number) => Promise<boolean>;

export interface RepricerOptions {
  sql: Sql;
  clock: Clock;
  logger: Logger;
  seatMapLog: SeatMapLog;
  admitting: AdmittingNow;
  /** Time between rounds; 0: no rounds of its own (tick() still runs one). */
  intervalMs: number;
  /** Test-only (UnsafeEventGuards'): a review's tickets are recorded on the seat map in a transaction of their own, after it committed. */
  unsafeSplitPriceChange?: boolean;
  /** Told of failed rounds (the metrics). */
  signals?: JobSignals;
}

/** What a round did: sections reviewed, and of them those whose price changed. */
export interface RepriceReport {
  reviewed: number;
  changed: number;
}

export interface Repricer extends Job {
  /** Runs a round now if this process leads (or can take the lead), or joins the one under way. */
  tick(): Promise<RepriceReport>;
}

const JOB = 'repricer';
const IDLE: RepriceReport = { reviewed: 0, changed: 0 };
const MAX_RETRY_MS = 5_000;

export function createRepricer({ sql, clock, logger, seatMapLog, admitting, intervalMs, unsafeSplitPriceChange, signals }: RepricerOptions): Repricer {
  /** Reviews the event's due sections in one transaction; what it did. */
  async function reviewDue(eventId: number): Promise<RepriceReport> {
    const admittingNow = await admitting(eventId);
    const recordLater: EventChange[] = [];
    const report = await repricing(() =>
      seatMapLog.transaction(async (tx) => {
        const now = clock();
        const event = await shareLockEvent(tx, eventId);
        if (!event || !selling({ id: eventId, ...event }, now)) return IDLE;
        const reviews = await reviewEvent(tx, { id: eventId, ...event }, now, { admitting: admittingNow, dueOnly: true });
        const changes = reviews.filter((review) => review.price !== review.currentPrice);
        if (changes.length > 0) {
          const prices = changes.map(({ sectionId, price, reason }) => ({ sectionId, amount: price, reason }));
          const repriced = await repriceOnSale(tx, eventId, prices, now);
          if (unsafeSplitPriceChange) recordLater.push(...repriced);
          else recordSeatMapChanges(tx, repriced);
        }
        await markReviewed(
          tx,
          eventId,
          reviews.map((review) => review.sectionId),
          now,
        );
        return { reviewed: reviews.length, changed: changes.length };
      }),
    );
    if (recordLater.length > 0) await seatMapLog.transaction(async (tx) => recordSeatMapChanges(tx, recordLater));
    return report;
  }

  /** As the leader: every event with a section due, one after the other. */
  async function reviewAllDue(): Promise<RepriceReport> {
    const report = { ...IDLE };
    for (const eventId of await eventsDueForReview(sql, clock())) {
      const done = await reviewDue(eventId);
      report.reviewed += done.reviewed;
      report.changed += done.changed;
    }
    if (report.changed > 0) logger.info({ job: JOB, ...report }, 'repriced sections on demand');
    return report;
  }

  const leader = leaderOnly(repricerLock, reviewAllDue, { sql, job: JOB, logger });

  async function round(): Promise<RepriceReport> {
    if ((await eventsDueForReview(sql, clock())).length === 0) {
      await leader.stepDown();
      return IDLE;
    }
    return (await leader.tick()) ?? IDLE;
  }

  const rounds = pollLoop({ job: JOB, logger, round, intervalMs, backoff: { firstMs: intervalMs || 1_000, maxMs: MAX_RETRY_MS }, signals });
  return {
    start: rounds.start,
    tick: rounds.tick,
    /** Ends the rounds, waiting for the one under way, then gives the lead up. */
    async stop() {
      await rounds.stop();
      await leader.release();
    },
  };
}
