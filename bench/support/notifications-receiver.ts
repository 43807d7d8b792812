/**
 * The mail server of bench:notifications: an SMTP server on 127.0.0.1 that
 * accepts every message without parsing it (test/support/smtp.ts parses
 * each one, which would cost more than the sending being measured), and
 * records its Message-ID and the moment it accepted it. It runs in a child
 * process of its own (notifications-receiver-child.ts), so that it takes
 * none of the event loop of what it receives from: the API server's queue
 * in one run, the bench process's straight sends in the baseline.
 *
 *   const receiver = await forkMailReceiver();
 *   // SMTP_URL=receiver.url ...
 *   await receiver.untilAccepted(2_000, 120_000);
 *   receiver.accepted; // [{ messageId: '<notification-7@host>', at: 1733.. }, ...]
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';

import { SMTPServer } from 'smtp-server';

/** One message the server accepted: its Message-ID header (`<...>`, or '' without one), when, in ms since the epoch (Date.now()), and its size. */
export interface Acceptance {
  messageId: string;
  at: number;
  bytes: number;
}

export interface MailReceiver {
  /** smtp://127.0.0.1:PORT, for SMTP_URL or nodemailer. */
  url: string;
  /** Every message accepted so far, in order of acceptance. */
  readonly accepted: readonly Acceptance[];
  /** Resolves once `count` messages in all have been accepted; rejects after `timeoutMs` without them. */
  untilAccepted(count: number, timeoutMs: number): Promise<void>;
  /** Stops the server and its process. */
  close(): Promise<void>;
}

type ToParent = { port: number } | Acceptance;

/** The receiver in a child process of its own. */
export async function forkMailReceiver(): Promise<MailReceiver> {
  const child = fork(new URL('./notifications-receiver-child.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  const accepted: Acceptance[] = [];
  const waiters = new Set<() => void>();
  let port: (value: number) => void;
  const listening = new Promise<number>((resolve) => (port = resolve));
  child.on('message', (message: ToParent) => {
    if ('port' in message) return port(message.port);
    accepted.push(message);
    for (const wake of waiters) wake();
  });
  const ready = await Promise.race([listening, exited.then(() => undefined)]);
  if (ready === undefined) throw new Error('the mail receiver exited before it listened');
  return {
    url: `smtp://127.0.0.1:${ready}`,
    accepted,
    untilAccepted(count, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (accepted.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the mail server accepted ${accepted.length} of ${count} messages within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The mean size of `accepted` messages, in KiB, to one decimal. */
export function meanKiB(accepted: readonly Acceptance[]): number {
  return Math.round((accepted.reduce((sum, acceptance) => sum + acceptance.bytes, 0) / accepted.length / 1024) * 10) / 10;
}

/** The Message-ID header of a message's header block, as written (`<...>`); '' without one. */
export function messageIdOf(header: string): string {
  return /^message-id:[ \t]*(<[^>\r\n]*>)/im.exec(header)?.[1] ?? '';
}

/** Headers end at the first empty line; more than this and the message has none worth reading. */
const MAX_HEADER_BYTES = 64 * 1024;

/** Runs in the child: serves SMTP on a free port, tells the parent the port, then each acceptance. */
export async function serveMailReceiver(): Promise<void> {
  const tell = (message: ToParent) => process.send!(message);
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1,
    onData(stream, _session, callback) {
      // Only the header block is kept, to read the Message-ID; the body is read and dropped.
      let header = '';
      let headerDone = false;
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (headerDone) return;
        header += chunk.toString('latin1');
        const end = header.indexOf('\r\n\r\n');
        if (end >= 0 || header.length > MAX_HEADER_BYTES) {
          headerDone = true;
          if (end >= 0) header = header.slice(0, end);
        }
      });
      stream.on('end', () => {
        tell({ messageId: messageIdOf(header), at: Date.now(), bytes });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1', () => tell({ port: (server.server.address() as { port: number }).port }));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
