/**
 * How e-mails leave: through the mail server at SMTP_URL, or, without one (the embedded
 * default), as .eml files in a folder, which any mail program opens, with each file's
 * path logged for the newcomer looking for their tickets.
 *
 * Either way a failure rejects send() with the error (a refusal, 4xx or 5xx, or a
 * connection that did not open): the notifier records it and its job is retried.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

import type { Logger } from '../../logger.js';

export interface Mailer {
  /** Sends one message; `messageId` is the Message-ID header to use (the notifier's idempotency key, e.g. "<notification-42@tickets.example.com>"). */
  send(mail: Mail.Options, messageId: string): Promise<{ messageId: string; path?: string /* the .eml file */ }>;
  /** Closes the pooled connections; messages still being sent fail. */
  close(): void;
}

export interface MailerOptions {
  /** The mail server, as SMTP_URL gives it (smtp://user:password@host:587, smtps:// for TLS). Unset: messages are written to `outboxDir`. */
  smtpUrl?: string;
  /** Where the .eml files go without `smtpUrl` (DATA_DIR/mail); made when the first is written. */
  outboxDir: string;
  /** Logs the path of each file written. */
  logger: Logger;
}

export function createMailer({ smtpUrl, outboxDir, logger }: MailerOptions): Mailer {
  return smtpUrl ? smtpMailer(smtpUrl) : folderMailer(outboxDir, logger);
}

function smtpMailer(url: string): Mailer {
  // Pooled: a busy queue sends its messages over a few open connections, not one each.
  const transport = createTransport({ url, pool: true });
  return {
    async send(mail, messageId) {
      const info = await transport.sendMail({ ...mail, messageId });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

function folderMailer(folder: string, logger: Logger): Mailer {
  const transport = createTransport({ streamTransport: true, buffer: true });
  return {
    async send(mail, messageId) {
      const info = await transport.sendMail({ ...mail, messageId });
      await mkdir(folder, { recursive: true });
      const path = join(folder, emlFileName(new Date(), info.messageId));
      // Written beside and renamed, so that whoever opens the folder never finds half a message.
      await writeFile(`${path}.part`, info.message as Buffer);
      await rename(`${path}.part`, path);
      logger.info({ path, messageId: info.messageId }, `an e-mail was written to ${path}`);
      return { messageId: info.messageId, path };
    },
    close: () => transport.close(),
  };
}

/**
 * "2025-06-14T18-00-00-000Z-notification-42@tickets.example.com.eml": sorted by time, named by
 * Message-ID, in characters every file system takes.
 */
export function emlFileName(at: Date, messageId: string): string {
  const time = at.toISOString().replace(/[:.]/g, '-');
  const id = messageId
    .replace(/[^A-Za-z0-9@._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 120);
  return `${time}-${id}.eml`;
}
