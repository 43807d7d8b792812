import { GraphQLScalarType } from 'graphql';

import type { Resolvers } from '../generated/graphql.js';

/**
 * The resolvers of every domain as one map, for makeExecutableSchema. A type
 * may be resolved by several domains (Event's fields by catalog, its `tickets`
 * by booking), but each field, and each scalar, by one only: resolving one
 * twice is an error that names it and both domains, where an object spread
 * would silently keep the last.
 */
export function mergeResolvers(domains: Readonly<Record<string, Resolvers>>): Resolvers {
  const merged: Record<string, Record<string, unknown> | GraphQLScalarType> = {};
  /** The domain that first resolved each type and each Type.field. */
  const owners = new Map<string, string>();
  const twice = (name: string, domain: string) =>
    new Error(`${name} is resolved by two domains, ${owners.get(name)} and ${domain}; each field belongs to one domain.`);
  for (const [domain, resolvers] of Object.entries(domains)) {
    for (const [typeName, typeResolvers] of Object.entries(resolvers as Record<string, unknown>)) {
      const existing = merged[typeName];
      if (typeResolvers instanceof GraphQLScalarType || existing instanceof GraphQLScalarType) {
        if (existing !== undefined) throw twice(typeName, domain);
        merged[typeName] = typeResolvers as GraphQLScalarType;
        owners.set(typeName, domain);
        continue;
      }
      if (!owners.has(typeName)) owners.set(typeName, domain);
      const fields = existing ?? (merged[typeName] = {});
      for (const [fieldName, resolver] of Object.entries(typeResolvers as Record<string, unknown>)) {
        const name = `${typeName}.${fieldName}`;
        if (owners.has(name)) throw twice(name, domain);
        owners.set(name, domain);
        fields[fieldName] = resolver;
      }
    }
  }
  return merged as Resolvers;
}
