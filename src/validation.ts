/**
 * The rules every operation must pass, over HTTP (Apollo) and over WebSocket
 * (graphql-ws) alike, and the parsing and validation of WebSocket operations
 * with the same error codes Apollo gives over HTTP.
 */
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { LRUCache } from 'lru-cache';

/** The deepest nesting of fields an operation may have (the README's deepest query has 8). */
export const MAX_QUERY_DEPTH = 10;

/** Rules on top of graphql-js's own. */
export const validationRules: ValidationRule[] = [
  maxDepthRule({
    n: MAX_QUERY_DEPTH,
    propagateOnRejection: false,
    // Report it as a validation error (the rule's default is to throw, prefixed "Syntax Error").
    onReject: [(context, error) => context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')))],
  }),
];

/** Characters of operation text whose parsed and validated form is kept. */
const CACHED_CHARACTERS = 4 * 1024 * 1024;

/**
 * Parses and validates operation texts against `schema`, remembering recent
 * ones: the same text always gives the same DocumentNode object, which is
 * what lets subscribers of one selection share results (shared-subscriptions.ts).
 */
export function createDocumentCache(schema: GraphQLSchema) {
  const cache = new LRUCache<string, DocumentNode | readonly GraphQLError[]>({
    maxSize: CACHED_CHARACTERS,
    sizeCalculation: (_, query) => query.length + 1,
  });
  const rules = [...specifiedRules, ...validationRules];

  function check(query: string): DocumentNode | readonly GraphQLError[] {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return [withCode(error, ApolloServerErrorCode.GRAPHQL_PARSE_FAILED)];
    }
    const errors = validate(schema, document, rules);
    return errors.length > 0 ? errors.map((error) => withCode(error, ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED)) : document;
  }

  return {
    /** The document of `query`, or the errors that make it unfit to run. */
    documentOf(query: string): DocumentNode | readonly GraphQLError[] {
      let checked = cache.get(query);
      if (checked === undefined) cache.set(query, (checked = check(query)));
      return checked;
    },
  };
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}
