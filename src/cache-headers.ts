/**
 * HTTP caching of public reads, so that a CDN in front absorbs the read rush of a popular on-sale
 * (README "Persisted queries and caching at a CDN"). Apollo's cache-control plugin works out each answer's policy from the
 * schema's `@cacheControl` hints (the public catalog, search and seat-map reads carry them; a field
 * without one, and so anything a viewer's identity changes, makes the whole answer uncacheable).
 * Around it, this plugin decides which requests may be cached at all:
 * - only GETs: a POST is never cached by browsers or CDNs, so it is answered `no-store` without the
 *   plugin's per-field hook, and costs what it did before;
 * - only anonymous ones: a request with an `authorization` or `x-api-key` header is `private,
 *   no-store`, whatever it asks, so no cache keeps what one viewer was shown (an organizer's draft, a
 *   fan's holds), and every request of a partner's key reaches its rate limit and usage count;
 * - every GET says `Vary: accept, authorization, x-api-key`, so a cache keeps an anonymous answer
 *   apart from a viewer's or partner's request for the same URL, and the JSON media types apart.
 * http.ts then gives a public answer an ETag and answers a matching If-None-Match with 304.
 */
import { createHash } from 'node:crypto';

import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';

/** What an answer no cache may keep says. */
const NOT_STORED = 'private, no-store';
/** What Apollo's plugin writes for a cacheable answer: `max-age=30, public`. */
const PUBLIC = /^max-age=\d+, public$/;

export function cacheHeaders(): ApolloServerPlugin<BaseContext> {
  // Fields without a hint are not cacheable (maxAge 0); only answers it finds cacheable get a header from it.
  const cacheControl = ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: 'if-cacheable' });
  const notStored: GraphQLRequestListener<BaseContext> = {
    async willSendResponse({ response }) {
      response.http.headers.set('cache-control', NOT_STORED);
    },
  };
  return {
    // Kept whole (with Apollo's internal id), so that Apollo does not add its default cache-control plugin beside this one.
    ...cacheControl,
    async requestDidStart(requestContext) {
      const { method, headers } = requestContext.request.http!;
      if (method !== 'GET') return notStored;
      const listener = headers.has('authorization') || headers.has('x-api-key') ? notStored : await cacheControl.requestDidStart!(requestContext);
      return {
        ...listener,
        async willSendResponse(context) {
          await listener?.willSendResponse?.(context);
          const answer = context.response.http.headers;
          if (!answer.has('cache-control')) answer.set('cache-control', NOT_STORED);
          answer.set('vary', 'accept, authorization, x-api-key');
        },
      };
    },
  };
}

/**
 * Gives a public answer its ETag (a hash of its body); true when the request's If-None-Match names
 * it, and the answer is then a 304 without a body. Other answers are left as they are.
 */
export function notModified(answer: HeaderMap, body: string, ifNoneMatch: string | undefined): boolean {
  if (!PUBLIC.test(answer.get('cache-control') ?? '')) return false;
  const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
  answer.set('etag', etag);
  return ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
}
