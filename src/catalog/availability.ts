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

export async function eventAvailability(loaders: CatalogLoaders, eventId: number): Promise<Availability> {
  const [prices, taken] = await Promise.all([loaders.pricesByEventId.load(eventId), loaders.takenByEventId.load(eventId)]);
  const total = prices.reduce((sum, p) => sum + p.section.capacity, 0);
  const takenTotal = [...taken.values()].reduce((sum, n) => sum + n, 0);
  return { total, available: total - takenTotal };
}
