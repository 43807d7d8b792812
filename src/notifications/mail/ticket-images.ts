/**
 * Each ticket's QR code, twice: inline in the HTML (a related part, shown in the message)
 * and as an ordinary attachment, which mail clients offer to save, for the door.
 */
import type Mail from 'nodemailer/lib/mailer';

import { ticketQrPng } from '../../checkin/qr.js';
import { formatSeat } from './format.js';
import { type Block, image } from './layout.js';
import type { BookedTicket } from './types.js';

export async function ticketImages(tickets: BookedTicket[], host: string): Promise<{ blocks: Block[]; attachments: Mail.Attachment[] }> {
  const blocks: Block[] = [];
  const attachments: Mail.Attachment[] = [];
  for (const [index, ticket] of tickets.entries()) {
    const png = await ticketQrPng(ticket.code);
    const filename = ticketFilename(ticket);
    const cid = `ticket-${index + 1}@${host}`;
    const seat = formatSeat(ticket);
    blocks.push(image({ cid, alt: `QR code of the ticket for ${seat}`, caption: seat, filename }));
    attachments.push(
      { filename, content: png, contentType: 'image/png', cid, contentDisposition: 'inline' },
      { filename, content: png, contentType: 'image/png', contentDisposition: 'attachment' },
    );
  }
  return { blocks, attachments };
}

/** "ticket-floor-a-3-12.png": the seat in letters (accents dropped), digits and dashes, safe in every file system. */
export function ticketFilename(ticket: Pick<BookedTicket, 'section' | 'row' | 'number'>): string {
  const parts = [ticket.section, ticket.row, String(ticket.number)].filter((part): part is string => part !== null);
  const slug = parts
    .map((part) =>
      part
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, ''),
    )
    .filter(Boolean)
    .join('-');
  return `ticket-${slug}.png`;
}
