/**
 * What a partner key's scopes allow, as an Apollo plugin: a request made with
 * a key without BOOK runs no mutation (FORBIDDEN, before anything runs).
 * Queries and subscriptions need READ, which every key has.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError, OperationTypeNode } from 'graphql';

import { forbidden } from '../errors.js';
import type { PartnerCaller } from './gate.js';

/** FORBIDDEN for an operation the key's scopes do not allow (over HTTP and WebSocket alike); undefined when they do. */
export function scopeRefusal(caller: Pick<PartnerCaller, 'scopes'>, operation: OperationTypeNode): GraphQLError | undefined {
  if (operation === 'mutation' && !caller.scopes.includes('BOOK')) return forbidden('This API key may read, not book: ask for a key with the BOOK scope.');
  return undefined;
}

export function partnerScopes<TContext extends { partner?: PartnerCaller | null }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          const refusal = contextValue.partner && operation && scopeRefusal(contextValue.partner, operation.operation);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
