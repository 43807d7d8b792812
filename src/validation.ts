/**
 * The rules every operation must pass, over HTTP (Apollo) and over WebSocket
 * (graphql-ws) alike, and the parsing and validation of WebSocket operations
 * with the same error codes Apollo gives over HTTP: a size limit checked
 * before parsing, a token limit while parsing, depth, alias and directive
 * limits while validating. (The cost limit and the checks of argument values,
 * which need the variables, are in src/limits/query-cost.ts and
 * src/limits/input.ts.)
 */
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { type DocumentNode, GraphQLError, type GraphQLSchema, parse, type ParseOptions, specifiedRules, validate, type ValidationRule } from 'graphql';
import { LRUCache } from 'lru-cache';

/** The deepest nesting of fields an operation may have (the README's deepest query has 8). */
export const MAX_QUERY_DEPTH = 10;
/** Aliased fields an operation may have (`__typename` aside); the README's examples have none. */
export const MAX_QUERY_ALIASES = 30;
/** Directives (`@include`, `@skip`, ...) an operation may use. */
export const MAX_QUERY_DIRECTIVES = 20;
/**
 * Lexical tokens a document may have: parsing stops there (the README's
 * longest has 78, GraphiQL's introspection about 170). It also bounds the
 * work of validation, which grows faster than the document.
 */
export const MAX_QUERY_TOKENS = 1_000;
/** Bytes of document text (UTF-8) accepted at all, checked before parsing. */
export const MAX_DOCUMENT_BYTES = 32 * 1024;
/** The code of a document refused for its size (HTTP 413). */
export const DOCUMENT_TOO_LARGE = 'DOCUMENT_TOO_LARGE';

/** How every document is parsed, by Apollo and by the WebSocket endpoint. */
export const parseOptions: ParseOptions = { maxTokens: MAX_QUERY_TOKENS };

/** The armor rules throw "Syntax Error: ..." by default; report a validation error instead. */
const reportAsValidationError = {
  propagateOnRejection: false,
  onReject: [
    (context: { reportError(error: GraphQLError): void } | null, error: GraphQLError) =>
      context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''))),
  ],
};

/** Rules on top of graphql-js's own. */
export const validationRules: ValidationRule[] = [
  maxDepthRule({ n: MAX_QUERY_DEPTH, ...reportAsValidationError }),
  maxAliasesRule({ n: MAX_QUERY_ALIASES, ...reportAsValidationError }),
  maxDirectivesRule({ n: MAX_QUERY_DIRECTIVES, ...reportAsValidationError }),
];

/**
 * The error for a document longer than MAX_DOCUMENT_BYTES, or undefined.
 * Checked before parsing: a megabyte of fields is refused in microseconds.
 */
export function documentTooLarge(query: string): GraphQLError | undefined {
  // A character takes at most 3 bytes in UTF-8 (4 for a surrogate pair, which is 2 characters): skip the count when it cannot be over.
  if (query.length * 3 <= MAX_DOCUMENT_BYTES) return undefined;
  const bytes = Buffer.byteLength(query, 'utf8');
  if (bytes <= MAX_DOCUMENT_BYTES) return undefined;
  return new GraphQLError(`The document is ${bytes} bytes; at most ${MAX_DOCUMENT_BYTES} are accepted. Send a smaller operation.`, {
    extensions: { code: DOCUMENT_TOO_LARGE, maxBytes: MAX_DOCUMENT_BYTES },
  });
}

/** Characters of operation text whose parsed and validated form is kept. */
const CACHED_CHARACTERS = 4 * 1024 * 1024;

/**
 * Parses and validates operation texts against `schema`, remembering recent
 * ones: the same text always gives the same DocumentNode object, which is
 * what lets subscribers of one selection share results (shared-subscriptions.ts).
 * `extraRules` are the server's own on top of validationRules (introspection
 * turned off: src/limits/schema-details.ts), the same it gives Apollo.
 */
export function createDocumentCache(schema: GraphQLSchema, extraRules: readonly ValidationRule[] = []) {
  const cache = new LRUCache<string, DocumentNode | readonly GraphQLError[]>({
    maxSize: CACHED_CHARACTERS,
    sizeCalculation: (_, query) => query.length + 1,
  });
  const rules = [...specifiedRules, ...validationRules, ...extraRules];

  function check(query: string): DocumentNode | readonly GraphQLError[] {
    let document: DocumentNode;
    try {
      document = parse(query, parseOptions);
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
      const tooLarge = documentTooLarge(query);
      if (tooLarge) return [tooLarge];
      let checked = cache.get(query);
      if (checked === undefined) cache.set(query, (checked = check(query)));
      return checked;
    },
  };
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}
