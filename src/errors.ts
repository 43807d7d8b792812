/**
 * Errors the API shows to clients. Anything else thrown by a resolver is an
 * internal fault: logged, and masked as INTERNAL_SERVER_ERROR (see server.ts).
 */
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';

/** Input a person can fix: say what is wrong and, with `argument`, where. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ApolloServerErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) },
  });
}
