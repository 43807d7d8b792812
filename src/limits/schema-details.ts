/**
 * How much of the schema the API shows to whoever asks, set by two settings
 * and the same over HTTP and WebSocket:
 * - GRAPHQL_INTROSPECTION (on by default: the schema is public and
 *   documented, and GraphiQL reads it): off, `__schema` and `__type` fail
 *   validation (the noIntrospection rule, which server.ts gives Apollo and
 *   the WebSocket endpoint alike). `__typename` always works.
 * - GRAPHQL_SUGGESTIONS (on, except with NODE_ENV=production): off, error
 *   messages lose graphql-js's "Did you mean ...?" hints, which name fields,
 *   arguments, types and enum values the client did not know of. Apollo's
 *   hideSchemaDetailsFromClientErrors strips them only from validation
 *   errors over HTTP; withoutSuggestions does it where every error goes out
 *   (the formatError of both transports), so it covers variables' errors
 *   ("Value "ON_SAL" does not exist in "EventStatus" enum. Did you mean ...?")
 *   and WebSocket too.
 */
import { GraphQLError, type GraphQLFormattedError, type ValidationRule } from 'graphql';

/** Refuses introspection's root fields; what the server gives Apollo and graphql-ws when GRAPHQL_INTROSPECTION is off. */
export const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(
        new GraphQLError(`Introspection is turned off on this server: \`${node.name.value}\` cannot be queried.`, {
          nodes: [node],
          extensions: { validationErrorCode: 'INTROSPECTION_DISABLED' },
        }),
      );
    }
  },
});

/** The hint graphql-js ends some messages with, as Apollo's own plugin matches it. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/** `formatError` with graphql-js's "Did you mean ...?" hints taken out of every message. */
export function withoutSuggestions<E>(formatError: (formatted: GraphQLFormattedError, error: E) => GraphQLFormattedError) {
  return (formatted: GraphQLFormattedError, error: E): GraphQLFormattedError => {
    const shown = formatError(formatted, error);
    return SUGGESTION.test(shown.message) ? { ...shown, message: shown.message.replace(SUGGESTION, '') } : shown;
  };
}
