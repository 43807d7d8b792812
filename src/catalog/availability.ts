import type { CatalogLoaders } from './loaders.js';
import type { Availability, PricedSection } from './types.js';

/**
 * A section's tickets are exactly its capacity (tickets.ts creates one per
 * seat or unit), so availability is capacity minus the taken ones.
 */
export async function sectionAvailability(loaders: CatalogLoaders, priced: Pick<PricedSection, 'eventId' | 'section'>): Promise<Availability> {
  const taken = await loaders.takenByEventId.load(priced.eventId);
  const total = priced.section.capacity;
  return { total, available: total - (taken.get(priced.section.id) ?? 0) };
}

/** The sum over the event's priced sections (tickets exist only in those). */
export async function eventAvailability(loaders: CatalogLoaders, eventId: number): Promise<Availability> {
  const priced = await loaders.pricesByEventId.load(eventId);
  return totalAvailability(await Promise.all(priced.map((section) => sectionAvailability(loaders, section))));
}

/** The sum of sections' availability. */
export function totalAvailability(sections: readonly Availability[]): Availability {
  return sections.reduce((sum, s) => ({ total: sum.total + s.total, available: sum.available + s.available }), { total: 0, available: 0 });
}
