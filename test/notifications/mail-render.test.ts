/**
 * What each e-mail says (renderMail): the fan's name, the event as the venue's clock reads
 * it, money in its currency, links under PUBLIC_URL, user input escaped in HTML, and for a
 * booking its calendar file and QR codes. How they travel is mail-transport.test.ts.
 */
import type Mail from 'nodemailer/lib/mailer';
import { describe, expect, it } from 'vitest';

import { renderMail } from '../../src/notifications/mail/render.js';
import type { MailMessage } from '../../src/notifications/mail/types.js';
import { decodeQr } from '../support/smtp.js';
import { bookingConfirmed, EVENT, EVENT_TIME, FAN, readIcs, SITE, TICKETS } from './mail-fixtures.js';

const BOOKING = { id: 'Qm9va2luZzo3Nw', total: 17_900, currency: 'EUR', last4: '4242' };

/** One message of each kind. */
const EVERY_KIND: MailMessage[] = [
  { kind: 'WELCOME', to: FAN },
  bookingConfirmed(),
  { kind: 'BOOKING_CANCELLED', to: FAN, event: EVENT, booking: BOOKING, refund: 'REFUNDED', eventCancelled: false },
  { kind: 'EVENT_CANCELLED', to: FAN, event: EVENT, reason: 'The conductor is ill.', booking: BOOKING },
  {
    kind: 'EVENT_RESCHEDULED',
    to: FAN,
    event: { ...EVENT, startsAt: new Date('2025-06-21T18:00:00Z'), endsAt: new Date('2025-06-21T21:30:00Z') },
    previous: { startsAt: EVENT.startsAt, endsAt: EVENT.endsAt },
  },
];

const attachment = (mail: Mail.Options, filename: string, disposition: 'inline' | 'attachment') =>
  mail.attachments?.find((each) => each.filename === filename && each.contentDisposition === disposition);

describe('every kind of e-mail', () => {
  it.each(EVERY_KIND.map((message) => [message.kind, message] as const))(
    '%s: from MAIL_FROM to the fan by name, in HTML and text, greeting them, linking only under PUBLIC_URL',
    async (_, message) => {
      const mail = await renderMail(message, SITE);

      expect(mail.from).toBe(SITE.from);
      expect(mail.to).toEqual({ name: 'Ana Lima', address: 'ana@example.com' });
      expect(mail.subject).toMatch(/\S/);
      expect(mail.text).toContain('Hi Ana Lima,');
      expect(mail.html).toContain('Hi Ana Lima,');
      const links = [...String(mail.text).matchAll(/https?:\/\/\S+/g), ...String(mail.html).matchAll(/href="([^"]+)"/g)].map((match) => match[1] ?? match[0]);
      expect(links.length).toBeGreaterThan(1);
      for (const url of links) expect(url.startsWith(SITE.publicUrl)).toBe(true);
    },
  );

  it('no ticket code is written out: it travels only in the QR images', async () => {
    for (const message of EVERY_KIND) {
      const mail = await renderMail(message, SITE);
      for (const { code } of TICKETS) expect(`${mail.text}${mail.html}`).not.toContain(code);
    }
  });
});

describe('booking confirmed', () => {
  it('is the order summary: the event, when at the venue with its zone named, where, each seat and its price, the all-in total, the card by its last four digits', async () => {
    const mail = await renderMail(bookingConfirmed(), SITE);

    expect(mail.subject).toBe('Your tickets for Night Sky Orchestra');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('Night Sky Orchestra');
      expect(part).toContain(EVENT_TIME);
      expect(part).toContain('Olympia Hall, Berlin, DE');
      expect(part).toContain('Section Floor A, row 3, seat 12');
      expect(part).toContain('Section Floor A, row 3, seat 13');
      expect(part).toContain('€89.50');
      expect(part).toContain('€179.00');
      expect(part).toContain('card ending 4242');
      expect(part).toContain('https://tickets.example.com/bookings/Qm9va2luZzo3Nw');
    }
    expect(mail.text).toMatch(/Total \(all-in\): €179\.00\nPaid with: card ending 4242/);
  });

  it('carries the event as an .ics file to publish in a calendar: its times, title, place and page', async () => {
    const mail = await renderMail(bookingConfirmed(), SITE);

    const ics = mail.attachments!.find((each) => each.filename === 'event.ics')!;
    expect(ics.contentType).toBe('text/calendar; charset=utf-8; method=PUBLISH');
    const { calendar, event, start, end } = readIcs(String(ics.content));
    expect(calendar.METHOD).toBe('PUBLISH');
    expect(start).toEqual(EVENT.startsAt);
    expect(end).toEqual(EVENT.endsAt);
    expect(event.SUMMARY).toBe('Night Sky Orchestra');
    expect(event.LOCATION).toBe('Olympia Hall\\, Berlin\\, DE');
    expect(event.URL).toBe('https://tickets.example.com/events/RXZlbnQ6NDI');
  });

  it("shows each ticket's QR code in the HTML and attaches it to download, named by its seat", async () => {
    const mail = await renderMail(bookingConfirmed(), SITE);

    for (const [filename, ticket] of [
      ['ticket-floor-a-3-12.png', TICKETS[0]!],
      ['ticket-floor-a-3-13.png', TICKETS[1]!],
    ] as const) {
      const inline = attachment(mail, filename, 'inline')!;
      const download = attachment(mail, filename, 'attachment')!;
      expect(mail.html).toContain(`src="cid:${inline.cid}"`);
      expect(decodeQr(inline.content as Buffer)).toBe(ticket.code);
      expect(decodeQr(download.content as Buffer)).toBe(ticket.code);
      expect(mail.text).toContain(`its QR code is attached as ${filename}`);
    }
    expect(new Set(mail.attachments!.map((each) => each.cid).filter(Boolean)).size).toBe(2);
  });

  it('names a seat without a row, and a payment without card digits, as they are', async () => {
    const message = bookingConfirmed();
    message.booking = { ...message.booking, last4: null, tickets: [{ ...TICKETS[0]!, section: 'Pelouse Ouest (débout)', row: null, number: 7 }] };

    const mail = await renderMail(message, SITE);

    expect(mail.text).toContain('Section Pelouse Ouest (débout), seat 7: €89.50');
    expect(mail.text).toContain('Paid with: your payment method');
    expect(mail.text).toContain('Here is your ticket for');
    expect(attachment(mail, 'ticket-pelouse-ouest-debout-7.png', 'attachment')).toBeDefined();
  });

  it("writes times as the venue's clock reads them, whatever the server's zone, and the end's date when it is another day", async () => {
    const event = { ...EVENT, timeZone: 'America/New_York', startsAt: new Date('2025-11-02T23:30:00Z'), endsAt: new Date('2025-11-03T06:00:00Z') };

    const mail = await renderMail(bookingConfirmed({ event }), SITE);

    expect(mail.text).toContain('When: Sunday, November 2, 2025 at 6:30 PM Eastern Standard Time, until Monday, November 3, 2025 at 1:00 AM');
  });

  it('writes money with its currency: yen have no minor unit', async () => {
    const message = bookingConfirmed();
    message.booking = {
      ...message.booking,
      currency: 'JPY',
      total: 24_000,
      tickets: [
        { ...TICKETS[0]!, price: 12_000 },
        { ...TICKETS[1]!, price: 12_000 },
      ],
    };

    const mail = await renderMail(message, SITE);

    expect(mail.text).toContain('seat 12: ¥12,000');
    expect(mail.text).toContain('Total (all-in): ¥24,000');
  });
});

describe('user input', () => {
  const hostile = '<script>alert("owned")</script> & <b>Friends</b>';

  it('is escaped in the HTML part (names, titles, reasons) and kept as written in the text part', async () => {
    const to = { name: '<img src=x onerror=alert(1)>', email: 'eve@example.com' };
    const event = { ...EVENT, name: hostile, venue: { ...EVENT.venue, name: 'Hall "A" & <Co>' } };
    const confirmed = bookingConfirmed({ to, event });
    // A section's name goes in an attribute too (the QR image's alt text).
    confirmed.booking = { ...confirmed.booking, tickets: [{ ...TICKETS[0]!, section: '"><script>alert(2)</script>' }] };
    const messages: MailMessage[] = [
      confirmed,
      { kind: 'EVENT_CANCELLED', to, event, reason: '</p><a href="https://evil.example">refund here</a>', booking: BOOKING },
    ];

    for (const message of messages) {
      const mail = await renderMail(message, SITE);
      const html = String(mail.html);
      expect(html).not.toMatch(/<script|<b>|<img src=x|<Co>|evil\.example">/);
      expect(html).toContain('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; &lt;b&gt;Friends&lt;/b&gt;');
      expect(html).toContain('Hi &lt;img src=x onerror=alert(1)&gt;,');
      expect(html).toContain('Hall &quot;A&quot; &amp; &lt;Co&gt;');
      expect(mail.text).toContain(hostile);
    }
    const { html } = await renderMail(confirmed, SITE);
    expect(html).toContain('alt="QR code of the ticket for Section &quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;, row 3, seat 12"');
  });

  it('keeps a subject on one line', async () => {
    const mail = await renderMail(bookingConfirmed({ event: { ...EVENT, name: 'Night\r\nBcc: everyone@example.com' } }), SITE);

    expect(mail.subject).toBe('Your tickets for Night Bcc: everyone@example.com');
  });
});

describe('booking cancelled', () => {
  const cancelled = (refund: 'REFUNDED' | 'VOIDED', eventCancelled: boolean): MailMessage => ({
    kind: 'BOOKING_CANCELLED',
    to: FAN,
    event: EVENT,
    booking: BOOKING,
    refund,
    eventCancelled,
  });

  it('by the fan, refunded: the money paid back to the card', async () => {
    const mail = await renderMail(cancelled('REFUNDED', false), SITE);

    expect(mail.subject).toBe('Your booking for Night Sky Orchestra is cancelled');
    expect(mail.text).toContain('We refunded €179.00 to your card ending 4242.');
    expect(mail.text).toContain(`When: ${EVENT_TIME}`);
    expect(mail.text).toContain('https://tickets.example.com/bookings/Qm9va2luZzo3Nw');
    expect(mail.attachments).toEqual([]);
  });

  it('before the payment was taken: nothing charged', async () => {
    const mail = await renderMail(cancelled('VOIDED', false), SITE);

    expect(mail.text).toContain('Your payment of €179.00 was never taken');
    expect(mail.text).not.toContain('refunded');
  });

  it('with its event: the refund is done', async () => {
    const mail = await renderMail(cancelled('REFUNDED', true), SITE);

    expect(mail.subject).toBe('Your refund for Night Sky Orchestra is done');
    expect(mail.text).toContain('Night Sky Orchestra was called off, and your booking with it.');
    expect(mail.text).toContain('We refunded €179.00');
  });
});

describe('event cancelled', () => {
  it("gives the organizer's reason and says the refund is under way", async () => {
    const mail = await renderMail(EVERY_KIND[3]!, SITE);

    expect(mail.subject).toBe('Night Sky Orchestra is cancelled');
    expect(mail.text).toContain('The conductor is ill.');
    expect(mail.text).toContain('its refund of €179.00 is under way');
    expect(mail.html).toContain('https://tickets.example.com/bookings/Qm9va2luZzo3Nw');
  });

  it('reads well without a reason', async () => {
    const mail = await renderMail({ kind: 'EVENT_CANCELLED', to: FAN, event: EVENT, reason: '', booking: BOOKING }, SITE);

    expect(mail.text).toContain('We are sorry: Night Sky Orchestra will not take place.\n');
    expect(mail.text).not.toContain('The organizer wrote');
  });
});

describe('event rescheduled', () => {
  it('gives the new and the old times, and links to the event', async () => {
    const mail = await renderMail(EVERY_KIND[4]!, SITE);

    expect(mail.subject).toBe('New date for Night Sky Orchestra');
    expect(mail.text).toContain('Now: Saturday, June 21, 2025 at 8:00 PM Central European Summer Time, until 11:30 PM');
    expect(mail.text).toContain(`Was: ${EVENT_TIME}`);
    expect(mail.text).toContain('https://tickets.example.com/events/RXZlbnQ6NDI');
  });

  it('says "time" when the day stays', async () => {
    const later = { ...EVENT, startsAt: new Date('2025-06-14T19:00:00Z'), endsAt: new Date('2025-06-14T22:30:00Z') };

    const mail = await renderMail({ kind: 'EVENT_RESCHEDULED', to: FAN, event: later, previous: { startsAt: EVENT.startsAt, endsAt: EVENT.endsAt } }, SITE);

    expect(mail.subject).toBe('New time for Night Sky Orchestra');
  });
});

describe('welcome', () => {
  it("names the site after MAIL_FROM's sender", async () => {
    const mail = await renderMail({ kind: 'WELCOME', to: FAN }, SITE);

    expect(mail.subject).toBe('Welcome to Ticketing');
    expect(mail.html).toContain('href="https://tickets.example.com"');
  });
});
