/** Pages of an event's tickets as the API shows them (the reads are in store/tickets.ts). */
import type { Db } from '../db/client.js';
import { type Connection, decodeCursor, encodeCursor, toConnection } from '../relay/connection.js';
import { ticketPages } from './store/tickets.js';
import type { TicketStatus, TicketView } from './types.js';

/** Whose tickets a page is: an event's, or with `sectionId` one section's of it (the same for all parents of one call). */
export interface TicketPageParent {
  eventId: number;
  sectionId?: number | null;
}

/**
 * A page of tickets for each parent, in id order (section, then row and seat,
 * as they were created), in one statement: a LATERAL join reads each
 * parent's page as a query of its own would (its own LIMIT), however many
 * parents there are. Pages come in the order of `parents`. `status` and
 * `after` apply to every parent; a parent's `sectionId` narrows its page.
 */
export async function listTicketPages(
  db: Db,
  now: Date,
  parents: readonly TicketPageParent[],
  filter: { status?: TicketStatus | null },
  size: number,
  after?: string | null,
): Promise<Connection<TicketView>[]> {
  const afterId = after ? decodeCursor(after, ['bigint'] as const)[0] : null;
  const bySection = parents.some((parent) => parent.sectionId != null);
  if (bySection && parents.some((parent) => parent.sectionId == null)) throw new Error('listTicketPages: either every parent has a sectionId or none has');
  const rows = await ticketPages(db, now, {
    eventIds: parents.map((parent) => parent.eventId),
    sectionIds: parents.map((parent) => parent.sectionId ?? 0),
    bySection,
    status: filter.status,
    afterId,
    limit: size + 1,
  });
  const pages = parents.map((): TicketView[] => []);
  for (const { parent, id, ...ticket } of rows) pages[Number(parent) - 1]!.push({ ...ticket, id: Number(id) } as TicketView); // bigints come as strings
  return pages.map((page) => toConnection(page, size, (ticket) => encodeCursor([ticket.id])));
}
