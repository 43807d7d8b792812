/**
 * How e-mails leave (createMailer): through a real SMTP server started here, parsed as a
 * mail client would, or, without SMTP_URL, as .eml files in a folder. What they say is
 * mail-render.test.ts; here, that it all arrives intact.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import { type ParsedMail, simpleParser } from 'mailparser';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';

import { verifyTicketCode } from '../../src/checkin/ticket-code.js';
import { renderMail } from '../../src/notifications/mail/render.js';
import { createMailer, type Mailer } from '../../src/notifications/mail/transport.js';
import { freePort } from '../support/free-port.js';
import { addressesOf, decodeQr, SmtpRefusal, startSmtpServer, useSmtpServer } from '../support/smtp.js';
import { bookingConfirmed, EVENT, EVENT_TIME, readIcs, SITE, TICKETS } from './mail-fixtures.js';

const MESSAGE_ID = '<notification-42@tickets.example.com>';

let outboxDir: string;
beforeAll(async () => {
  outboxDir = await mkdtemp(join(tmpdir(), 'mail-transport-'));
});
afterAll(() => rm(outboxDir, { recursive: true, force: true }));

/** A logger whose lines the test reads. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

function mailerFor(options: { smtpUrl?: string; outboxDir?: string }): Mailer {
  const mailer = createMailer({ outboxDir, logger: pino({ level: 'silent' }), ...options });
  onTestFinished(() => mailer.close());
  return mailer;
}

/** What a fan's mail program would show of the booking confirmation. */
function expectTheBookingConfirmation(message: ParsedMail) {
  expect(message.messageId).toBe(MESSAGE_ID);
  expect(message.subject).toBe('Your tickets for Night Sky Orchestra');
  expect(message.from?.value).toEqual([{ name: 'Ticketing', address: 'tickets@example.com' }]);
  expect(message.to).toMatchObject({ value: [{ name: 'Ana Lima', address: 'ana@example.com' }] });
  for (const part of [message.text, message.html as string]) {
    expect(part).toContain('Hi Ana Lima,');
    expect(part).toContain(EVENT_TIME);
    expect(part).toContain('Olympia Hall, Berlin, DE');
    expect(part).toContain('Section Floor A, row 3, seat 12');
    expect(part).toContain('Total (all-in)');
    expect(part).toContain('€179.00');
    expect(part).toContain('card ending 4242');
  }

  const ics = message.attachments.find((each) => each.filename === 'event.ics')!;
  expect(ics.contentType).toBe('text/calendar');
  const calendar = readIcs(ics.content.toString('utf8'));
  expect(calendar.start).toEqual(EVENT.startsAt);
  expect(calendar.end).toEqual(EVENT.endsAt);
  expect(calendar.event.SUMMARY).toBe(EVENT.name);

  for (const [filename, ticket] of [
    ['ticket-floor-a-3-12.png', TICKETS[0]!],
    ['ticket-floor-a-3-13.png', TICKETS[1]!],
  ] as const) {
    const images = message.attachments.filter((each) => each.filename === filename);
    const inline = images.find((each) => each.contentDisposition === 'inline')!;
    const download = images.find((each) => each.contentDisposition === 'attachment')!;
    expect(inline.related).toBe(true);
    expect(message.html).toContain(`cid:${inline.cid}`);
    for (const image of [inline, download]) {
      expect(image.contentType).toBe('image/png');
      const code = decodeQr(image.content);
      expect(code).toBe(ticket.code);
      expect(verifyTicketCode('test-secret', code!)).toEqual({ ticketId: expect.any(Number), eventId: 42, serial: 77 });
    }
  }
}

describe('through SMTP', () => {
  const smtp = useSmtpServer();

  it('delivers the booking confirmation whole: parts, calendar, QR codes that decode to the ticket codes; no .eml written', async () => {
    const mailer = mailerFor({ smtpUrl: smtp.url, outboxDir: join(outboxDir, 'unused') });

    const sent = await mailer.send(await renderMail(bookingConfirmed(), SITE), MESSAGE_ID);

    expect(sent).toEqual({ messageId: MESSAGE_ID });
    const message = await smtp.nextMessage();
    expectTheBookingConfirmation(message);
    await expect(readdir(join(outboxDir, 'unused'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('sends one message per send, in order, over the pooled connections', async () => {
    const mailer = mailerFor({ smtpUrl: smtp.url });
    const before = smtp.messages.length;

    for (const n of [1, 2, 3])
      await mailer.send(
        await renderMail({ kind: 'WELCOME', to: { name: `Fan ${n}`, email: `fan${n}@example.com` } }, SITE),
        `<welcome-${n}@tickets.example.com>`,
      );

    const messages = (await smtp.untilMessages(before + 3)).slice(before);
    expect(messages.map((message) => message.messageId)).toEqual([
      '<welcome-1@tickets.example.com>',
      '<welcome-2@tickets.example.com>',
      '<welcome-3@tickets.example.com>',
    ]);
    expect(messages.flatMap((message) => addressesOf(message.to))).toEqual(['fan1@example.com', 'fan2@example.com', 'fan3@example.com']);
  });
});

describe('a failure rejects send(), for the notifier to retry', () => {
  it('a refusal: 5xx for good, 4xx for now', async () => {
    let refusal: Error = new SmtpRefusal('mailbox unavailable', 550);
    const smtp = await startSmtpServer({
      onData: () => {
        throw refusal;
      },
    });
    onTestFinished(() => smtp.close());
    const mailer = mailerFor({ smtpUrl: smtp.url });
    const mail = await renderMail({ kind: 'WELCOME', to: { name: 'Ana', email: 'ana@example.com' } }, SITE);

    await expect(mailer.send(mail, MESSAGE_ID)).rejects.toMatchObject({ responseCode: 550, message: expect.stringContaining('mailbox unavailable') });
    refusal = new Error('greylisted, try again later');
    await expect(mailer.send(mail, MESSAGE_ID)).rejects.toMatchObject({ responseCode: 450 });
    expect(smtp.messages).toEqual([]);
  });

  it('no server listening', async () => {
    const mailer = mailerFor({ smtpUrl: `smtp://127.0.0.1:${await freePort()}` });

    await expect(mailer.send(await renderMail({ kind: 'WELCOME', to: { name: 'Ana', email: 'ana@example.com' } }, SITE), MESSAGE_ID)).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });

  it('a server that holds the message keeps send() waiting until it goes away', async () => {
    let reached!: () => void;
    const held = new Promise<void>((resolve) => (reached = resolve));
    const smtp = await startSmtpServer({
      onData: () => {
        reached();
        return new Promise<never>(() => {});
      },
    });
    onTestFinished(() => smtp.close());
    const mailer = mailerFor({ smtpUrl: smtp.url });
    let settled = false;
    const sending = mailer
      .send(await renderMail({ kind: 'WELCOME', to: { name: 'Ana', email: 'ana@example.com' } }, SITE), MESSAGE_ID)
      .finally(() => (settled = true));

    await held;
    expect(settled).toBe(false);
    await smtp.close();

    await expect(sending).rejects.toThrow();
    expect(smtp.messages).toEqual([]);
  });
});

describe('without SMTP_URL', () => {
  it('writes the message as an .eml file in the folder, made if missing, logs its path, and the file is the same message', async () => {
    const folder = join(outboxDir, 'data', 'mail');
    const { logger, lines } = recordingLogger();
    const mailer = createMailer({ outboxDir: folder, logger });
    onTestFinished(() => mailer.close());

    const sent = await mailer.send(await renderMail(bookingConfirmed(), SITE), MESSAGE_ID);

    expect(sent.messageId).toBe(MESSAGE_ID);
    expect(await readdir(folder)).toEqual([sent.path!.slice(folder.length + 1)]);
    expect(sent.path).toMatch(/\/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-notification-42@tickets\.example\.com\.eml$/);
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, path: sent.path, msg: `an e-mail was written to ${sent.path}` }));
    expectTheBookingConfirmation(await simpleParser(await readFile(sent.path!), { keepCidLinks: true }));
  });
});
