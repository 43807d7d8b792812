import type { Config } from '../config.js';
import type { Sql } from '../db/client.js';
import { postgresSearchIndex } from './postgres-index.js';
import type { SearchIndex } from './search-index.js';
import { typesenseSearchIndex } from './typesense-index.js';

/** Typesense when TYPESENSE_URL is set, else PostgreSQL's own full-text search. */
export function searchBackendFor(config: Config, sql: Sql): SearchIndex {
  return config.typesense ? typesenseSearchIndex(config.typesense) : postgresSearchIndex(sql);
}
