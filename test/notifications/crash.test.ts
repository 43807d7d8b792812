/**
 * kill -9 of the API process while it sends an e-mail, at the two moments
 * that matter: the mail server has the message but has not answered (the
 * process dies not knowing whether it went), and the server has accepted it
 * but the process has not recorded that. Either way the job it had taken
 * stays locked by its dead worker until another process, seeing that
 * worker's heartbeat stop, unlocks it; then the message is sent again, once,
 * with the same Message-ID, and its record says two attempts.
 */
import type postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';

import { buy } from '../checkin/checkin-support.js';
import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { untilBlocked } from '../support/database.js';
import { useTestDatabase } from '../support/fixture.js';
import { graphqlClient, manualClock, startTestServer, TEST_SECRETS } from '../support/server.js';
import { startServerProcess } from '../support/server-process.js';
import { type ParsedMail, useSmtpServer } from '../support/smtp.js';

/** What the mail server does with the next message; afterwards it accepts everything. */
let nextMessage: ((message: ParsedMail) => Promise<void>) | undefined;
const smtp = useSmtpServer({
  onData: (_, message) => {
    const handle = nextMessage;
    nextMessage = undefined;
    return handle?.(message);
  },
});

describe('an e-mail whose sender is killed mid-send', () => {
  const { database } = useTestDatabase();
  let buyer: Buyer;
  let event: OnSaleEvent;
  let seat = 0;
  beforeAll(async () => {
    const [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    [buyer] = (await createBuyers(database.sql, 1)) as [Buyer];
    event = await createOnSaleEvent(database.sql, organizer.userId, {
      onSaleAt: new Date(Date.now() - 3_600_000),
      startsAt: new Date(Date.now() + 30 * 86_400_000),
    });
  });

  /**
   * Buys a ticket through a server process that sends e-mails, lets `moment` decide what the mail
   * server does with the confirmation (resolving once the moment to die has come), and kills the
   * process then. Resolves to the message the dead process was sending, as the mail server got it.
   */
  async function killWhileSending(moment: (message: ParsedMail) => { reached: Promise<void>; answer: Promise<void> }): Promise<ParsedMail> {
    const process_ = await startServerProcess({
      DATABASE_URL: database.url,
      ...TEST_SECRETS,
      SEED_DEMO: 'false',
      SMTP_URL: smtp.url,
      NOTIFY_INTERVAL_MS: '20',
      JOB_CONCURRENCY: '1',
      SEARCH_INDEX_INTERVAL_MS: '0',
    });
    try {
      const sending = new Promise<{ message: ParsedMail; reached: Promise<void> }>((resolve) => {
        nextMessage = (message) => {
          const { reached, answer } = moment(message);
          resolve({ message, reached });
          return answer;
        };
      });
      await buy({ graphql: graphqlClient(process_.url) }, buyer, event, [event.seats[0]![seat++]!]);
      const { message, reached } = await sending;
      await reached;
      return message;
    } finally {
      process.kill(process_.pid, 'SIGKILL');
      await process_.exited;
    }
  }

  /** A process two minutes later, when the dead worker's heartbeat is a minute overdue: it unlocks the job and sends. */
  async function recoverElsewhere(check: (survivor: { runJobs(): Promise<void>; heartbeatJobs(): Promise<string[]> }) => Promise<void>): Promise<void> {
    const survivor = await startTestServer(database.url, { clock: manualClock(new Date(Date.now() + 120_000)), env: { SMTP_URL: smtp.url } });
    try {
      await check(survivor);
    } finally {
      await survivor.stop();
    }
  }

  const latest = async () =>
    (await database.sql<[{ status: string; attempts: number }]>`SELECT status, attempts FROM notifications ORDER BY id DESC LIMIT 1`)[0];

  it('before the mail server answered: sent again once, after another process finds the dead worker', { timeout: 60_000 }, async () => {
    const held = await killWhileSending(() => ({ reached: Promise.resolve(), answer: new Promise<void>(() => {}) }));
    expect(await latest()).toEqual({ status: 'QUEUED', attempts: 1 });
    await recoverElsewhere(async (survivor) => {
      // The control: while the dead worker holds the job, nobody runs it.
      await survivor.runJobs();
      expect(smtp.messages).toEqual([]);

      expect(await survivor.heartbeatJobs()).not.toEqual([]);
      await survivor.runJobs();
      expect(smtp.messages.map((message) => message.messageId)).toEqual([held.messageId]);
      expect(await latest()).toEqual({ status: 'SENT', attempts: 2 });
      await survivor.runJobs();
      expect(smtp.messages).toHaveLength(1);
    });
  });

  it('after the mail server accepted it, before that was recorded: one copy more, with the same Message-ID', { timeout: 60_000 }, async () => {
    const before = smtp.messages.length;
    /** Holds the notification's row, so that the dead process's record of the send waits for it. */
    let holdRow: postgres.ReservedSql | undefined;
    const accepted = await killWhileSending(() => {
      // Accepted once the row is held: the process then waits to record the send it has made.
      const locked = (async () => {
        holdRow = await database.sql.reserve();
        await holdRow`BEGIN`;
        await holdRow`SELECT 1 FROM notifications WHERE id = (SELECT max(id) FROM notifications) FOR UPDATE`;
      })();
      return { reached: locked.then(() => untilBlocked(database.sql, 1)), answer: locked };
    }).finally(async () => {
      // PostgreSQL would finish the dead process's waiting UPDATE, not knowing its client is gone: its connection goes as a dead client's does.
      await database.sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if (!holdRow) return;
      await holdRow`ROLLBACK`;
      holdRow.release();
    });
    expect(await latest()).toEqual({ status: 'QUEUED', attempts: 1 });
    await recoverElsewhere(async (survivor) => {
      expect(await survivor.heartbeatJobs()).not.toEqual([]);
      await survivor.runJobs();
      const copies = smtp.messages.slice(before);
      expect(copies.map((message) => message.messageId)).toEqual([accepted.messageId, accepted.messageId]);
      expect(await latest()).toEqual({ status: 'SENT', attempts: 2 });
    });
  });
});
