/** Single-object reads that apply visibility, for Query fields and node(id). */
import { canSeeEvent, type Viewer } from '../accounts/policy.js';
import type { CatalogLoaders } from './loaders.js';
import type { EventRow } from './types.js';

export async function findEvent(loaders: CatalogLoaders, viewer: Viewer | null, id: number): Promise<EventRow | null> {
  const event = await loaders.eventById.load(id);
  return event && canSeeEvent(viewer, event) ? event : null;
}

/** Loads a row that a foreign key guarantees; a miss means broken data, an internal error. */
export async function loadExisting<T>(loader: { load(id: number): Promise<T | undefined> }, id: number, what: string): Promise<T> {
  const row = await loader.load(id);
  if (row === undefined) throw new Error(`${what} ${id} is missing`);
  return row;
}
