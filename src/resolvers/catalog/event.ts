import { eventAvailability, sectionAvailability, totalAvailability } from '../../catalog/availability.js';
import { loadExisting } from '../../catalog/find.js';
import type { EventResolvers, EventSectionResolvers } from '../../generated/graphql.js';
import { toGlobalId } from '../../relay/global-id.js';
import { loadSeatMap } from '../../seatmap/seat-map.js';

export const Event: EventResolvers = {
  id: (event) => toGlobalId('Event', event.id),
  venue: (event, _, { loaders }) => loadExisting(loaders.venueById, event.venueId, 'venue'),
  performers: (event, _, { loaders }) => loaders.performersByEventId.load(event.id),
  priceRange: async (event, _, { loaders }) => {
    const prices = (await loaders.pricesByEventId.load(event.id)).map((p) => p.price);
    if (prices.length === 0) return null;
    return {
      min: { amount: Math.min(...prices), currency: event.currency },
      max: { amount: Math.max(...prices), currency: event.currency },
    };
  },
  // A hot event's seat map is in memory: count from it rather than from its (then many) taken tickets.
  availability: async (event, _, { db, loaders, clock, seatMapCache }) => {
    const map = seatMapCache.getIfHot(event.id, (previous) => loadSeatMap(db, loaders, event, clock(), previous));
    return map
      ? totalAvailability((await map).sections.map(({ available, capacity }) => ({ available, total: capacity })))
      : eventAvailability(loaders, event.id);
  },
  sections: async (event, _, { loaders }) => (await loaders.pricesByEventId.load(event.id)).map((priced) => ({ ...priced, currency: event.currency })),
};

export const EventSection: EventSectionResolvers = {
  price: (priced) => ({ amount: priced.price, currency: priced.currency }),
  availability: (priced, _, { loaders }) => sectionAvailability(loaders, priced),
};
