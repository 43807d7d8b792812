/**
 * The checks every argument value of an operation passes before anything
 * runs, whether written in the document or sent as a variable, over HTTP (the
 * Apollo plugin below) and WebSocket (src/ws/endpoint.ts) alike. A value that
 * fails is BAD_USER_INPUT naming the argument (`extensions.argument`: `query`,
 * `input.description`, `filter.status`, `after`, ...), and nothing of the
 * operation runs, so nothing is written. Each guards against what a probe
 * found reaching deep into the service:
 *
 * - No string may hold U+0000: PostgreSQL's text cannot, and failed the
 *   statement ("invalid byte sequence for encoding UTF8: 0x00") as an
 *   internal error. (Lone surrogates are fine: they arrive as U+FFFD.)
 * - A String or ID takes at most MAX_STRING_LENGTH characters (as a person
 *   counts them: src/characters.ts), or what the
 *   `@maxLength` of its argument or input field says (schema/base.graphql):
 *   a 980 KB event description was taken, then stopped search indexing.
 * - A list takes at most MAX_LIST_ITEMS items, or what the `@maxItems` of
 *   its argument or input field says (a seating plan's rows and seats): a
 *   filter of 90,000 values overran PostgreSQL's 65,535 parameters of a
 *   statement.
 * - A value of a custom scalar (DateTime) must be one: the scalar's own error
 *   cannot say which argument it was in (see src/resolvers/base/scalars.ts).
 *
 * Rules of the domain within those bounds (a title that is not blank, at most
 * 10 tickets a reservation) are the mutations' own, answered in userErrors.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getDirectiveValues,
  getOperationAST,
  type GraphQLArgument,
  GraphQLError,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isSpecifiedScalarType,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  type ValueNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';

import { exceedsCharacters } from '../characters.js';
import { badUserInput, tooLong } from '../errors.js';

/** Characters a String or ID argument or input field takes when its schema gives no `@maxLength`. */
export const MAX_STRING_LENGTH = 1_000;
/** Items a list argument or input field takes (a statement takes at most 65,535 parameters). */
export const MAX_LIST_ITEMS = 100;

export interface InputCheck {
  /** BAD_USER_INPUT for the first argument value of the operation that fails a check, else undefined. */
  check(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): GraphQLError | undefined;
}

/** What one argument or input field takes: characters of a String or ID, items of a list. */
interface Limits {
  characters: number;
  items: number;
}

export function createInputCheck(schema: GraphQLSchema): InputCheck {
  const maxLength = schema.getDirective('maxLength');
  const maxItems = schema.getDirective('maxItems');
  const declaredLimits = new WeakMap<GraphQLArgument | GraphQLInputField, Limits>();
  /** The `@maxLength(characters:)` and `@maxItems(items:)` of an argument or input field, else MAX_STRING_LENGTH and MAX_LIST_ITEMS. */
  const limitsOf = (definition: GraphQLArgument | GraphQLInputField): Limits => {
    let limits = declaredLimits.get(definition);
    if (!limits) {
      const declared = (directive: typeof maxLength) => (directive && definition.astNode ? getDirectiveValues(directive, definition.astNode) : undefined);
      const characters = declared(maxLength)?.characters;
      const items = declared(maxItems)?.items;
      limits = {
        characters: typeof characters === 'number' ? characters : MAX_STRING_LENGTH,
        items: typeof items === 'number' ? items : MAX_LIST_ITEMS,
      };
      declaredLimits.set(definition, limits);
    }
    return limits;
  };

  function checkString(text: string, type: GraphQLInputType, path: string, limit: number): GraphQLError | undefined {
    if (text.includes('\u0000')) {
      return badUserInput(`${path} contains a NUL character (U+0000), which no text here may hold; remove it.`, path);
    }
    if (isScalarType(type) && (type.name === 'String' || type.name === 'ID') && exceedsCharacters(text, limit)) return tooLong(path, text, limit);
    return undefined;
  }

  /** A custom scalar's own verdict on a value, as an error naming where the value is. */
  function checkScalar(value: unknown, type: GraphQLInputType, path: string): GraphQLError | undefined {
    if (!isScalarType(type) || isSpecifiedScalarType(type)) return undefined;
    try {
      type.parseValue(value);
      return undefined;
    } catch (error) {
      return badUserInput(`${path}: ${error instanceof Error ? error.message : String(error)}`, path);
    }
  }

  function tooManyItems(path: string, count: number, limit: number): GraphQLError {
    return badUserInput(`${path} has ${count} items; at most ${limit} are allowed.`, path);
  }

  /** Checks a value sent as (part of) a variable, as the type where it is used. */
  function checkValue(value: unknown, type: GraphQLInputType, path: string, limits: Limits): GraphQLError | undefined {
    if (value === null || value === undefined) return undefined;
    const nullable = isNonNullType(type) ? type.ofType : type;
    if (isListType(nullable)) {
      if (!Array.isArray(value)) return checkValue(value, nullable.ofType, path, limits); // one value is a list of one
      if (value.length > limits.items) return tooManyItems(path, value.length, limits.items);
      for (const item of value) {
        const error = checkValue(item, nullable.ofType, path, limits);
        if (error) return error;
      }
      return undefined;
    }
    if (isInputObjectType(nullable)) {
      if (typeof value !== 'object' || Array.isArray(value)) return undefined; // not an object: coercion refuses it
      const fields = nullable.getFields();
      for (const [name, fieldValue] of Object.entries(value)) {
        const field = fields[name];
        const error = field && checkValue(fieldValue, field.type, `${path}.${name}`, limitsOf(field));
        if (error) return error;
      }
      return undefined;
    }
    return (typeof value === 'string' ? checkString(value, nullable, path, limits.characters) : undefined) ?? checkScalar(value, nullable, path);
  }

  /** Checks a value written in the document; variables in it are looked up. */
  function checkLiteral(node: ValueNode, type: GraphQLInputType, path: string, limits: Limits, variables: Variables): GraphQLError | undefined {
    if (node.kind === Kind.VARIABLE) {
      const name = node.name.value;
      if (Object.hasOwn(variables.values, name)) return checkValue(variables.values[name], type, path, limits);
      const fallback = variables.defaults.get(name);
      return fallback ? checkLiteral(fallback, type, path, limits, variables) : undefined;
    }
    const nullable = isNonNullType(type) ? type.ofType : type;
    if (isListType(nullable)) {
      if (node.kind !== Kind.LIST) return checkLiteral(node, nullable.ofType, path, limits, variables);
      if (node.values.length > limits.items) return tooManyItems(path, node.values.length, limits.items);
      for (const item of node.values) {
        const error = checkLiteral(item, nullable.ofType, path, limits, variables);
        if (error) return error;
      }
      return undefined;
    }
    if (isInputObjectType(nullable)) {
      if (node.kind !== Kind.OBJECT) return undefined; // validation refused it already
      const fields = nullable.getFields();
      for (const { name, value } of node.fields) {
        const field = fields[name.value];
        const error = field && checkLiteral(value, field.type, `${path}.${name.value}`, limitsOf(field), variables);
        if (error) return error;
      }
      return undefined;
    }
    if (node.kind !== Kind.STRING) return undefined; // numbers, booleans, enums: validation checked them
    return checkString(node.value, nullable, path, limits.characters) ?? checkScalar(node.value, nullable, path);
  }

  /**
   * Every argument the operation and the fragments it spreads (however deep) write, each once where it is written,
   * in the order they are checked: worked out once per document and operation name (Apollo keeps a parsed
   * document, so a document sent again is the same object), since walking it with type information costs more
   * than checking the values.
   */
  const argumentsOf = new WeakMap<DocumentNode, Map<string | null, WrittenArgument[]>>();
  function writtenArguments(document: DocumentNode, operation: OperationDefinitionNode): WrittenArgument[] {
    let byName = argumentsOf.get(document);
    if (!byName) argumentsOf.set(document, (byName = new Map()));
    const key = operation.name?.value ?? null;
    let written = byName.get(key);
    if (written) return written;
    written = [];
    const fragments = new Map(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    const pending: (OperationDefinitionNode | FragmentDefinitionNode)[] = [operation];
    const seen = new Set<string>();
    const typeInfo = new TypeInfo(schema);
    const visitor = visitWithTypeInfo(typeInfo, {
      FragmentSpread(node) {
        const fragment = fragments.get(node.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value);
          pending.push(fragment);
        }
      },
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (argument) written.push({ value: node.value, argument });
        return false; // its value is checked, not visited
      },
    });
    for (let definition; (definition = pending.pop());) visit(definition, visitor);
    byName.set(key, written);
    return written;
  }

  return {
    check(document, operationName, variableValues) {
      const operation = getOperationAST(document, operationName);
      if (!operation) return undefined; // nothing runs
      const variables: Variables = {
        values: variableValues ?? {},
        defaults: new Map(
          operation.variableDefinitions?.flatMap((definition) =>
            definition.defaultValue ? [[definition.variable.name.value, definition.defaultValue]] : [],
          ) ?? [],
        ),
      };
      for (const { value, argument } of writtenArguments(document, operation)) {
        const failure = checkLiteral(value, argument.type, argument.name, limitsOf(argument), variables);
        if (failure) return failure;
      }
      return undefined;
    },
  };
}

/** An argument as the document writes it, and its definition in the schema. */
interface WrittenArgument {
  value: ValueNode;
  argument: GraphQLArgument;
}

interface Variables {
  /** As the client sent them (not coerced yet). */
  values: Record<string, unknown>;
  /** The operation's default values, for variables the client left out. */
  defaults: Map<string, ValueNode>;
}

/** Refuses an operation over HTTP once Apollo has parsed and validated it and knows its variables, before it runs (HTTP 400). */
export function inputCheckPlugin<TContext extends BaseContext>(inputCheck: InputCheck): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, request }) {
          const error = inputCheck.check(document, operationName, request.variables);
          if (error) throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
        },
      };
    },
  };
}
