/**
 * The baseline of bench:notifications, in the same run as the queue: the
 * same e-mails (a booking confirmation with one or two tickets, each with its
 * signed code as a QR image, and the event's .ics) rendered by renderMail and
 * sent by the service's own pooled SMTP transport (createMailer) to the same
 * kind of receiver, straight from the bench process: no database, no outbox,
 * no queue. What the queue's figure is divided by.
 *
 * Two figures: rendering alone, one message after another (one core's worth
 * of what every e-mail costs before it is sent), and rendering and sending
 * with `concurrency` messages under way at once, as the queue's workers run
 * (messages a second from the receiver's first acceptance to its last, as
 * for the queue).
 */
import { performance } from 'node:perf_hooks';

import { pino } from 'pino';

import { signTicketCode } from '../../src/checkin/ticket-code.js';
import { renderMail } from '../../src/notifications/mail/render.js';
import { createMailer } from '../../src/notifications/mail/transport.js';
import type { MailOf, Site } from '../../src/notifications/mail/types.js';
import { toGlobalId } from '../../src/relay/global-id.js';
import { TEST_TICKET_SECRET } from '../../test/support/server.js';
import { ticketsOfBooking } from './notifications-bookings.js';
import { forkMailReceiver, meanKiB } from './notifications-receiver.js';
import { round } from './stats.js';

export interface BaselineOptions {
  /** Messages rendered alone (a few hundred say enough). */
  rendered: number;
  /** Messages rendered and sent. */
  messages: number;
  /** Messages under way at once while sending. */
  concurrency: number;
  site: Site;
  /** Give up waiting for the receiver after this long. */
  timeoutMs: number;
}

export interface BaselineResult {
  messages: number;
  concurrency: number;
  /** Rendering alone, one at a time. */
  renderedPerSecond: number;
  /** CPU time of one rendering, in ms. */
  renderCpuMs: number;
  /** Rendered and sent, from the first acceptance to the last. */
  sentPerSecond: number;
  /** CPU time of the bench process per message rendered and sent, in ms. */
  sendCpuMs: number;
  /** Mean size of a message as the receiver took it, in KiB. */
  messageKiB: number;
}

const EVENT = {
  id: toGlobalId('Event', 1),
  name: 'Test Concert',
  startsAt: new Date('2030-03-01T20:00:00Z'),
  endsAt: new Date('2030-03-01T23:00:00Z'),
  timeZone: 'America/New_York',
  venue: { name: 'Test Hall 1', city: 'Testville', country: 'US' },
};

/** The confirmation of the `n`th booking, as compose.ts reads it from the database for the queue's runs. */
export function confirmationOf(n: number): MailOf<'BOOKING_CONFIRMED'> {
  const bookingId = 1_000 + n;
  const tickets = Array.from({ length: ticketsOfBooking(n) }, (_, i) => {
    const ticketId = 10_000 + 2 * n + i;
    return {
      section: 'Stalls',
      row: 'C',
      number: 1 + ((2 * n + i) % 150),
      price: 12_000,
      code: signTicketCode(TEST_TICKET_SECRET, { ticketId, eventId: 1, serial: bookingId }),
    };
  });
  return {
    kind: 'BOOKING_CONFIRMED',
    to: { name: `Buyer ${n}`, email: `buyer-${n}@buyers.test` },
    event: EVENT,
    booking: { id: toGlobalId('Booking', bookingId), total: 12_000 * tickets.length, currency: 'USD', last4: '4242', tickets },
  };
}

export async function benchBaseline({ rendered, messages, concurrency, site, timeoutMs }: BaselineOptions): Promise<BaselineResult> {
  const receiver = await forkMailReceiver();
  const mailer = createMailer({ smtpUrl: receiver.url, outboxDir: '/nonexistent', logger: pino({ level: 'silent' }) });
  try {
    const renderCpu = process.cpuUsage();
    const renderStarted = performance.now();
    for (let n = 0; n < rendered; n++) await renderMail(confirmationOf(n), site);
    const renderSeconds = (performance.now() - renderStarted) / 1000;
    const renderCpuMs = cpuMs(process.cpuUsage(renderCpu)) / rendered;

    const sendCpu = process.cpuUsage();
    let next = 0;
    const worker = async () => {
      while (next < messages) {
        const n = next++;
        await mailer.send(await renderMail(confirmationOf(n), site), `<baseline-${n}@${new URL(site.publicUrl).hostname}>`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    await receiver.untilAccepted(messages, timeoutMs);
    const sendCpuMs = cpuMs(process.cpuUsage(sendCpu)) / messages;
    const accepted = receiver.accepted;
    const distinct = new Set(accepted.map((acceptance) => acceptance.messageId));
    if (accepted.length !== messages || distinct.size !== messages)
      throw new Error(`baseline: ${distinct.size} distinct of ${accepted.length} messages accepted, ${messages} sent`);
    const seconds = (accepted.at(-1)!.at - accepted[0]!.at) / 1000;
    return {
      messages,
      concurrency,
      renderedPerSecond: round(rendered / renderSeconds),
      renderCpuMs: round(renderCpuMs, 2),
      sentPerSecond: round((messages - 1) / seconds),
      sendCpuMs: round(sendCpuMs, 2),
      messageKiB: meanKiB(accepted),
    };
  } finally {
    mailer.close();
    await receiver.close();
  }
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
