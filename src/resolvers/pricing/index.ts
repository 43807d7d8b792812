import type { Resolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';
import { payload } from '../payload.js';

const money = (amount: number, currency: string) => ({ amount, currency });

/** schema/pricing.graphql, with the fields it adds to Event and EventSection. */
export const resolvers: Resolvers = {
  Query: {
    previewPricing: (_, { eventId }, { pricing }) => pricing.previewPricing(fromGlobalIdOf('Event', eventId, 'eventId')),
  },
  Mutation: {
    setPricingPolicy: (_, { input }, { pricing }) =>
      payload(
        pricing.setPricingPolicy(fromGlobalIdOf('Event', input.eventId, 'input.eventId'), {
          ...input,
          sectionId: input.sectionId == null ? null : fromGlobalIdOf('Section', input.sectionId, 'input.sectionId'),
        }),
        (policy) => ({ policy }),
      ),
  },
  Event: {
    pricing: (event, _, { pricing }) => pricing.pricingOf(event),
    priceHistory: (event, { first, after }, { pricing }) => pricing.priceHistoryOf(event, first, after),
  },
  EventSection: {
    priceBounds: async (priced, _, { pricing }) => (await pricing.boundsOf(priced)).inForce ?? null,
    announcedPriceBounds: async (priced, _, { pricing }) => (await pricing.boundsOf(priced)).announced ?? null,
  },
  PriceBounds: {
    floor: (bounds) => money(bounds.floor, bounds.currency),
    ceiling: (bounds) => money(bounds.ceiling, bounds.currency),
  },
  PriceChange: {
    section: (change, _, { catalog }) => catalog.existingSection(change.sectionId),
    oldPrice: (change) => money(change.oldPrice, change.currency),
    newPrice: (change) => money(change.newPrice, change.currency),
  },
  PricingPolicy: {
    event: (policy, _, { catalog }) => catalog.existingEvent(policy.eventId),
    section: (policy, _, { catalog }) => (policy.sectionId === null ? null : catalog.existingSection(policy.sectionId)),
    floor: (policy) => money(policy.floor, policy.currency),
    ceiling: (policy) => money(policy.ceiling, policy.currency),
    targetSellThrough: (policy) => policy.targetSellThroughBp / 10_000,
  },
  SectionPricePreview: {
    section: (preview, _, { catalog }) => catalog.existingSection(preview.sectionId),
    mode: (preview) => preview.policy.mode,
    price: (preview) => money(preview.currentPrice, preview.currency),
    nextPrice: (preview) => money(preview.price, preview.currency),
    reviewAt: (preview) => preview.dueAt,
  },
};
