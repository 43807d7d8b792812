/**
 * What an operation costs, worked out from its document and its variables
 * before anything runs, and the refusal of one that costs too much: over HTTP
 * by the Apollo plugin below, over WebSocket in src/ws/endpoint.ts.
 *
 * The cost counts the objects an answer holds, each of which may be a row
 * to read:
 * - a field of an object type costs 1 plus what its selection costs;
 * - scalars and enums cost nothing more (they come with their object);
 * - lists multiply: a list of objects costs its size × (1 + what one item
 *   selects); a connection costs 1 + first × what one edge selects (at least
 *   1: an edge is a row read even with only its cursor). The size is `first`
 *   (from the literal or the variable; the field's default when absent) for
 *   fields that take one, else about the size the list has (LIST_SIZES);
 * - `pageInfo`, `totalCount` and `facets` of a connection come with the page
 *   and cost nothing; introspection costs nothing.
 * So `events(first: 100) { edges { node { venue { upcomingEvents(first: 100)
 * { edges { node { tickets(first: 100) { edges { cursor } } } } } } } } }`
 * costs about 100 × 100 × 100, and is refused long before it could run.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  getNamedType,
  getOperationAST,
  GraphQLError,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  isLeafType,
  isListType,
  isNonNullType,
} from 'graphql';
import { type ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';

import { badUserInput } from '../errors.js';
import { MAX_PAGE_SIZE } from '../relay/connection.js';

/** The code of an operation refused for its cost; `extensions.cost` and `extensions.maxCost` say by how much. */
export const QUERY_TOO_COSTLY = 'QUERY_TOO_COSTLY';

/** Page size of a field with `first` when neither the query nor the schema gives one. */
const DEFAULT_PAGE_SIZE = 20;

/**
 * Lists that have no `first`: about how many items they hold. Their size is
 * the data's, not the client's to grow, so a typical size will do. A list
 * not named here counts as DEFAULT_LIST_SIZE items.
 */
const LIST_SIZES: Record<string, number> = {
  'Event.performers': 5,
  // Most venues have a few sections; the demo's arena has 25.
  'Event.sections': 10,
  'Venue.sections': 10,
  'SeatMap.sections': 10,
  // At most the event's ticket limit; a reservation takes at most 10.
  'Hold.tickets': 10,
  'Booking.tickets': 10,
  'User.holds': 10,
  'SeatMapDelta.changes': 100,
};
const DEFAULT_LIST_SIZE = 10;

/** Selections visited at most while pricing (fragments spread many times count each time); past it, the operation is too costly. */
const MAX_PRICED_SELECTIONS = 10_000;

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** A Relay connection type: its `edges` are the page, its other fields come with it. */
function isConnection(typeName: string): boolean {
  return typeName.endsWith('Connection');
}

/** The items a field gives: `first` (clamped to what the API serves) for paged fields, else LIST_SIZES for lists, else 1. */
function itemsOf(typeName: string, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  const first = field.args.find((arg) => arg.name === 'first');
  if (first) {
    const asked = args.first ?? first.defaultValue ?? DEFAULT_PAGE_SIZE;
    // A `first` outside 1..MAX_PAGE_SIZE fails with BAD_USER_INPUT before its items are read.
    return typeof asked === 'number' ? Math.min(Math.max(asked, 0), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  }
  return isList(field.type) ? (LIST_SIZES[`${typeName}.${field.name}`] ?? DEFAULT_LIST_SIZE) : 1;
}

function estimate({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0; // introspection and __typename: answered from memory
  const returned = getNamedType(field.type);
  if (isLeafType(returned)) return 0;
  // The connection multiplies what one edge costs by its `first`; what else it has comes with the page.
  if (isConnection(type.name)) return field.name === 'edges' ? Math.max(1, childComplexity) : 0;
  if (isConnection(returned.name)) return 1 + itemsOf(type.name, field, args) * childComplexity;
  if (isList(field.type)) return itemsOf(type.name, field, args) * (1 + childComplexity);
  return 1 + childComplexity;
}

export interface QueryCost {
  /**
   * The operation's cost with these variables; Infinity when it has more than
   * MAX_PRICED_SELECTIONS selections to price. Throws a GraphQLError for
   * variables or arguments that do not fit their types.
   */
  costOf(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): number;
  /** The error refusing the operation (QUERY_TOO_COSTLY, or BAD_USER_INPUT when it cannot be priced), else undefined. */
  check(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): GraphQLError | undefined;
  readonly maxCost: number;
}

/** Costs kept per document: its operations with the variables last sent (a document sent with ever new ids keeps this many). */
const PRICED_PER_DOCUMENT = 64;

export function createQueryCost(schema: GraphQLSchema, maxCost: number): QueryCost {
  /**
   * Costs worked out, by document (Apollo keeps a parsed document, so a document sent again is the same object),
   * then operation name and variables: a request is priced by the cost check, then again by a partner key's
   * budget, and a document sent again with the same variables (every one without variables) is priced once.
   */
  const priced = new WeakMap<DocumentNode, Map<string, number>>();

  function costOf(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): number {
    let costs = priced.get(document);
    if (!costs) priced.set(document, (costs = new Map()));
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables ?? {})}`;
    let cost = costs.get(key);
    if (cost === undefined) {
      cost = price(document, operationName, variables);
      if (costs.size >= PRICED_PER_DOCUMENT) costs.clear();
      costs.set(key, cost);
    }
    return cost;
  }

  function price(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): number {
    const operation = getOperationAST(document, operationName);
    if (!operation) return 0; // no such operation: nothing runs
    try {
      return getComplexity({
        schema,
        query: document,
        variables: variables ?? {},
        operationName: operation.name?.value, // unnamed: the document's only operation
        estimators: [estimate],
        maxQueryNodes: MAX_PRICED_SELECTIONS,
      });
    } catch (error) {
      if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) return Infinity;
      throw error;
    }
  }
  return {
    maxCost,
    costOf,
    check(document, operationName, variables) {
      let cost: number;
      try {
        cost = costOf(document, operationName, variables);
      } catch (error) {
        // A variable or an argument that does not fit its type: it cannot be priced, and would not run either.
        if (error instanceof GraphQLError) return badUserInput(error.message);
        throw error;
      }
      if (cost <= maxCost) return undefined;
      const counted = Number.isFinite(cost);
      return new GraphQLError(
        `This operation costs ${counted ? cost : `more than can be counted (over ${MAX_PRICED_SELECTIONS} selections)`}, over the limit of ${maxCost}: ask for fewer items (a smaller \`first\`) or nest fewer lists, and page through the rest.`,
        { extensions: { code: QUERY_TOO_COSTLY, cost: counted ? cost : null, maxCost } },
      );
    },
  };
}

/** Refuses an operation over HTTP once Apollo has parsed and validated it and knows its variables, before it runs (HTTP 400). */
export function queryCostPlugin<TContext extends BaseContext>(queryCost: QueryCost): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, request }) {
          const error = queryCost.check(document, operationName, request.variables);
          if (error) throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
        },
      };
    },
  };
}
