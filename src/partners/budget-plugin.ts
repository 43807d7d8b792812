/**
 * Charges a partner key's operations to its cost budget (budgets.ts), as an
 * Apollo plugin after the query-cost check: the operation's calculated cost
 * is taken before it runs, or the request is refused with RATE_LIMITED (HTTP
 * 429, Retry-After until enough is back, and the RateLimit-* headers), or
 * with QUERY_TOO_COSTLY when it costs more than the whole budget; once
 * answered, what it cost less is given back: `actual` counts the objects the
 * answer holds, at most what was asked (the estimate is the most it may
 * hold). Every answer to a key says `extensions.cost { requested actual
 * remaining restoreRate }`, and RateLimit-Limit, -Remaining and -Reset.
 */
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

import { QUERY_TOO_COSTLY, type QueryCost } from '../limits/query-cost.js';
import { bucketOf, type BucketShape, type CostBuckets, secondsUntilRefilled } from './budgets.js';
import type { PartnerCaller } from './gate.js';

/** Objects in an answer's data: each object counts one, as the cost estimate counts them. */
function objectsIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + objectsIn(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Object.values(value).reduce((sum: number, field) => sum + objectsIn(field), 0);
}

/** The IETF RateLimit headers of a bucket: its size, what is left, and the seconds until it is full. */
function setRateLimitHeaders(headers: HeaderMap, remaining: number, shape: BucketShape): void {
  headers.set('ratelimit-limit', String(shape.limit));
  headers.set('ratelimit-remaining', String(remaining));
  headers.set('ratelimit-reset', String(Math.ceil((shape.limit - remaining) / shape.restorePerSecond)));
}

export function partnerBudgets<TContext extends { partner: PartnerCaller | null }>(buckets: CostBuckets, queryCost: QueryCost): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let charged: { key: string; requested: number; remaining: number; shape: BucketShape } | undefined;
      return {
        async didResolveOperation({ contextValue, document, operationName, request }) {
          const { partner } = contextValue;
          if (!partner) return;
          const requested = queryCost.costOf(document, operationName, request.variables); // priced already by queryCostPlugin: it fits
          const shape = bucketOf(partner);
          if (requested > shape.limit) {
            throw new GraphQLError(`This operation costs ${requested} points, more than this key's whole budget of ${shape.limit}: ask for fewer items.`, {
              extensions: { code: QUERY_TOO_COSTLY, cost: requested, maxCost: shape.limit, http: { status: 400 } },
            });
          }
          const key = String(partner.keyId);
          const { taken, remaining } = await buckets.take(key, requested, shape);
          if (!taken) {
            const retryAfter = secondsUntilRefilled(requested, remaining, shape);
            const headers = new HeaderMap([['retry-after', String(retryAfter)]]);
            setRateLimitHeaders(headers, remaining, shape);
            throw new GraphQLError(`This operation costs ${requested} points; the key's budget holds ${remaining} now. Try again in ${retryAfter} seconds.`, {
              extensions: {
                code: 'RATE_LIMITED',
                retryAfter,
                cost: { requested, actual: 0, remaining, restoreRate: shape.restorePerSecond },
                http: { status: 429, headers },
              },
            });
          }
          charged = { key, requested, remaining, shape };
        },
        async willSendResponse({ response }) {
          if (!charged || response.body.kind !== 'single') return;
          const { key, requested, shape } = charged;
          const { singleResult } = response.body;
          const actual = Math.min(requested, objectsIn(Object.values(singleResult.data ?? {}))); // the root fields' objects, not `data` itself
          const remaining = requested > actual ? (await buckets.take(key, actual - requested, shape)).remaining : charged.remaining;
          singleResult.extensions = { ...singleResult.extensions, cost: { requested, actual, remaining, restoreRate: shape.restorePerSecond } };
          setRateLimitHeaders(response.http.headers, remaining, shape);
        },
      };
    },
  };
}
