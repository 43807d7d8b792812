/** Single-object reads that apply visibility, for Query fields and node(id). */
import type { CatalogLoaders } from './loaders.js';
import type { EventRow } from './types.js';
import { isPubliclyVisible } from './visibility.js';

export async function findEvent(loaders: CatalogLoaders, id: number): Promise<EventRow | null> {
  const event = await loaders.eventById.load(id);
  return event && isPubliclyVisible(event) ? event : null;
}

/** Loads a row that a foreign key guarantees; a miss means broken data, an internal error. */
export async function loadExisting<T>(loader: { load(id: number): Promise<T | undefined> }, id: number, what: string): Promise<T> {
  const row = await loader.load(id);
  if (row === undefined) throw new Error(`${what} ${id} is missing`);
  return row;
}
