/**
 * Seat maps answered from memory. During an on-sale every buyer loads the map
 * of one event while its version moves hundreds of times a second, so a cache
 * keyed by version would never hit. Instead a map, read in one snapshot and so
 * true at its `version`, serves every request for `maxAgeMs`; requests that
 * arrive while it is being read wait for that one read. A client that loads a
 * slightly older map still ends up exact: it subscribes from the map's version
 * and is sent what changed since. A map is read again sooner when a hold on it
 * runs out, since that frees seats without a new version. A map read again
 * starts from the last one (see seat-map.ts), so reading often costs little.
 * While an event is hot, its availability is counted from its map too.
 * The places of a map's tickets, which never change, are kept apart, for as
 * long as memory allows (layout-cache.ts).
 */
import { LRUCache } from 'lru-cache';

import type { Clock } from '../clock.js';
import { createLayoutCache } from './layout-cache.js';
import type { SeatMapView } from './seat-map.js';

export interface SeatMapCacheOptions {
  /** How long one reading of a map serves requests; 0 reads every time. */
  maxAgeMs: number;
  clock: Clock;
}

/** Events whose maps are kept (the hot ones: a map of 20,000 seats is some 300 KB, most of it the ticket ids it is read again by). */
const MAX_EVENTS = 500;
/** An event whose map someone asked for this recently is hot: its availability is worth a map read too. */
const HOT_FOR_MS = 5_000;

export type SeatMapCache = ReturnType<typeof createSeatMapCache>;

/** Reads an event's map, starting from the last one read when there is one. */
export type SeatMapRead = (previous: SeatMapView | undefined) => Promise<SeatMapView>;

interface Entry {
  validUntil: number;
  map: Promise<SeatMapView>;
  /** The read of `map` is under way. */
  reading: boolean;
  /** The last map read: the next read starts from it. */
  last?: SeatMapView;
}

export function createSeatMapCache({ maxAgeMs, clock }: SeatMapCacheOptions) {
  const entries = new LRUCache<number, Entry>({ max: MAX_EVENTS });
  /** When someone last asked for each event's map. */
  const askedAt = new LRUCache<number, number>({ max: MAX_EVENTS });

  function fetch(eventId: number, read: SeatMapRead): Promise<SeatMapView> {
    if (maxAgeMs === 0) return read(undefined);
    const now = clock().getTime();
    const cached = entries.get(eventId);
    // A read under way is as fresh as a new one would be (under load, a read can outlast maxAgeMs).
    if (cached && (now < cached.validUntil || cached.reading)) return cached.map;
    const entry: Entry = { validUntil: now + maxAgeMs, map: read(cached?.last), reading: true, last: cached?.last };
    entries.set(eventId, entry);
    entry.map.then(
      (map) => {
        Object.assign(entry, { reading: false, last: map });
        if (map.nextExpiry) entry.validUntil = Math.min(entry.validUntil, map.nextExpiry.getTime());
      },
      () => entries.get(eventId) === entry && entries.delete(eventId), // a failed read is not kept
    );
    return entry.map;
  }

  return {
    /** Where each map's tickets are, kept whatever `maxAgeMs` is: places never change. */
    layouts: createLayoutCache(),

    /** The event's map from memory while fresh, else from `read`, shared by everyone asking meanwhile. */
    get(eventId: number, read: SeatMapRead): Promise<SeatMapView> {
      askedAt.set(eventId, clock().getTime());
      return fetch(eventId, read);
    },

    /**
     * The event's map, as `get` gives it, if the event is hot: someone asked
     * for its map in the last few seconds. Undefined otherwise, or with the
     * cache off, and then nothing is read.
     */
    getIfHot(eventId: number, read: SeatMapRead): Promise<SeatMapView> | undefined {
      const asked = askedAt.get(eventId);
      return maxAgeMs > 0 && asked !== undefined && clock().getTime() - asked < HOT_FOR_MS ? fetch(eventId, read) : undefined;
    },

    /**
     * The event's last map read, if it is still fresh or the read replacing it
     * is under way (so at most `maxAgeMs` and one read old); undefined
     * otherwise, or with the cache off. Reads nothing, and does not make the
     * event hot: for callers that can do without it (best available's hint).
     */
    inMemory(eventId: number): SeatMapView | undefined {
      const entry = entries.peek(eventId);
      return entry?.last && (entry.reading || clock().getTime() < entry.validUntil) ? entry.last : undefined;
    },
  };
}
