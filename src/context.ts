import type { Accounts } from './accounts/accounts.js';
import type { Viewer } from './accounts/policy.js';
import type { AccountLoaders } from './accounts/loaders.js';
import type { Booking } from './booking/booking.js';
import type { BookingLoaders } from './booking/loaders.js';
import type { CatalogLoaders } from './catalog/loaders.js';
import type { Clock } from './clock.js';
import type { Db } from './db/client.js';
import type { RateLimits } from './rate-limits/limits.js';
import type { LiveSeatMaps } from './seatmap/live.js';
import type { SeatMapCache } from './seatmap/seat-map-cache.js';
import type { SearchIndex } from './search/search-index.js';

/** What every resolver gets: built fresh for each request or WebSocket operation (see server.ts). */
export interface Context {
  db: Db;
  clock: Clock;
  loaders: CatalogLoaders & AccountLoaders & BookingLoaders;
  accounts: Accounts;
  booking: Booking;
  seatMaps: LiveSeatMaps;
  seatMapCache: SeatMapCache;
  /** Event search: the configured backend behind the search cache. */
  search: SearchIndex;
  /** The logged-in caller, or null for an anonymous request. */
  viewer: Viewer | null;
  /** The caller's network address, for rate limits. */
  clientAddress: string;
  /** Aborts at the request's deadline (or when an HTTP client goes away); no resolver starts after (src/limits/deadline.ts). None for subscriptions. */
  signal?: AbortSignal;
  /** Limits on sign-ups, reservations and releases per user and address; resolvers call them before acting. */
  rateLimits: RateLimits;
}
