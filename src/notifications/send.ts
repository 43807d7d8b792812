/**
 * The job that sends one notification (task `send-notification`, queued by
 * the notifier). It runs at least once, so it is idempotent: a notification
 * already SENT, or FAILED (its account was deleted), is left alone. Each
 * attempt is recorded before the mail server is called, and every attempt
 * carries the same Message-ID, so a crash between the server's acceptance
 * and the record of it resends the message once, and the copy is one a mail
 * program can tell is the same message. A failure is recorded and thrown:
 * the queue retries with backoff, and after the last attempt the
 * notification is FAILED, as its job is.
 */
import type { JobHelpers } from 'graphile-worker';

import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import type { Logger } from '../logger.js';
import { compose, NothingToSay } from './compose.js';
import { renderMail } from './mail/render.js';
import type { Mailer } from './mail/transport.js';
import type { Site } from './mail/types.js';
import { notificationToSend, recordAttempt, recordFailure, recordSent } from './store.js';

export interface SendOptions {
  sql: Sql;
  mailer: Mailer;
  site: Site;
  ticketSecret: string;
  clock: Clock;
  logger: Logger;
}

/** The Message-ID of a notification: the same for every attempt, unique to this site. */
export function messageIdOf(notificationId: number, publicUrl: string): string {
  return `<notification-${notificationId}@${new URL(publicUrl).hostname}>`;
}

export function sendNotificationTask({ sql, mailer, site, ticketSecret, clock, logger }: SendOptions) {
  return async (payload: unknown, helpers: Pick<JobHelpers, 'job'>): Promise<void> => {
    const id = Number((payload as { notificationId?: unknown }).notificationId);
    const notification = await notificationToSend(sql, id);
    if (!notification || notification.status !== 'QUEUED') return;
    try {
      const message = await compose(sql, notification, { name: notification.recipientName, email: notification.toAddress }, ticketSecret);
      const mail = await renderMail(message, site);
      await recordAttempt(sql, id, clock());
      const sent = await mailer.send(mail, messageIdOf(id, site.publicUrl));
      await recordSent(sql, id, sent.messageId, clock());
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
      // Nothing to say will stay so: failed for good at once, rather than after every retry.
      const final = error instanceof NothingToSay || helpers.job.attempts >= helpers.job.max_attempts;
      await recordFailure(sql, id, reason, final);
      logger[final ? 'error' : 'warn'](
        { err: error, notificationId: id, attempt: helpers.job.attempts },
        final ? 'an e-mail could not be sent; it is FAILED' : 'an e-mail could not be sent; it is retried',
      );
      if (!(error instanceof NothingToSay)) throw error;
    }
  };
}
