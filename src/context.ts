import type { CatalogLoaders } from './catalog/loaders.js';
import type { Clock } from './clock.js';
import type { Db } from './db/client.js';

/** What every resolver gets: built fresh for each request (see server.ts). */
export interface Context {
  db: Db;
  clock: Clock;
  loaders: CatalogLoaders;
}
