/**
 * Ticket codes: what a sold ticket's QR code carries, signed so a scanner can
 * check it offline with the ticket secret (TICKET_SECRET) and no database.
 *
 * Format, version 1 (for scanner vendors):
 *
 *     TK1.<body>
 *
 * - `TK1.` is the version prefix, in ASCII.
 * - `<body>` is RFC 4648 base32 (alphabet `A-Z2-7`, upper case, no `=`
 *   padding; the unused low bits of the last character are zero) of
 *   `payload || mac`.
 * - `payload` is three unsigned LEB128 varints, in this order: the ticket id,
 *   the event id and the serial (the id of the booking that sold the ticket,
 *   so a ticket resold after a cancellation gets a new code and the old one is
 *   refused at the door). Each is at least 1 and at most 2^53 - 1, in its
 *   shortest encoding (no trailing 0x00 group).
 * - `mac` is the first 16 bytes (128 bits) of
 *   HMAC-SHA256(key = the secret's UTF-8 bytes, message = ASCII `TK1.` || payload).
 *   Compare it in constant time.
 *
 * Example size: ticket 5,000,000, event 2,000, booking 3,000,000 make a
 * 10-byte payload, 26 bytes in all, a 46-character code. Upper-case base32
 * and `.` are all in QR's alphanumeric mode, so such a code fits a version 3
 * symbol at error correction M; readers accept it in lower case too, for
 * codes typed by hand.
 *
 * A valid code says only that this service issued it for that ticket, event
 * and booking; whether it still gets someone in (the booking confirmed, the
 * ticket not already scanned) is the check-in's question (check-in.ts).
 *
 * No rate limit guards check-in beyond log-in: only an event's organizer,
 * its staff and admins may scan, and a 128-bit MAC cannot be guessed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a ticket code carries. */
export interface TicketCodeFields {
  ticketId: number;
  eventId: number;
  /** The id of the booking that sold the ticket: a resale after a cancellation makes a new code. */
  serial: number;
}

const PREFIX = 'TK1.';
const MAC_BYTES = 16;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Longer than any version 1 code (three 8-byte varints and the MAC make 68 characters): refused before decoding. */
const MAX_CODE_LENGTH = 96;

/** The signed code of a sold ticket. Throws on an id that is not a positive safe integer (a bug, not a user's input). */
export function signTicketCode(secret: string, fields: TicketCodeFields): string {
  const payload = Buffer.concat([varint(fields.ticketId), varint(fields.eventId), varint(fields.serial)]);
  return PREFIX + base32Encode(Buffer.concat([payload, mac(secret, payload)]));
}

/** The fields of a code this secret signed; undefined for anything malformed or wrongly signed. */
export function verifyTicketCode(secret: string, code: string): TicketCodeFields | undefined {
  if (typeof code !== 'string' || code.length > MAX_CODE_LENGTH) return undefined;
  const normalized = code.trim().toUpperCase();
  if (!normalized.startsWith(PREFIX)) return undefined;
  const bytes = base32Decode(normalized.slice(PREFIX.length));
  if (!bytes || bytes.length <= MAC_BYTES) return undefined;
  const payload = bytes.subarray(0, bytes.length - MAC_BYTES);
  if (!timingSafeEqual(bytes.subarray(bytes.length - MAC_BYTES), mac(secret, payload))) return undefined;
  const values = readVarints(payload);
  if (!values || values.length !== 3) return undefined;
  const [ticketId, eventId, serial] = values as [number, number, number];
  return { ticketId, eventId, serial };
}

function mac(secret: string, payload: Uint8Array): Buffer {
  return createHmac('sha256', secret).update(PREFIX).update(payload).digest().subarray(0, MAC_BYTES);
}

/** Unsigned LEB128: seven bits a byte, low first, the high bit set on all but the last. */
function varint(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`ticket code fields are positive integers, got ${value}`);
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** The varints filling `bytes` exactly, each positive, safe and shortest; undefined otherwise. */
function readVarints(bytes: Uint8Array): number[] | undefined {
  const values: number[] = [];
  let value = 0;
  let scale = 1;
  let length = 0;
  for (const byte of bytes) {
    value += (byte & 0x7f) * scale;
    scale *= 0x80;
    length += 1;
    if (byte & 0x80) {
      if (length >= 8) return undefined;
      continue;
    }
    if ((byte === 0 && length > 1) || value < 1 || !Number.isSafeInteger(value)) return undefined;
    values.push(value);
    value = 0;
    scale = 1;
    length = 0;
  }
  return length === 0 ? values : undefined;
}

function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** Only canonical text decodes: no padding, no stray characters, zero leftover bits. */
function base32Decode(text: string): Buffer | undefined {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const digit = BASE32.indexOf(char);
    if (digit < 0) return undefined;
    buffer = ((buffer << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if (bits >= 5 || (buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return Buffer.from(bytes);
}
