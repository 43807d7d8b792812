/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment PartnerEventFields on Event {\n  id\n  title\n  category\n  status\n  startsAt\n  endsAt\n  onSaleAt\n  venue {\n    id\n    name\n    city\n    country\n  }\n  performers {\n    id\n    name\n  }\n  priceRange {\n    min {\n      amount\n      currency\n    }\n    max {\n      amount\n      currency\n    }\n  }\n}\n\nquery PartnerEvent($id: ID!) {\n  event(id: $id) {\n    ...PartnerEventFields\n    description\n  }\n}\n\nquery PartnerEvents($filter: EventFilter, $first: Int, $after: String) {\n  events(filter: $filter, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...PartnerEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery PartnerSearchEvents($query: String, $filter: EventSearchFilter, $first: Int, $after: String) {\n  searchEvents(query: $query, filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...PartnerEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.PartnerEventFieldsFragmentDoc,
    "query PartnerSeatMap($eventId: ID!) {\n  seatMap(eventId: $eventId) {\n    version\n    sections {\n      section {\n        id\n        name\n        kind\n      }\n      price {\n        amount\n        currency\n      }\n      available\n      capacity\n      availability\n    }\n  }\n}\n\nsubscription PartnerSeatMapChanged($eventId: ID!, $sinceVersion: Int) {\n  seatMapChanged(eventId: $eventId, sinceVersion: $sinceVersion) {\n    eventId\n    previousVersion\n    version\n    resync\n    changes {\n      ticketId\n      status\n      price {\n        amount\n        currency\n      }\n    }\n  }\n}": typeof types.PartnerSeatMapDocument,
};
const documents: Documents = {
    "fragment PartnerEventFields on Event {\n  id\n  title\n  category\n  status\n  startsAt\n  endsAt\n  onSaleAt\n  venue {\n    id\n    name\n    city\n    country\n  }\n  performers {\n    id\n    name\n  }\n  priceRange {\n    min {\n      amount\n      currency\n    }\n    max {\n      amount\n      currency\n    }\n  }\n}\n\nquery PartnerEvent($id: ID!) {\n  event(id: $id) {\n    ...PartnerEventFields\n    description\n  }\n}\n\nquery PartnerEvents($filter: EventFilter, $first: Int, $after: String) {\n  events(filter: $filter, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...PartnerEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery PartnerSearchEvents($query: String, $filter: EventSearchFilter, $first: Int, $after: String) {\n  searchEvents(query: $query, filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...PartnerEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.PartnerEventFieldsFragmentDoc,
    "query PartnerSeatMap($eventId: ID!) {\n  seatMap(eventId: $eventId) {\n    version\n    sections {\n      section {\n        id\n        name\n        kind\n      }\n      price {\n        amount\n        currency\n      }\n      available\n      capacity\n      availability\n    }\n  }\n}\n\nsubscription PartnerSeatMapChanged($eventId: ID!, $sinceVersion: Int) {\n  seatMapChanged(eventId: $eventId, sinceVersion: $sinceVersion) {\n    eventId\n    previousVersion\n    version\n    resync\n    changes {\n      ticketId\n      status\n      price {\n        amount\n        currency\n      }\n    }\n  }\n}": types.PartnerSeatMapDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment PartnerEventFields on Event {\n  id\n  title\n  category\n  status\n  startsAt\n  endsAt\n  onSaleAt\n  venue {\n    id\n    name\n    city\n    country\n  }\n  performers {\n    id\n    name\n  }\n  priceRange {\n    min {\n      amount\n      currency\n    }\n    max {\n      amount\n      currency\n    }\n  }\n}\n\nquery PartnerEvent($id: ID!) {\n  event(id: $id) {\n    ...PartnerEventFields\n    description\n  }\n}\n\nquery PartnerEvents($filter: EventFilter, $first: Int, $after: String) {\n  events(filter: $filter, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...PartnerEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery PartnerSearchEvents($query: String, $filter: EventSearchFilter, $first: Int, $after: String) {\n  searchEvents(query: $query, filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...PartnerEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["fragment PartnerEventFields on Event {\n  id\n  title\n  category\n  status\n  startsAt\n  endsAt\n  onSaleAt\n  venue {\n    id\n    name\n    city\n    country\n  }\n  performers {\n    id\n    name\n  }\n  priceRange {\n    min {\n      amount\n      currency\n    }\n    max {\n      amount\n      currency\n    }\n  }\n}\n\nquery PartnerEvent($id: ID!) {\n  event(id: $id) {\n    ...PartnerEventFields\n    description\n  }\n}\n\nquery PartnerEvents($filter: EventFilter, $first: Int, $after: String) {\n  events(filter: $filter, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...PartnerEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery PartnerSearchEvents($query: String, $filter: EventSearchFilter, $first: Int, $after: String) {\n  searchEvents(query: $query, filter: $filter, first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...PartnerEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PartnerSeatMap($eventId: ID!) {\n  seatMap(eventId: $eventId) {\n    version\n    sections {\n      section {\n        id\n        name\n        kind\n      }\n      price {\n        amount\n        currency\n      }\n      available\n      capacity\n      availability\n    }\n  }\n}\n\nsubscription PartnerSeatMapChanged($eventId: ID!, $sinceVersion: Int) {\n  seatMapChanged(eventId: $eventId, sinceVersion: $sinceVersion) {\n    eventId\n    previousVersion\n    version\n    resync\n    changes {\n      ticketId\n      status\n      price {\n        amount\n        currency\n      }\n    }\n  }\n}"): (typeof documents)["query PartnerSeatMap($eventId: ID!) {\n  seatMap(eventId: $eventId) {\n    version\n    sections {\n      section {\n        id\n        name\n        kind\n      }\n      price {\n        amount\n        currency\n      }\n      available\n      capacity\n      availability\n    }\n  }\n}\n\nsubscription PartnerSeatMapChanged($eventId: ID!, $sinceVersion: Int) {\n  seatMapChanged(eventId: $eventId, sinceVersion: $sinceVersion) {\n    eventId\n    previousVersion\n    version\n    resync\n    changes {\n      ticketId\n      status\n      price {\n        amount\n        currency\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;