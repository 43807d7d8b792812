// Checks that the schema documents itself (DESIGN.md: "Every field and type has a description; the schema is the
// documentation partners read"): every type, field, argument, input field and enum value of schema/*.graphql has a
// description. Built-in scalars and introspection types are not counted. Prints the count and, below 100%, every
// undescribed element with where it is, and exits 1. Run from anywhere: node .ci/schema-descriptions.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import {
  buildASTSchema,
  concatAST,
  getLocation,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  parse,
  Source,
} from 'graphql';

const schemaDir = new URL('../schema/', import.meta.url);
const files = readdirSync(fileURLToPath(schemaDir))
  .filter((file) => file.endsWith('.graphql'))
  .sort();
// One document of all the files, each parsed under its own name so that locations say which file. Building it
// validates the SDL too: directives such as @maxLength must be declared in it.
const schema = buildASTSchema(concatAST(files.map((file) => parse(new Source(readFileSync(new URL(file, schemaDir), 'utf8'), `schema/${file}`)))));

let total = 0;
const undescribed = [];

/** Counts one element; remembers it, with its file and line, when it has no description (or only blanks). */
function count(name, element) {
  total++;
  if (element.description?.trim()) return;
  const loc = element.astNode?.loc;
  undescribed.push({ name, file: loc?.source.name ?? '', line: loc ? getLocation(loc.source, loc.start).line : 0 });
}

for (const type of Object.values(schema.getTypeMap())) {
  if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
  count(type.name, type);
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      count(`${type.name}.${field.name}`, field);
      for (const arg of field.args ?? []) count(`${type.name}.${field.name}(${arg.name})`, arg);
    }
  }
  if (isEnumType(type)) for (const value of type.getValues()) count(`${type.name}.${value.name}`, value);
}

const described = total - undescribed.length;
console.log(`schema descriptions: ${described}/${total} (${((100 * described) / total).toFixed(1)}%)`);
if (undescribed.length > 0) {
  console.error(`\n${undescribed.length} undescribed (types, fields, arguments, input fields, enum values):`);
  undescribed.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  for (const { name, file, line } of undescribed) console.error(`  ${file}:${line}  ${name}`);
  console.error('\nDescribe each for a client developer: what it means, units, limits, defaults, when it is null, who may see it.');
  process.exit(1);
}
