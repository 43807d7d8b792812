/**
 * E-mails to fans, end to end over the real pieces: facts committed through
 * the API, the notifier queueing them (server.notify()), the job queue
 * sending them (server.runJobs()) to a real SMTP server, and what arrives
 * parsed as a mail program would. Also what a fan and an admin see of them
 * (`me.notifications`, `adminJobs`), and a failing mail server: retried, then
 * FAILED, never dropped and never sent twice.
 */
import http from 'node:http';

import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { verifyTicketCode } from '../../src/checkin/ticket-code.js';
import { fromGlobalIdOf, toGlobalId } from '../../src/relay/global-id.js';
import { buy, cancel, scan } from '../checkin/checkin-support.js';
import { CANCEL_EVENT } from '../organizer/cancellation-support.js';
import { type Cast, createBuyers, createCast, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock, TEST_TICKET_SECRET } from '../support/server.js';
import { addressesOf, decodeQr, type ParsedMail, SmtpRefusal, useSmtpServer } from '../support/smtp.js';

const NOTIFICATIONS = `query ($first: Int, $after: String) {
  me { notifications(first: $first, after: $after) {
    edges { node { kind status toAddress attempts lastError sentAt booking { id } event { id } } }
    pageInfo { hasNextPage endCursor }
  } }
}`;
const USER_NOTIFICATIONS = `query ($id: ID!) { node(id: $id) { ... on User { notifications { edges { node { kind } } } } } }`;
const ADMIN_JOBS = `query ($status: JobStatus) { adminJobs(status: $status) { edges { node { id task key status attempts maxAttempts lastError } } } }`;
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } userErrors { code } } }`;
const RESCHEDULE = `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { startsAt } userErrors { code message } } }`;

/** The mail server refuses everything while `refusing` is set: as one that is down for a while. */
let refusing: SmtpRefusal | undefined;
const smtp = useSmtpServer({
  onData() {
    if (refusing) throw refusing;
  },
});
const clock = manualClock(ANCHOR);
const { database, server } = useTestServer(() => ({ clock, env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://tickets.example.com' } }));

let cast: Cast;
let event: OnSaleEvent;
let queue: WorkerUtils;
beforeAll(async () => {
  cast = await createCast(database.sql);
  event = await createOnSaleEvent(database.sql, cast.organizer.userId);
  queue = await makeWorkerUtils({ connectionString: database.url });
});
afterAll(() => queue?.release());

/** Queues what the outbox holds, sends what is due, and resolves to the messages that arrived meanwhile. */
async function deliver(): Promise<ParsedMail[]> {
  const before = smtp.messages.length;
  await server.notify();
  await server.runJobs();
  return smtp.messages.slice(before);
}

const emailOf = async (userId: number) => (await database.sql<[{ email: string }]>`SELECT email FROM users WHERE id = ${userId}`)[0].email;
const notificationRows = () => database.sql`SELECT user_id, kind, subject, status, attempts FROM notifications ORDER BY id`;

describe('a purchase', () => {
  it('reaches the buyer as an e-mail with each ticket as a QR code that checks in, a calendar entry and the order', async () => {
    const purchase = await buy(server, cast.fan, event, [event.seats[0]![0]!, event.seats[0]![1]!]);
    const [mail, ...others] = await deliver();
    expect(others).toEqual([]);
    expect(addressesOf(mail!.to)).toEqual([await emailOf(cast.fan.userId)]);
    expect(mail!.subject).toMatch(/ticket/i);
    expect(mail!.messageId).toMatch(/^<notification-\d+@tickets\.example\.com>$/);
    expect(mail!.text).toContain('$240.00');
    expect(mail!.html).toContain('https://tickets.example.com/bookings/');

    const codes = mail!.attachments.filter((file) => file.contentType === 'image/png').map((file) => decodeQr(file.content));
    expect(new Set(codes)).toEqual(new Set(purchase.tickets.map((ticket) => ticket.code)));
    expect(verifyTicketCode(TEST_TICKET_SECRET, codes[0]!)).toMatchObject({ eventId: event.eventId });
    expect(mail!.attachments.some((file) => file.contentType.startsWith('text/calendar'))).toBe(true);

    // The code in the e-mail gets its holder in, once.
    const first = await scan(server, cast.organizer, codes[0]!);
    expect(first.data.checkInTicket.userErrors).toEqual([]);
    const again = await scan(server, cast.organizer, codes[0]!);
    expect(again.data.checkInTicket.userErrors[0].code).toBe('ALREADY_CHECKED_IN');

    const { data } = await server.graphql(NOTIFICATIONS, {}, cast.fan.token);
    expect(data.me.notifications.edges).toEqual([
      {
        node: {
          kind: 'BOOKING_CONFIRMED',
          status: 'SENT',
          toAddress: await emailOf(cast.fan.userId),
          attempts: 1,
          lastError: null,
          sentAt: expect.any(String),
          booking: { id: purchase.bookingId },
          event: { id: event.id },
        },
      },
    ]);
  });

  it('is told once: queueing and sending again sends nothing more', async () => {
    const rows = await notificationRows();
    expect(await deliver()).toEqual([]);
    expect(await notificationRows()).toEqual(rows);
  });

  it('and its cancellation: the buyer is told of the refund', async () => {
    const purchase = await buy(server, cast.fan, event, [event.seats[1]![0]!]);
    await cancel(server, cast.fan, purchase.bookingId);
    const mails = await deliver();
    expect(mails.map((mail) => mail.subject)).toEqual([expect.stringMatching(/ticket/i), expect.stringMatching(/cancel/i)]);
    expect(mails[1]!.text).toMatch(/refund/i);
  });
});

describe('an account', () => {
  it('gets a welcome when it signs up', async () => {
    const input = { email: 'new.fan@example.com', password: 'a long enough passphrase', name: 'Ada <b>Fan</b>' };
    const { data } = await server.graphql(SIGN_UP, { input });
    expect(data.signUp.userErrors).toEqual([]);
    const [welcome] = await deliver();
    expect(addressesOf(welcome!.to)).toEqual(['new.fan@example.com']);
    expect(welcome!.text).toContain('Ada <b>Fan</b>');
    expect(welcome!.html).not.toContain('<b>Fan</b>');
  });

  it('shows its e-mails to its user and admins only', async () => {
    const userId = toGlobalId('User', cast.fan.userId);
    for (const [who, token] of [
      ['anonymous', undefined],
      ['another fan', cast.organizer.token],
    ] as const) {
      const { data } = await server.graphql(USER_NOTIFICATIONS, { id: userId }, token);
      expect(data.node?.notifications ?? null, who).toBeNull();
    }
    const { data } = await server.graphql(USER_NOTIFICATIONS, { id: userId }, cast.admin.token);
    expect(data.node.notifications.edges.map((edge: any) => edge.node.kind)).toEqual(['BOOKING_CANCELLED', 'BOOKING_CONFIRMED', 'BOOKING_CONFIRMED']);
  });
});

describe('an event that changes', () => {
  it('tells its buyers of new times, and of a cancellation and then of each refund', async () => {
    const other = await createOnSaleEvent(database.sql, cast.organizer.userId);
    await buy(server, cast.fan, other, [other.seats[0]![0]!]);
    await deliver();
    const moved = { eventId: other.id, startsAt: '2030-03-02T20:00:00Z', endsAt: '2030-03-02T23:00:00Z' };
    const rescheduled = await server.graphql(RESCHEDULE, { input: moved }, cast.organizer.token);
    expect(rescheduled.data.updateEvent.userErrors).toEqual([]);
    const [news] = await deliver();
    expect(news!.subject).toMatch(/time|date|changed|moved/i);

    const cancelled = await server.graphql(CANCEL_EVENT, { input: { eventId: other.id, reason: 'The band is ill.' } }, cast.organizer.token);
    expect(cancelled.data.cancelEvent.userErrors).toEqual([]);
    await server.runJobs(); // the refund job cancelEvent queued
    const mails = await deliver();
    expect(mails.map((mail) => mail.subject)).toEqual(expect.arrayContaining([expect.stringMatching(/cancel/i), expect.stringMatching(/refund/i)]));
    expect(mails).toHaveLength(2);
    expect(mails.some((mail) => mail.text?.includes('The band is ill.'))).toBe(true);
  });
});

describe('a mail server that refuses', () => {
  it('has the message retried with backoff, seen as RETRYING, then FAILED after its last attempt, for admins to see', async () => {
    refusing = new SmtpRefusal('mailbox unavailable', 451);
    try {
      const purchase = await buy(server, cast.fan, event, [event.seats[2]![0]!]);
      expect(await deliver()).toEqual([]);
      const [row] = await database.sql<[{ status: string; attempts: number; last_error: string }]>`
        SELECT status, attempts, last_error FROM notifications WHERE booking_id = ${fromGlobalIdOf('Booking', purchase.bookingId)}`;
      expect(row).toMatchObject({ status: 'QUEUED', attempts: 1, last_error: expect.stringContaining('mailbox unavailable') });

      const retrying = await server.graphql(ADMIN_JOBS, { status: 'RETRYING' }, cast.admin.token);
      const [job] = retrying.data.adminJobs.edges.map((edge: any) => edge.node);
      expect(job).toMatchObject({
        task: 'send-notification',
        status: 'RETRYING',
        attempts: 1,
        maxAttempts: 10,
        lastError: expect.stringContaining('mailbox unavailable'),
      });

      // Its last attempt, due now: the backoff's hours are not waited out in a test.
      await queue.rescheduleJobs([job.id], { runAt: new Date(), maxAttempts: 2 });
      expect(await deliver()).toEqual([]);
      const failed = await server.graphql(ADMIN_JOBS, { status: 'FAILED' }, cast.admin.token);
      expect(failed.data.adminJobs.edges.map((edge: any) => edge.node)).toEqual([{ ...job, status: 'FAILED', attempts: 2, maxAttempts: 2 }]);
      const { data } = await server.graphql(NOTIFICATIONS, { first: 1 }, cast.fan.token);
      expect(data.me.notifications.edges[0].node).toMatchObject({ kind: 'BOOKING_CONFIRMED', status: 'FAILED', attempts: 2 });

      // Never run again on its own, even with the server back.
      refusing = undefined;
      expect(await deliver()).toEqual([]);
    } finally {
      refusing = undefined;
    }
  });

  it('lets only admins see the queue', async () => {
    const codeOf = async (variables: Record<string, unknown>, token?: string) =>
      (await server.graphql(ADMIN_JOBS, variables, token)).errors?.[0]?.extensions?.code;
    expect(await codeOf({})).toBe('UNAUTHENTICATED');
    for (const caller of [cast.fan, cast.organizer, cast.otherOrganizer]) expect(await codeOf({}, caller.token)).toBe('FORBIDDEN');
    expect(await codeOf({ status: 'DONE' }, cast.admin.token)).toBe('BAD_USER_INPUT');
  });
});

describe('an on-sale rush', () => {
  const rushed = useTestServer(() => ({ clock, env: { SMTP_URL: smtp.url, EMAIL_PAUSE_AT_REQUESTS: '1' } }));

  /** A request the server counts as in flight until `end()`: its body is still coming. */
  function requestInFlight(url: string) {
    const request = http.request(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '100' } });
    request.on('error', () => {});
    request.write('{');
    const answered = new Promise<void>((resolve) => request.on('response', (response) => response.resume().on('end', resolve)));
    return {
      async end() {
        request.end('"query":"{ __typename }"}'.padEnd(99, ' '));
        await answered;
      },
    };
  }

  it('keeps e-mails waiting, neither queued nor sent, while the process serves its limit of requests; once it serves fewer, they go', async () => {
    const [organizer] = await createBuyers(rushed.database.sql, 1, 'ORGANIZER');
    const [fan] = await createBuyers(rushed.database.sql, 1);
    const event = await createOnSaleEvent(rushed.database.sql, organizer!.userId);
    await buy(rushed.server, fan!, event, [event.seats[0]![0]!]);
    await rushed.server.notify();
    const before = smtp.messages.length;

    expect(await pendingSends(rushed.database.sql)).toBe(1);
    const buyer = requestInFlight(rushed.server.url);
    await vi.waitFor(() => expect(rushed.server.requestsInFlight()).toBe(1));
    await buy(rushed.server, fan!, event, [event.seats[0]![1]!]);
    expect(await rushed.server.notify()).toBe(0); // the second purchase's fact stays in the outbox: a buyer's request is in flight
    await rushed.server.runJobs();
    expect(smtp.messages.length).toBe(before); // and the first one's e-mail waits in the queue
    await buyer.end();

    expect(await rushed.server.notify()).toBe(1);
    await rushed.server.runJobs();
    expect(smtp.messages.length).toBe(before + 2);
    // graphile-worker records completions in batches, moments after the task returns.
    await vi.waitFor(async () => expect(await pendingSends(rushed.database.sql)).toBe(0));
  });
});

/** The send jobs still in the queue. */
async function pendingSends(sql: postgres.Sql): Promise<number> {
  const [{ jobs }] = await sql<[{ jobs: number }]>`SELECT count(*)::int AS jobs FROM graphile_worker.jobs WHERE task_identifier = 'send-notification'`;
  return jobs;
}
