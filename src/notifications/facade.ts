/**
 * Notifications as people see them: a user's own e-mails (`User.notifications`,
 * for the user themself and admins), and the job queue's jobs for admins
 * (`adminJobs`: the dead letters among them). Resolvers call it as
 * `context.notifications`; server.ts builds one per request. Reads only, no
 * rate limits beyond the query cost: each is a page of one indexed read.
 */
import { canSeePrivateFields, requireAdmin } from '../accounts/policy.js';
import type { Sql } from '../db/client.js';
import { type JobRow, jobsInState, type JobState } from '../jobs/store.js';
import { type Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '../relay/connection.js';
import type { RequestScope } from '../request-scope.js';
import { type NotificationRow, notificationsOf } from './store.js';

export interface NotificationsServices {
  sql: Sql;
}

export class NotificationsFacade {
  constructor(
    private readonly services: NotificationsServices,
    private readonly scope: RequestScope,
  ) {}

  /** The user's notifications, newest first; null for anyone but the user and admins. */
  async notificationsOf(user: { id: number }, first: number | null | undefined, after: string | null | undefined): Promise<Connection<NotificationRow> | null> {
    if (!canSeePrivateFields(this.scope.viewer, user)) return null;
    const size = pageSize(first);
    const before = after ? decodeCursor(after, ['integer'] as const)[0] : undefined;
    return toConnection(await notificationsOf(this.services.sql, user.id, before, size + 1), size, (row) => encodeCursor([row.id]));
  }

  /** The queue's jobs in `status` (all when null), newest first; admins only. */
  async jobs(status: JobState | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<JobRow>> {
    requireAdmin(this.scope.viewer);
    const size = pageSize(first);
    const before = after ? String(decodeCursor(after, ['integer'] as const)[0]) : undefined;
    return toConnection(await jobsInState(this.services.sql, status ?? undefined, before, size + 1), size, (row) => encodeCursor([Number(row.id)]));
  }
}
