import type { Resolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf, toGlobalId } from '../../relay/global-id.js';
import { payload } from '../payload.js';

/** schema/partners.graphql. */
export const resolvers: Resolvers = {
  Query: {
    partners: (_, { first, after }, { partners }) => partners.partners(first, after),
  },
  Mutation: {
    createPartner: (_, { input }, { partners }) => payload(partners.createPartner(input), (partner) => ({ partner })),
    createPartnerApiKey: (_, { input }, { partners }) =>
      payload(partners.createApiKey({ ...input, partnerId: fromGlobalIdOf('Partner', input.partnerId, 'input.partnerId') }), (created) => created),
    registerPersistedDocuments: (_, { input }, { partners }) =>
      payload(partners.registerDocuments(fromGlobalIdOf('Partner', input.partnerId, 'input.partnerId'), input.documents), (registered) => registered),
    revokePartnerApiKey: (_, { input }, { partners }) =>
      payload(partners.revokeApiKey(fromGlobalIdOf('PartnerApiKey', input.apiKeyId, 'input.apiKeyId')), (apiKey) => ({ apiKey })),
  },
  Partner: {
    id: (partner) => toGlobalId('Partner', partner.id),
    apiKeys: (partner, _, { partners }) => partners.apiKeysOf(partner),
    usage: (partner, { days }, { partners }) => partners.usageOf(partner, days ?? 30),
  },
  PartnerApiKey: {
    id: (key) => toGlobalId('PartnerApiKey', key.id),
    partner: (key, _, { partners }) => partners.existingPartner(key.partnerId),
  },
  PartnerUsage: {
    apiKey: (usage, _, { partners }) => partners.apiKey(usage.keyId).then((key) => key!),
  },
};
