import type { events, eventSections, performers, sections, venues } from '../db/schema.js';

export type EventRow = typeof events.$inferSelect;
export type VenueRow = typeof venues.$inferSelect;
export type SectionRow = typeof sections.$inferSelect;
export type PerformerRow = typeof performers.$inferSelect;
export type EventStatus = EventRow['status'];

/** A section of an event's venue with the price it sells at for that event. */
export type PricedSection = typeof eventSections.$inferSelect & { section: SectionRow; currency: string };

/** Tickets of an event or section: all of them, and those nobody holds or has bought. */
export interface Availability {
  available: number;
  total: number;
}
