/**
 * Live seat maps in one API process. Deltas announced after commit
 * (`publish`) reach every process through pub/sub. A process keeps one feed
 * per event watched there: one pub/sub subscription, and a window (about
 * 100 ms) that gathers the event's deltas and hands one merged delta, the
 * very same object, to every watcher, so it is rendered once for all.
 *
 * Pub/sub may lose messages. Versions show the gap, and the feed reads what
 * it missed from the change log in PostgreSQL, or tells its watchers to
 * refetch when the log no longer reaches back. The feed also checks the
 * database after pub/sub reconnects and every few seconds (a job of every
 * process, `reconciliation`, which the server starts with its others), so a
 * lost last change is not lost for long; while the database is down, those
 * checks are tried again every few hundred milliseconds, so watchers catch up
 * soon after it is back.
 *
 * A feed does its work (a watcher joining, a window closing, a catch-up) one
 * step at a time, so between steps every watcher is at the feed's version:
 * nothing is delivered twice, out of order or with a hole.
 *
 * A cancelled event's map ends (`end`, announced on the same channel after
 * the cancellation's own delta): each watcher gets the changes up to then,
 * then the EVENT_CANCELLED error, and a newcomer gets the error at once. A
 * feed also learns of the cancellation where it reads its version (on
 * joining, and in the checks against the database), so a lost announcement
 * ends the watchers at the next check, and a newcomer that subscribed as the
 * event was being cancelled is not left waiting for news that never comes.
 */
import type { GraphQLError } from 'graphql';

import { isDatabaseUnavailable } from '../db/availability.js';
import type { Sql } from '../db/client.js';
import { badUserInput, eventCancelled } from '../errors.js';
import { createEventStream, type EventStream, type EventStreamControls } from '../event-stream.js';
import { type JobSignals, pollLoop } from '../jobs/poll-loop.js';
import type { Logger } from '../logger.js';
import { forEachPaced } from '../paced.js';
import type { PubSub } from '../pubsub/pubsub.js';
import { logReachesBack, type SeatMapDelta, type TicketChange } from './change-log.js';
import { feedStatesOf, type LogExtract, readLog } from './store.js';

/** What a watcher receives: the changes after `previousVersion` up to `version`, or word to refetch. */
export interface LiveDelta {
  eventId: number;
  /** Currency of the prices. */
  currency: string;
  /** The version these changes follow. */
  previousVersion: number;
  /** The version they lead to. */
  version: number;
  /** Each changed ticket's latest status and price, in ticket order. */
  changes: TicketChange[];
  /** The changes are no longer kept: refetch the seat map. */
  resync: boolean;
}

/** A change with the currency of its price, as the API shows it. */
export type PricedChange = TicketChange & { currency: string };

export interface LiveSeatMapsOptions {
  pubsub: PubSub;
  sql: Sql;
  logger: Logger;
  /** Deltas of one event arriving within this many milliseconds go out as one. */
  windowMs: number;
  /** How often to check the database for changes that pub/sub lost. */
  reconcileIntervalMs: number;
  /** Watchers handed a delta between two turns of the event loop (src/paced.ts); tests switch the pacing off with Infinity. */
  watchersPerTurn?: number;
  /** Told how long deltas took to reach their watchers, and of the reconciliation's failed rounds (the metrics). */
  signals?: SeatMapSignals;
}

/** What the live seat maps tell the metrics, so that they need not know prom-client. */
export interface SeatMapSignals extends JobSignals {
  /** A delta published `seconds` ago (by this process or another) has been handed to every watcher of its event here. */
  fannedOut(seconds: number): void;
}

export type LiveSeatMaps = ReturnType<typeof createLiveSeatMaps>;

type Watcher = Pick<EventStreamControls<LiveDelta>, 'push' | 'fail'>;

/**
 * A committed delta as announced, with when (Date.now(): the wall clock, the
 * one time processes share), for the metrics' fan-out lag. A process of an
 * older version announces none.
 */
type Announced = SeatMapDelta & { publishedAt?: number };

/** What a feed hears on its channel: a committed delta, or that the event was cancelled (after its last delta). */
type FeedMessage = Announced | { eventId: number; cancelled: string };

/** A window lasts at least this many times as long as delivering the last one took (see openWindow). */
const FANOUT_SHARE = 3;
/** After a failed check against the database, the next comes this soon, then twice as late each time, up to the usual interval. */
const FIRST_RETRY_MS = 250;

interface Feed {
  eventId: number;
  currency: string;
  /** Every watcher has received the changes up to this version. */
  version: number;
  watchers: Set<Watcher>;
  /** Deltas heard in the current window, and those held back from the last one behind a missing version. */
  gathered: Announced[];
  /** The last window closed with a version missing. */
  waitingForGap: boolean;
  /** How long delivering the last delta to every watcher took, in milliseconds. */
  deliveryMs: number;
  window: NodeJS.Timeout | undefined;
  /** The end of the chain of steps. */
  steps: Promise<unknown>;
  /** Set once the event is known to be cancelled: its watchers were ended with this error, and newcomers are refused with it. */
  ended: GraphQLError | undefined;
}

/** A feed while anyone in this process watches its event. */
interface Membership {
  /** Watchers joined or joining. */
  members: number;
  feed: Promise<Feed>;
  unsubscribe: Promise<() => Promise<void>>;
}

const channelOf = (eventId: number) => `seat-map:${eventId}`;

/** Each ticket's last change among `changes` (in version order), in ticket order. */
function latestChanges(changes: readonly TicketChange[]): TicketChange[] {
  const latest = new Map<number, TicketChange>();
  for (const { ticketId, status, price } of changes) latest.set(ticketId, { ticketId, status, price });
  return [...latest.values()].sort((a, b) => a.ticketId - b.ticketId);
}

export function createLiveSeatMaps({ pubsub, sql, logger, windowMs, reconcileIntervalMs, watchersPerTurn, signals }: LiveSeatMapsOptions) {
  const memberships = new Map<number, Membership>();

  /** Runs `task` after the feed's earlier steps; its result or error goes to the caller only. */
  function step<T>(feed: Feed, task: () => Promise<T> | T): Promise<T> {
    const done = feed.steps.then(task);
    feed.steps = done.catch(() => {});
    return done;
  }

  const logFailure = (eventId: number) => (error: unknown) => {
    if (!isDatabaseUnavailable(error)) return logger.error({ err: error, eventId }, 'seat-map feed step failed');
    // The database is down (its outage is logged where it is watched): check again soon (unless checks already
    // fail and back off), and the feed catches up then.
    logger.debug({ err: error, eventId }, 'seat-map feed step failed: the database is unavailable');
    reconciliation.retrySoon();
  };

  /** The delta from `after` to `upTo` out of `log`; a resync if the log no longer holds every version between. */
  function deltaBetween(feed: Feed, log: LogExtract, after: number, upTo: number): LiveDelta {
    const changes = log.changes.filter((change) => change.version > after && change.version <= upTo);
    const versions = changes.map((change) => change.version);
    const complete = logReachesBack(versions, after, upTo);
    const delta = { eventId: feed.eventId, currency: feed.currency, previousVersion: after, version: upTo };
    return complete ? { ...delta, changes: latestChanges(changes), resync: false } : { ...delta, changes: [], resync: true };
  }

  /**
   * Hands `delta` to every watcher (listening watchers write to their sockets
   * there and then), a few hundred between two turns of the event loop
   * (src/paced.ts). A step: the next waits for the last watcher to have it.
   */
  async function deliver(feed: Feed, delta: LiveDelta): Promise<void> {
    feed.version = delta.version;
    const started = performance.now();
    await forEachPaced([...feed.watchers], (watcher) => watcher.push(delta), watchersPerTurn);
    feed.deliveryMs = performance.now() - started;
  }

  /**
   * Tells the metrics how long the heard `deltas` now delivered took, from
   * their announcement to the last watcher here having them: a delta waits
   * out its window, and with many watchers, the paced fan-out.
   */
  function timeFanOut(feed: Feed, deltas: readonly Announced[]): void {
    if (!signals || feed.watchers.size === 0) return;
    const now = Date.now();
    for (const { version, publishedAt } of deltas) {
      if (publishedAt !== undefined && version <= feed.version) signals.fannedOut((now - publishedAt) / 1000);
    }
  }

  /** Brings every watcher of the feed to the version `log` was read at. */
  async function catchUpWith(feed: Feed, log: LogExtract): Promise<void> {
    if (log.current > feed.version) await deliver(feed, deltaBetween(feed, log, feed.version, log.current));
  }

  /** Brings every watcher of the feed to the current version from the log. */
  async function catchUp(feed: Feed): Promise<void> {
    await catchUpWith(feed, await readLog(sql, feed.eventId, feed.version));
  }

  /**
   * Closes the window: its deltas, as one, as far as they follow on from the
   * feed's version. A missing version is most likely still on its way (commits
   * announce themselves in whatever order they finish), so the deltas after it
   * wait one more window; if it is still missing then, the log fills the gap.
   */
  async function closeWindow(feed: Feed): Promise<void> {
    feed.window = undefined;
    const byVersion = new Map(feed.gathered.filter((delta) => delta.version > feed.version).map((delta) => [delta.version, delta]));
    feed.gathered = [];
    const unbroken: Announced[] = [];
    for (let next = byVersion.get(feed.version + 1); next; next = byVersion.get(next.version + 1)) unbroken.push(next);
    if (unbroken.length > 0) {
      const changes = latestChanges(unbroken.flatMap((delta) => delta.changes));
      await deliver(feed, {
        eventId: feed.eventId,
        currency: feed.currency,
        previousVersion: feed.version,
        version: unbroken.at(-1)!.version,
        changes,
        resync: false,
      });
      timeFanOut(feed, unbroken);
    }
    const waiting = [...byVersion.values()].filter((delta) => delta.version > feed.version);
    const waitedBefore = feed.waitingForGap;
    feed.waitingForGap = waiting.length > 0 && !waitedBefore;
    if (waiting.length === 0) return;
    if (waitedBefore) {
      await catchUp(feed);
      return timeFanOut(feed, waiting); // the slow way, a version having been lost: timed too
    }
    feed.gathered.push(...waiting);
    openWindow(feed);
  }

  /**
   * A window lasts `windowMs`, or three times as long as delivering the last
   * delta took when that is longer: with many watchers on a busy process,
   * fewer, fuller deltas keep the fan-out to about a third of its time.
   */
  function openWindow(feed: Feed): void {
    feed.window ??= setTimeout(
      () => void step(feed, () => closeWindow(feed)).catch(logFailure(feed.eventId)),
      Math.max(windowMs, FANOUT_SHARE * feed.deliveryMs),
    );
  }

  /**
   * The event was cancelled: every watcher gets the changes committed up to
   * now (its final delta, read from the log rather than waiting out the
   * window), then the error, and is let go. A step.
   */
  async function end(feed: Feed, reason: string): Promise<void> {
    if (feed.ended) return;
    clearTimeout(feed.window);
    feed.window = undefined;
    feed.gathered = [];
    feed.waitingForGap = false;
    await catchUp(feed);
    feed.ended = eventCancelled(reason);
    for (const watcher of feed.watchers) watcher.fail(feed.ended);
    feed.watchers.clear();
  }

  function hear(feed: Feed, text: string): void {
    const message = JSON.parse(text) as FeedMessage;
    if ('cancelled' in message) return void step(feed, () => end(feed, message.cancelled)).catch(logFailure(feed.eventId));
    feed.gathered.push(message);
    openWindow(feed);
  }

  function join(event: { id: number; currency: string }): Membership {
    const existing = memberships.get(event.id);
    if (existing) {
      existing.members++;
      return existing;
    }
    const feed: Feed = {
      eventId: event.id,
      currency: event.currency,
      version: 0,
      watchers: new Set(),
      gathered: [],
      waitingForGap: false,
      deliveryMs: 0,
      window: undefined,
      steps: Promise.resolve(),
      ended: undefined,
    };
    const unsubscribe = pubsub.subscribe(channelOf(event.id), (message) => hear(feed, message));
    // Subscribed first, then the version: a change committed in between is heard, and dropped as old if already counted;
    // likewise a cancellation: seen here, or heard.
    const started = step(feed, async () => {
      await unsubscribe;
      const state = (await feedStatesOf(sql, [event.id])).get(event.id)!;
      feed.version = state.version;
      if (state.cancelledBecause !== null) feed.ended = eventCancelled(state.cancelledBecause);
      return feed;
    });
    const membership: Membership = { members: 1, feed: started, unsubscribe };
    memberships.set(event.id, membership);
    return membership;
  }

  async function leave(eventId: number, membership: Membership, watcher?: Watcher): Promise<void> {
    const feed = await membership.feed.catch(() => undefined);
    if (watcher) feed?.watchers.delete(watcher);
    if (--membership.members > 0) return;
    if (memberships.get(eventId) === membership) memberships.delete(eventId);
    clearTimeout(feed?.window);
    await (
      await membership.unsubscribe
    )();
  }

  /** Brings each feed to the database's version, and ends those of cancelled events, for the news pub/sub may have lost. */
  async function reconcile(): Promise<void> {
    const feeds = (await Promise.all([...memberships.values()].map((m) => m.feed.catch(() => undefined)))).filter((feed) => feed !== undefined);
    if (feeds.length === 0) return;
    const current = await feedStatesOf(
      sql,
      feeds.map((feed) => feed.eventId),
    );
    const caughtUp = await Promise.allSettled(
      feeds.flatMap((feed) => {
        const { version, cancelledBecause } = current.get(feed.eventId)!;
        if (cancelledBecause !== null && !feed.ended) return [step(feed, () => end(feed, cancelledBecause))];
        return version > feed.version ? [step(feed, () => catchUp(feed))] : [];
      }),
    );
    const failed = caughtUp.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * Checks every reconcileIntervalMs, and whenever pub/sub reconnects. A check
   * that fails (the database restarting, say) is tried again within 250 ms,
   * then twice as late each time up to the interval, so that watchers catch
   * up soon after the database is back (with jitter: the processes that lost
   * it together do not all come back at once).
   */
  const reconciliation = pollLoop({
    job: 'seat-map reconciliation',
    logger,
    round: reconcile,
    intervalMs: reconcileIntervalMs,
    backoff: { firstMs: FIRST_RETRY_MS, maxMs: reconcileIntervalMs },
    jitter: true,
    failure: { level: 'warn', message: 'could not check seat maps for lost changes' },
    signals,
  });
  pubsub.onReconnect(() => void reconciliation.tick().catch(() => {})); // logged by the loop

  return {
    /** Announces a committed delta to every process. Never throws: a lost delta is caught up from the log. */
    publish(delta: SeatMapDelta): void {
      const announced: Announced = { ...delta, publishedAt: Date.now() };
      pubsub.publish(channelOf(delta.eventId), JSON.stringify(announced)).catch((error: unknown) => {
        logger.warn({ err: error, eventId: delta.eventId }, 'could not publish a seat-map delta; watchers catch up from the log');
      });
    },

    /**
     * The event's deltas from now on; with `sinceVersion`, first one delta
     * with the changes after it (or a resync when the log no longer has
     * them). Rejects with BAD_USER_INPUT for a version the map never had.
     */
    async watch(event: { id: number; currency: string }, sinceVersion?: number | null): Promise<EventStream<LiveDelta>> {
      const membership = join(event);
      const eventId = event.id; // what the watcher's end needs, rather than the event's row for as long as it watches
      const watcher = createEventStream<LiveDelta>((): Promise<void> => leave(eventId, membership, watcher));
      try {
        const feed = await membership.feed;
        await step(feed, async () => {
          if (feed.ended) throw feed.ended;
          // A newcomer at the feed's version (the usual one: a map loaded, then watched from its version) has nothing to
          // catch up on, and what is in flight reaches it with every other watcher: no read, which thousands joining at
          // once would otherwise make one after another.
          if (sinceVersion != null && sinceVersion !== feed.version) {
            // One read serves both: the feed catches up to now (news may be in flight), then the newcomer to the feed.
            const log = await readLog(sql, eventId, Math.min(sinceVersion, feed.version));
            await catchUpWith(feed, log);
            if (sinceVersion > feed.version) {
              throw badUserInput(`sinceVersion ${sinceVersion} is ahead of the seat map, which is at version ${feed.version}.`, 'sinceVersion');
            }
            if (sinceVersion < feed.version) watcher.push(deltaBetween(feed, log, sinceVersion, feed.version));
          }
          feed.watchers.add(watcher);
        });
      } catch (error) {
        await leave(eventId, membership);
        throw error;
      }
      return watcher.stream;
    },

    /**
     * Ends the event's seat map in every process, the event being cancelled
     * (`reason` as its organizer gave it): after the deltas committed before,
     * each watcher gets the EVENT_CANCELLED error. Call it once the
     * cancellation has committed. Never throws: a lost announcement is made
     * good by the next check against the database.
     */
    end(eventId: number, reason: string): void {
      pubsub.publish(channelOf(eventId), JSON.stringify({ eventId, cancelled: reason } satisfies FeedMessage)).catch((error: unknown) => {
        logger.warn({ err: error, eventId }, "could not announce a cancelled event's end to its seat-map watchers; the next check ends them");
      });
    },

    /** Checks every watched event against the database now (also done on reconnects and every few seconds). */
    reconcile,

    /** The checks on reconnects and every few seconds: a job of every process, to start with the server's others. */
    reconciliation,

    /** Stops the feeds of this process. */
    async close(): Promise<void> {
      const all = [...memberships.entries()];
      memberships.clear();
      await Promise.all(
        all.map(async ([, membership]) => {
          const feed = await membership.feed.catch(() => undefined);
          clearTimeout(feed?.window);
          await (await membership.unsubscribe)().catch(() => {});
        }),
      );
    },
  };
}
