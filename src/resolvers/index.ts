/**
 * The resolvers of the API: one folder per domain, named as its schema file
 * (schema/<domain>.graphql) and its module (src/<domain>/); each resolves the
 * fields its schema file declares, and only those (test/resolvers.test.ts).
 */
import type { Resolvers } from '../generated/graphql.js';
import { resolvers as accounts } from './accounts/index.js';
import { resolvers as base } from './base/index.js';
import { resolvers as booking } from './booking/index.js';
import { resolvers as catalog } from './catalog/index.js';
import { resolvers as checkin } from './checkin/index.js';
import { mergeResolvers } from './merge.js';
import { resolvers as notifications } from './notifications/index.js';
import { resolvers as organizer } from './organizer/index.js';
import { resolvers as partners } from './partners/index.js';
import { resolvers as pricing } from './pricing/index.js';
import { resolvers as search } from './search/index.js';
import { resolvers as seatmap } from './seatmap/index.js';
import { resolvers as waitingroom } from './waitingroom/index.js';

/** Each domain's resolvers, by the name of its schema file. */
export const domainResolvers: Readonly<Record<string, Resolvers>> = {
  base,
  accounts,
  booking,
  catalog,
  checkin,
  notifications,
  organizer,
  partners,
  pricing,
  search,
  seatmap,
  waitingroom,
};

export const resolvers: Resolvers = mergeResolvers(domainResolvers);
