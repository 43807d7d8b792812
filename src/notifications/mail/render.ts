/**
 * A notification as an e-mail: subject, HTML and plain-text parts in one layout, and the
 * attachments its kind carries. Pure but for the QR images it draws; the notifier sends
 * the result with a Mailer (transport.ts).
 */
import type Mail from 'nodemailer/lib/mailer';

import { renderLayout } from './layout.js';
import { bookingCancelled } from './templates/booking-cancelled.js';
import { bookingConfirmed } from './templates/booking-confirmed.js';
import type { Content } from './templates/content.js';
import { eventCancelled } from './templates/event-cancelled.js';
import { eventRescheduled } from './templates/event-rescheduled.js';
import { welcome } from './templates/welcome.js';
import type { MailMessage, Site } from './types.js';

export async function renderMail(message: MailMessage, site: Site): Promise<Mail.Options> {
  const content = await contentOf(message, site);
  const { html, text } = renderLayout(site, { to: message.to, heading: content.heading, blocks: content.blocks });
  return {
    from: site.from,
    // An address object, which nodemailer quotes and encodes: a name may hold commas, quotes or any script.
    to: { name: message.to.name, address: message.to.email },
    // A header is one line, whatever an event's name holds.
    subject: content.subject.replace(/\s+/g, ' ').trim(),
    text,
    html,
    attachments: content.attachments ?? [],
    // Asks mail servers and vacation responders not to answer it (RFC 3834).
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

function contentOf(message: MailMessage, site: Site): Content | Promise<Content> {
  switch (message.kind) {
    case 'WELCOME':
      return welcome(message, site);
    case 'BOOKING_CONFIRMED':
      return bookingConfirmed(message, site);
    case 'BOOKING_CANCELLED':
      return bookingCancelled(message, site);
    case 'EVENT_CANCELLED':
      return eventCancelled(message, site);
    case 'EVENT_RESCHEDULED':
      return eventRescheduled(message, site);
  }
}
