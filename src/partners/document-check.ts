/**
 * A document as registration judges it: the checks a request's document
 * passes before it runs (size, parsing, validation with the server's rules)
 * and its cost, priced with its variables' defaults (each operation of it;
 * the dearest counts). A required variable without a default is priced with a
 * placeholder of its type (a page size of 20 for an Int, as when `first` is
 * left out). A request with the document is priced again with its own
 * variables.
 */
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  typeFromAST,
  type ValidationRule,
} from 'graphql';

import type { QueryCost } from '../limits/query-cost.js';
import { createDocumentCache } from '../validation.js';

export type DocumentCheck = (text: string) => { cost: number } | { refusal: 'INVALID_DOCUMENT' | 'DOCUMENT_TOO_COSTLY'; message: string };

/** A value of `type` that coerces, for pricing: what a request that gave no more would look like. */
function placeholder(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholder(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return Object.fromEntries(required.map((field) => [field.name, placeholder(field.type)]));
  }
  return { Int: 20, Float: 0, Boolean: false, DateTime: '2030-01-01T00:00:00.000Z' }[type.name] ?? '';
}

/** Values for the operation's required variables that have no default. */
function requiredVariables(schema: GraphQLSchema, operation: OperationDefinitionNode): Record<string, unknown> {
  const required = (operation.variableDefinitions ?? []).filter((definition) => definition.type.kind === Kind.NON_NULL_TYPE && !definition.defaultValue);
  return Object.fromEntries(
    required.map((definition) => [definition.variable.name.value, placeholder(typeFromAST(schema, definition.type) as GraphQLInputType)]),
  );
}

export function createDocumentCheck(schema: GraphQLSchema, rules: readonly ValidationRule[], queryCost: QueryCost): DocumentCheck {
  const documents = createDocumentCache(schema, rules);
  const operations = (document: DocumentNode) =>
    document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  return (text) => {
    const document = documents.documentOf(text);
    if (!('kind' in document)) return { refusal: 'INVALID_DOCUMENT', message: document.map((error) => error.message).join(' ') };
    let cost = 0;
    for (const operation of operations(document)) {
      try {
        cost = Math.max(cost, queryCost.costOf(document, operation.name?.value, requiredVariables(schema, operation)));
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        return { refusal: 'INVALID_DOCUMENT', message: error.message };
      }
    }
    if (cost > queryCost.maxCost) {
      const message = `This document costs ${Number.isFinite(cost) ? cost : 'more than can be counted'}, over the limit of ${queryCost.maxCost} a request may cost.`;
      return { refusal: 'DOCUMENT_TOO_COSTLY', message };
    }
    return { cost };
  };
}
