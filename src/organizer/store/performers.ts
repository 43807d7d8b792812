/** The SQL of organizers' performer profiles: creating and changing one (catalog reads them). */
import type { PerformerRow } from '../../catalog/types.js';
import type { Queryable } from '../../db/client.js';

/** A profile's fields other than its id. */
export type NewPerformer = Omit<PerformerRow, 'id'>;

/** The fields an organizer may change. */
export type PerformerChanges = Partial<Pick<PerformerRow, 'name' | 'kind' | 'genre'>>;

const performerColumns = (sql: Queryable) => sql`id, name, kind, genre, organizer_id AS "organizerId", created_at AS "createdAt"`;

export async function insertPerformer(sql: Queryable, performer: NewPerformer): Promise<PerformerRow> {
  const [row] = await sql<[PerformerRow]>`
    INSERT INTO performers (name, kind, genre, organizer_id, created_at)
    VALUES (${performer.name}, ${performer.kind}, ${performer.genre}, ${performer.organizerId}, ${performer.createdAt})
    RETURNING ${performerColumns(sql)}`;
  return row;
}

/** Sets the fields given (genre null removes it); the profile as it is now. */
export async function updatePerformer(sql: Queryable, id: number, changes: PerformerChanges): Promise<PerformerRow> {
  const [row] = await sql<
    [PerformerRow]
  >`UPDATE performers SET ${sql(changes, Object.keys(changes) as (keyof PerformerChanges)[])} WHERE id = ${id} RETURNING ${performerColumns(sql)}`;
  return row;
}
