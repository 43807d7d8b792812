import { loadExisting } from '../../catalog/find.js';
import type { SectionResolvers, VenueResolvers } from '../../generated/graphql.js';
import { pageSize } from '../../relay/connection.js';
import { toGlobalId } from '../../relay/global-id.js';

export const Venue: VenueResolvers = {
  id: (venue) => toGlobalId('Venue', venue.id),
  location: (venue) => ({ latitude: venue.latitude, longitude: venue.longitude }),
  capacity: async (venue, _, { loaders }) => (await loaders.sectionsByVenueId.load(venue.id)).reduce((sum, section) => sum + section.capacity, 0),
  sections: (venue, _, { loaders }) => loaders.sectionsByVenueId.load(venue.id),
  // Batched: the pages of every venue of a list are read in one statement.
  upcomingEvents: (venue, args, { loaders }) =>
    loaders.upcomingEventsByVenue.load({ parentId: venue.id, size: pageSize(args.first), after: args.after ?? null }),
};

export const Section: SectionResolvers = {
  id: (section) => toGlobalId('Section', section.id),
  venue: (section, _, { loaders }) => loadExisting(loaders.venueById, section.venueId, 'venue'),
};
