import type { EventResolvers, EventSectionResolvers } from '../../generated/graphql.js';
import { toGlobalId } from '../../relay/global-id.js';

export const Event: EventResolvers = {
  id: (event) => toGlobalId('Event', event.id),
  venue: (event, _, { catalog }) => catalog.existingVenue(event.venueId),
  performers: (event, _, { catalog }) => catalog.performersOf(event),
  priceRange: async (event, _, { catalog }) => {
    const range = await catalog.priceRangeOf(event);
    return range && { min: { amount: range.min, currency: event.currency }, max: { amount: range.max, currency: event.currency } };
  },
  availability: (event, _, { catalog }) => catalog.availabilityOf(event),
  sections: (event, _, { catalog }) => catalog.sectionsOf(event),
};

export const EventSection: EventSectionResolvers = {
  price: (priced) => ({ amount: priced.price, currency: priced.currency }),
  availability: (priced, _, { catalog }) => catalog.sectionAvailability(priced),
};
