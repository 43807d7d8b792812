/**
 * The one look of every e-mail: a template says what it has to say as blocks (paragraphs,
 * facts, links, ticket images), and the layout writes them twice, as HTML, escaped, inside
 * the header and footer, and as plain text, for clients that show no HTML.
 */
import addressparser from 'nodemailer/lib/addressparser';

import { h, htmlDocument, lines, type SafeHtml } from './html.js';
import type { Recipient, Site } from './types.js';

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'facts'; rows: (readonly [label: string, value: string])[] }
  | { type: 'link'; label: string; url: string }
  | { type: 'image'; cid: string; alt: string; caption: string; filename: string };

export const paragraph = (text: string): Block => ({ type: 'paragraph', text });
/** Labelled values, e.g. ['When', 'Saturday, ...']: a table in HTML, "Label: value" lines in text. */
export const facts = (...rows: (readonly [label: string, value: string])[]): Block => ({ type: 'facts', rows });
export const link = (label: string, url: string): Block => ({ type: 'link', label, url });
/** An image attached with Content-ID `cid`, shown inline in HTML; the text part names its attachment. */
export const image = (options: { cid: string; alt: string; caption: string; filename: string }): Block => ({ type: 'image', ...options });

export interface Page {
  to: Recipient;
  /** The title above the greeting, e.g. "Your tickets are booked". */
  heading: string;
  blocks: Block[];
}

/** The page as an HTML document and as plain text. */
export function renderLayout(site: Site, page: Page): { html: string; text: string } {
  const brand = brandOf(site);
  return { html: htmlPage(site, brand, page), text: textPage(site, brand, page) };
}

/** The sender's display name (MAIL_FROM's "Ticketing" in `Ticketing <tickets@...>`), or the web app's host. */
export function brandOf(site: Site): string {
  const [sender] = addressparser(site.from, { flatten: true });
  return sender?.name || new URL(site.publicUrl).host;
}

const FONT = 'font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif';
const PARAGRAPH = 'margin:0 0 16px';

function htmlPage(site: Site, brand: string, { to, heading, blocks }: Page): string {
  const table = (style: string | undefined, ...rows: SafeHtml[]) =>
    h('table', { role: 'presentation', width: '100%', cellpadding: 0, cellspacing: 0, style }, ...rows);
  const card = table(
    'max-width:600px;background:#ffffff;border-radius:8px',
    h('tr', {}, h('td', { style: 'padding:20px 32px;background:#111827;color:#ffffff;font-size:20px;font-weight:bold;border-radius:8px 8px 0 0' }, brand)),
    h(
      'tr',
      {},
      h(
        'td',
        { style: 'padding:32px;font-size:16px;line-height:1.5' },
        lines('', h('h1', { style: 'margin:0 0 16px;font-size:22px' }, heading), h('p', { style: PARAGRAPH }, `Hi ${to.name},`), ...blocks.map(htmlBlock), ''),
      ),
    ),
    h(
      'tr',
      {},
      h(
        'td',
        { style: 'padding:16px 32px;color:#6b7280;font-size:12px;border-top:1px solid #e5e7eb' },
        `${footer(brand)} `,
        h('a', { href: site.publicUrl, style: 'color:#6b7280' }, site.publicUrl),
      ),
    ),
  );
  return htmlDocument(
    h(
      'html',
      { lang: 'en' },
      h('head', {}, h('meta', { charset: 'utf-8' }), h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }), h('title', {}, heading)),
      h(
        'body',
        { style: `margin:0;padding:0;background:#f3f4f6;${FONT};color:#111827` },
        table(undefined, h('tr', {}, h('td', { align: 'center', style: 'padding:24px 12px' }, card))),
      ),
    ),
  );
}

function htmlBlock(block: Block): SafeHtml {
  switch (block.type) {
    case 'paragraph':
      return h('p', { style: PARAGRAPH }, block.text);
    case 'facts':
      return h(
        'table',
        { role: 'presentation', cellpadding: 0, cellspacing: 0, style: `${PARAGRAPH};border-collapse:collapse` },
        block.rows.map(([label, value]) =>
          h(
            'tr',
            {},
            h('th', { align: 'left', valign: 'top', style: 'padding:4px 16px 4px 0;color:#6b7280;font-weight:normal' }, label),
            h('td', { style: 'padding:4px 0' }, value),
          ),
        ),
      );
    case 'link':
      return h(
        'p',
        { style: PARAGRAPH },
        h(
          'a',
          { href: block.url, style: 'display:inline-block;padding:10px 18px;background:#2563eb;color:#ffffff;text-decoration:none;border-radius:6px' },
          block.label,
        ),
      );
    case 'image':
      return h(
        'p',
        { style: `${PARAGRAPH};text-align:center` },
        h('img', { src: `cid:${block.cid}`, alt: block.alt, width: 240, height: 240, style: 'display:block;margin:0 auto' }),
        h('br'),
        block.caption,
      );
  }
}

function textPage(site: Site, brand: string, { to, heading, blocks }: Page): string {
  return [heading, '', `Hi ${to.name},`, '', ...blocks.flatMap((block) => [textBlock(block), '']), '--', `${footer(brand)} ${site.publicUrl}`, ''].join('\n');
}

function textBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return block.text;
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'link':
      return `${block.label}: ${block.url}`;
    case 'image':
      return `${block.caption}: its QR code is attached as ${block.filename}`;
  }
}

function footer(brand: string): string {
  return `You get this e-mail about your account at ${brand}.`;
}
