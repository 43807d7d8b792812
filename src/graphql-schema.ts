import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const schemaDir = new URL('../schema/', import.meta.url);

/** The SDL of schema/*.graphql, one file per domain, in a stable order. */
export function loadTypeDefs(): string[] {
  return readdirSync(fileURLToPath(schemaDir))
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(new URL(file, schemaDir), 'utf8'));
}
