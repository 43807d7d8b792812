import type { SectionResolvers, VenueResolvers } from '../../generated/graphql.js';
import { pageSize } from '../../relay/connection.js';
import { toGlobalId } from '../../relay/global-id.js';

export const Venue: VenueResolvers = {
  id: (venue) => toGlobalId('Venue', venue.id),
  location: (venue) => ({ latitude: venue.latitude, longitude: venue.longitude }),
  capacity: (venue, _, { catalog }) => catalog.capacityOf(venue),
  sections: (venue, _, { catalog }) => catalog.sectionsOfVenue(venue),
  upcomingEvents: (venue, args, { catalog }) => catalog.upcomingEventsOfVenue(venue, pageSize(args.first), args.after ?? null),
};

export const Section: SectionResolvers = {
  id: (section) => toGlobalId('Section', section.id),
  venue: (section, _, { catalog }) => catalog.existingVenue(section.venueId),
};
