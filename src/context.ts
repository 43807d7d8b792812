import type { AccountsFacade } from './accounts/facade.js';
import type { BookingFacade } from './booking/facade.js';
import type { CatalogFacade } from './catalog/facade.js';
import type { CheckInFacade } from './checkin/facade.js';
import type { NotificationsFacade } from './notifications/facade.js';
import type { OrganizerFacade } from './organizer/facade.js';
import type { PartnersFacade } from './partners/facade.js';
import type { PartnerCaller } from './partners/gate.js';
import type { PricingFacade } from './pricing/facade.js';
import type { SearchFacade } from './search/facade.js';
import type { SeatMapsFacade } from './seatmap/facade.js';
import type { WaitingRoomsFacade } from './waitingroom/facade.js';

/**
 * What every resolver gets: built fresh for each request or WebSocket
 * operation by server.ts (`contextFor`). Each domain is a facade over its
 * services that holds the request's viewer, clock and loaders
 * (src/request-scope.ts); resolvers call them and never touch the database.
 */
export interface Context {
  accounts: AccountsFacade;
  booking: BookingFacade;
  catalog: CatalogFacade;
  /** Tickets at the door: codes for their buyers, check-in, event staff and counts. */
  checkin: CheckInFacade;
  /** A user's e-mails, and the job queue for admins. */
  notifications: NotificationsFacade;
  /** Organizers' venues, performers, events, cancellations and sales reports. */
  organizer: OrganizerFacade;
  /** Partners and their API keys, for admins. */
  partners: PartnersFacade;
  /** The partner whose API key the request carries, if any (beside the viewer, when a partner site acts for a fan). */
  partner: PartnerCaller | null;
  /** Pricing policies, their preview, and the public bounds, mode and history of prices. */
  pricing: PricingFacade;
  /** Event search: the configured backend behind the search cache. */
  search: SearchFacade;
  seatMaps: SeatMapsFacade;
  waitingRooms: WaitingRoomsFacade;
  /** Aborts at the request's deadline (or when an HTTP client goes away); no resolver starts after (src/limits/deadline.ts). None for subscriptions. */
  signal?: AbortSignal;
}
