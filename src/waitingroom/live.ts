/**
 * queuePassChanged: each subscriber's pass, pushed when its position,
 * estimate or status changes, at most once a round (a second). A round reads
 * each watched room once (one snapshot) and works out every waiting
 * subscriber's position from it in memory, so its reads grow with rooms, not
 * with fans. A pass is read again only when it may have changed in a way the
 * snapshot cannot show: admitted (its number reached), numbered (the
 * pre-queue drawn), left (its number among those who left), or ADMITTED
 * (until its admission ends); a pre-queued pass every tenth round, in case
 * its owner left meanwhile. Those passes are pushed first, then the rest, a
 * few hundred at a time with the process's requests answered in between. A
 * round runs as soon as the admitter has moved a room (`roomMoved`), so that
 * what fans see lags its rounds by the pushing alone. The last snapshot of
 * each watched room is kept for the metrics, which read it when scraped.
 */
import type { Clock } from '../clock.js';
import { createEventStream, type EventStream } from '../event-stream.js';
import { type JobSignals, type PollLoop, pollLoop } from '../jobs/poll-loop.js';
import type { Logger } from '../logger.js';
import { forEachPaced } from '../paced.js';
import { hasLeft } from './position.js';
import type { QueuePassRecord, QueueStore, RoomSnapshot } from './queue-store.js';
import { type PassView, type RoomOfEvent, viewAt } from './waiting-rooms.js';

interface Watcher {
  pass: QueuePassRecord;
  push(view: PassView): void;
  /** What was pushed last, to push only changes. */
  last: string;
}

export interface QueueFeedsOptions {
  store: QueueStore;
  settingsOf(eventId: number): Promise<RoomOfEvent | undefined>;
  clock: Clock;
  logger: Logger;
  /** Time between rounds (1 s). */
  intervalMs: number;
  /** Pushes written between two turns of the event loop (src/paced.ts); tests switch the pacing off with Infinity. */
  pushesPerTurn?: number;
  /** Told of the job's failed rounds (the metrics). */
  signals?: JobSignals;
}

/** Fans in rooms, by status: what the metrics show. */
export interface FanCounts {
  waiting: number;
  admitted: number;
}

/** Pre-queued passes are read again every this many rounds. */
const PRE_QUEUE_REREAD_ROUNDS = 10;

export function createQueueFeeds({ store, settingsOf, clock, logger, intervalMs, pushesPerTurn, signals }: QueueFeedsOptions) {
  const rooms = new Map<number, Set<Watcher>>();
  /** The last snapshot read of each room in `rooms`. */
  const snapshots = new Map<number, RoomSnapshot>();
  let round = 0;

  /** Keeps `room`, read for `watchers`, unless they are no longer the room's (its last watcher left meanwhile). */
  function remember(eventId: number, watchers: Set<Watcher>, room: RoomSnapshot): void {
    if (rooms.get(eventId) === watchers) snapshots.set(eventId, room);
  }

  function mayHaveChanged(pass: QueuePassRecord, room: RoomSnapshot): boolean {
    if (pass.status === 'ADMITTED') return true;
    if (pass.status !== 'WAITING') return false;
    if (pass.number === null) return room.numbered || round % PRE_QUEUE_REREAD_ROUNDS === 0;
    return pass.number <= room.servingNumber || hasLeft(room, pass.number);
  }

  async function update(eventId: number, watchers: Set<Watcher>): Promise<void> {
    const now = clock();
    const [room, settings] = await Promise.all([store.snapshot(eventId, now), settingsOf(eventId)]);
    remember(eventId, watchers, room);
    const stale = new Set([...watchers].filter((watcher) => mayHaveChanged(watcher.pass, room)));
    await Promise.all([...stale].map(async (watcher) => (watcher.pass = (await store.pass(watcher.pass.id)) ?? watcher.pass)));
    // Those read again first: an admission reaches its fan before the others' new positions.
    const order = [...stale, ...[...watchers].filter((watcher) => !stale.has(watcher))];
    const push = (watcher: Watcher) => {
      if (watchers.has(watcher)) send(watcher, viewAt(watcher.pass, room, settings, now)); // else it unsubscribed meanwhile
    };
    await forEachPaced(order, push, pushesPerTurn);
  }

  function send(watcher: Watcher, view: PassView): void {
    const shown = JSON.stringify([view.status, view.position, view.estimatedWaitSeconds, view.admittedUntil]);
    if (shown === watcher.last) return;
    watcher.last = shown;
    watcher.push(view);
  }

  /** Set when the admitter moved a room during a round: the round goes again, with what it did. */
  let movedMeanwhile = false;
  const loop: PollLoop<void> = pollLoop({
    job: 'queue pass feeds',
    logger,
    async round() {
      do {
        movedMeanwhile = false;
        round++;
        await Promise.all([...rooms].map(([eventId, watchers]) => update(eventId, watchers)));
      } while (movedMeanwhile);
    },
    intervalMs,
    backoff: { firstMs: 250, maxMs: intervalMs },
    signals,
  });

  return {
    /** The job that updates every watcher of this process. */
    job: loop,

    /**
     * The admitter has just moved a room (any process's admitter: the news
     * comes by pub/sub): its fans are pushed now rather than at the next
     * round, which would show them the move up to a round late. A round under
     * way goes again once done. Nothing while pushes are off (intervalMs 0).
     */
    roomMoved(): void {
      if (intervalMs === 0) return;
      movedMeanwhile = true;
      void loop.tick().catch(() => {}); // the loop logs a failed round
    },

    /** `pass` now, then whenever it changes, until the consumer stops. */
    async watch(pass: QueuePassRecord): Promise<EventStream<PassView>> {
      let watchers = rooms.get(pass.eventId);
      if (!watchers) rooms.set(pass.eventId, (watchers = new Set()));
      const { stream, push } = createEventStream<PassView>(async () => {
        watchers.delete(watcher);
        if (watchers.size === 0 && rooms.get(pass.eventId) === watchers) {
          rooms.delete(pass.eventId);
          snapshots.delete(pass.eventId);
        }
      });
      const watcher: Watcher = { pass, push, last: '' };
      watchers.add(watcher);
      const now = clock();
      const [room, settings] = await Promise.all([store.snapshot(pass.eventId, now), settingsOf(pass.eventId)]);
      remember(pass.eventId, watchers, room);
      send(watcher, viewAt(pass, room, settings, now));
      return stream;
    },

    /**
     * Fans waiting and admitted in the rooms watched in this process, as of
     * each one's last read (a round, or a fan subscribing): no read of its own.
     */
    fans(): FanCounts {
      const counts: FanCounts = { waiting: 0, admitted: 0 };
      for (const room of snapshots.values()) {
        counts.waiting += room.waitingCount;
        counts.admitted += room.admittedCount;
      }
      return counts;
    },
  };
}

/** This process's feeds of passes (createQueueFeeds). */
export type QueueFeeds = ReturnType<typeof createQueueFeeds>;
