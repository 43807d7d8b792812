import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';

const hooks: GraphQLRequestListener<BaseContext> = {
  async willSendResponse({ response }) {
    if (response.body.kind !== 'single') return;
    const { data, errors } = response.body.singleResult;
    if (!errors?.length || !errors.every((error) => error.extensions?.code === 'RATE_LIMITED')) return;
    if (data && Object.values(data).some((value) => value !== null)) return;
    response.http.status = 429;
    response.http.headers.set('retry-after', String(Math.max(...errors.map((error) => Number(error.extensions?.retryAfter) || 1))));
  },
};

/**
 * Over HTTP, a request that rate limits refused as a whole (every error is
 * RATE_LIMITED and no field it asked for has an answer) is answered 429 with
 * a Retry-After header, the longest of its errors' `retryAfter`. A request of
 * which some fields ran keeps status 200, with the refused ones in `errors`.
 */
export function rateLimitedStatus<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return { requestDidStart: async () => hooks as GraphQLRequestListener<TContext> };
}
