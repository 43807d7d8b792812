/**
 * Ticket codes (src/checkin/ticket-code.ts) and their QR images
 * (src/checkin/qr.ts): a code verifies to what was signed; anything else
 * (another secret, a changed or cut character, a forged body) verifies to
 * nothing; and the PNG decodes back to the code, as a scanner would read it.
 */
import { createHmac } from 'node:crypto';

import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

import { ticketQrDataUrl, ticketQrPng } from '../../src/checkin/qr.js';
import { signTicketCode, type TicketCodeFields, verifyTicketCode } from '../../src/checkin/ticket-code.js';
import { decodeQr } from '../support/smtp.js';

const SECRET = 'a-test-ticket-secret-of-at-least-32-characters';
const FIELDS: TicketCodeFields = { ticketId: 5_000_000, eventId: 2_000, serial: 3_000_000 };

describe('ticket codes', () => {
  it('verify to the fields they were signed with, at small and large ids', () => {
    for (const fields of [FIELDS, { ticketId: 1, eventId: 1, serial: 1 }, { ticketId: 2 ** 53 - 1, eventId: 2 ** 31 - 1, serial: 2 ** 40 }]) {
      expect(verifyTicketCode(SECRET, signTicketCode(SECRET, fields))).toEqual(fields);
    }
  });

  it('are compact, in QR alphanumeric characters, and also read in lower case', () => {
    const code = signTicketCode(SECRET, FIELDS);
    expect(code).toMatch(/^TK1\.[A-Z2-7]+$/);
    expect(code.length).toBeLessThanOrEqual(46);
    expect(verifyTicketCode(SECRET, code.toLowerCase())).toEqual(FIELDS);
  });

  it('differ per booking: a resale signs a new code', () => {
    expect(signTicketCode(SECRET, FIELDS)).not.toBe(signTicketCode(SECRET, { ...FIELDS, serial: FIELDS.serial + 1 }));
  });

  it('are refused when signed with another secret', () => {
    const code = signTicketCode('another-secret-of-at-least-32-characters!!', FIELDS);
    expect(verifyTicketCode(SECRET, code)).toBeUndefined();
  });

  it('are refused with any one character changed', () => {
    const code = signTicketCode(SECRET, FIELDS);
    for (let i = 0; i < code.length; i++) {
      const replacement = code[i] === 'A' ? 'B' : 'A';
      const tampered = code.slice(0, i) + replacement + code.slice(i + 1);
      expect(verifyTicketCode(SECRET, tampered), `character ${i}`).toBeUndefined();
    }
  });

  it('are refused truncated, extended, or malformed', () => {
    const code = signTicketCode(SECRET, FIELDS);
    for (let length = 0; length < code.length; length++) expect(verifyTicketCode(SECRET, code.slice(0, length))).toBeUndefined();
    for (const bad of [code + 'A', code + '=', `TK2.${code.slice(4)}`, code.slice(4), 'TK1.', 'TK1.!!!!', '', 'x'.repeat(10_000)]) {
      expect(verifyTicketCode(SECRET, bad), bad.slice(0, 20)).toBeUndefined();
    }
  });

  it('are refused when a forger signs a malformed payload correctly (the MAC is not the only check)', () => {
    // Two varints instead of three, and an overlong zero group: well signed, still malformed.
    for (const payload of [Buffer.from([1, 2]), Buffer.from([0x81, 0x00, 1, 1]), Buffer.from([0, 1, 1])]) {
      const mac = createHmac('sha256', SECRET).update('TK1.').update(payload).digest().subarray(0, 16);
      expect(verifyTicketCode(SECRET, `TK1.${base32(Buffer.concat([payload, mac]))}`)).toBeUndefined();
    }
  });

  it('refuse to sign ids that are not positive safe integers', () => {
    for (const ticketId of [0, -1, 1.5, 2 ** 53]) expect(() => signTicketCode(SECRET, { ...FIELDS, ticketId })).toThrow(RangeError);
  });
});

describe('ticket QR images', () => {
  it('decode to the code (PNG and data URL)', async () => {
    const code = signTicketCode(SECRET, FIELDS);
    const png = await ticketQrPng(code);
    expect(readQr(png)).toBe(code);
    const url = await ticketQrDataUrl(code);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    expect(readQr(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64'))).toBe(code);
  });
});

function readQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  expect(image.width).toBeGreaterThanOrEqual(180); // 6 pixels a module, with its quiet zone: big enough for a phone across a counter
  return decodeQr(png);
}

/** RFC 4648 base32 without padding, written independently of the module under test. */
function base32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...bytes].map((byte) => byte.toString(2).padStart(8, '0')).join('');
  return (bits.match(/.{1,5}/g) ?? []).map((group) => alphabet[parseInt(group.padEnd(5, '0'), 2)]).join('');
}
