/**
 * What one request (an HTTP request, or a WebSocket operation) is to every
 * domain: who asks, from where, the clock, and the request's batching
 * loaders. server.ts builds one per request in `contextFor` and gives it to
 * each domain's facade (src/<domain>/facade.ts), which the resolvers call.
 */
import type { AccountLoaders } from './accounts/loaders.js';
import type { Viewer } from './accounts/policy.js';
import type { BookingLoaders } from './booking/loaders.js';
import type { CatalogLoaders } from './catalog/loaders.js';
import type { Clock } from './clock.js';

/** Every domain's DataLoaders of the request: a domain's reads batch with another's (booking reads events too). */
export type Loaders = CatalogLoaders & AccountLoaders & BookingLoaders;

export interface RequestScope {
  /** The logged-in caller, or null. A sign-up or log-in makes the request its new session's (AccountsFacade). */
  viewer: Viewer | null;
  /** The caller's network address, for rate limits; '' for a @shared subscription's rendering, which is nobody's. */
  readonly clientAddress: string;
  readonly clock: Clock;
  readonly loaders: Loaders;
}
