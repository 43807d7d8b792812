/**
 * The resolvers' layout (ARCHITECTURE.md): each domain's folder resolves the
 * fields its own schema file declares, and the merge of the folders refuses a
 * field (or scalar) that two of them resolve, where object spreads would keep
 * one silently.
 */
import { readdirSync, readFileSync } from 'node:fs';

import { GraphQLScalarType, Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';

import type { Resolvers } from '../src/generated/graphql.js';
import { domainResolvers, resolvers } from '../src/resolvers/index.js';
import { mergeResolvers } from '../src/resolvers/merge.js';

const noop = () => null as never;

describe('mergeResolvers', () => {
  it('merges the fields of one type from several domains', () => {
    const merged = mergeResolvers({
      catalog: { Event: { venue: noop }, Query: { event: noop } } as Resolvers,
      booking: { Event: { tickets: noop }, Query: { hold: noop } } as Resolvers,
    }) as Record<string, Record<string, unknown>>;
    expect(Object.keys(merged.Event!)).toEqual(['venue', 'tickets']);
    expect(Object.keys(merged.Query!)).toEqual(['event', 'hold']);
  });

  it('refuses a field two domains resolve, naming the type, the field and both domains', () => {
    expect(() =>
      mergeResolvers({
        accounts: { Query: { me: noop } } as Resolvers,
        catalog: { Query: { event: noop } } as Resolvers,
        booking: { Query: { me: noop } } as Resolvers,
      }),
    ).toThrow('Query.me is resolved by two domains, accounts and booking');
  });

  it('refuses a scalar defined twice, or a scalar and an object type of one name', () => {
    const scalar = () => new GraphQLScalarType({ name: 'DateTime' });
    expect(() => mergeResolvers({ base: { DateTime: scalar() }, search: { DateTime: scalar() } })).toThrow(
      'DateTime is resolved by two domains, base and search',
    );
    expect(() => mergeResolvers({ base: { DateTime: scalar() }, catalog: { DateTime: { x: noop } } as unknown as Resolvers })).toThrow(
      'DateTime is resolved by two domains, base and catalog',
    );
  });
});

/** The fields (Type.field) and scalars a schema file declares, its type extensions included. */
function declaredIn(domain: string): Set<string> {
  const document = parse(readFileSync(new URL(`../schema/${domain}.graphql`, import.meta.url), 'utf8'));
  const declared = new Set<string>();
  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
        for (const field of definition.fields ?? []) declared.add(`${definition.name.value}.${field.name.value}`);
        if (definition.kind === Kind.INTERFACE_TYPE_DEFINITION) declared.add(`${definition.name.value}.__resolveType`);
        break;
      case Kind.SCALAR_TYPE_DEFINITION:
        declared.add(definition.name.value);
        break;
    }
  }
  return declared;
}

describe('the API’s resolvers', () => {
  it('come one folder per schema file, each resolving only fields its own schema file declares', () => {
    const schemaFiles = readdirSchema();
    expect(Object.keys(domainResolvers).sort()).toEqual(schemaFiles);
    for (const [domain, domainMap] of Object.entries(domainResolvers)) {
      const declared = declaredIn(domain);
      for (const [typeName, typeResolvers] of Object.entries(domainMap as Record<string, unknown>)) {
        if (typeResolvers instanceof GraphQLScalarType) {
          expect(declared, `${domain} resolves the scalar ${typeName}`).toContain(typeName);
          continue;
        }
        for (const field of Object.keys(typeResolvers as object)) expect(declared, `${domain} resolves ${typeName}.${field}`).toContain(`${typeName}.${field}`);
      }
    }
  });

  it('resolve Event.tickets in booking, whose schema declares it, and the root fields where their schema files are', () => {
    const owner = (type: string, field: string) =>
      Object.entries(domainResolvers).find(([, map]) => field in (((map as Record<string, object>)[type] ?? {}) as object))?.[0];
    expect(owner('Event', 'tickets')).toBe('booking');
    expect(owner('Query', 'me')).toBe('accounts');
    expect(owner('Mutation', 'logOut')).toBe('accounts');
    expect(owner('Mutation', 'updateEvent')).toBe('organizer');
    expect(owner('Query', 'hold')).toBe('booking');
    expect(Object.keys(resolvers.Query as object).sort()).toContain('node');
  });
});

/** The schema files' names without .graphql: the domains, and base. */
function readdirSchema(): string[] {
  return readdirSync(new URL('../schema/', import.meta.url))
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => file.replace(/\.graphql$/, ''))
    .sort();
}
