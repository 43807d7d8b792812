/**
 * Partner API keys as text: `tkp_` then 32 random base62 characters then a
 * 6-character base62 CRC-32 of those, as GitHub's and Stripe's tokens are
 * made: the prefix says what it is (secret scanners and people recognise
 * it), and the checksum lets a mistyped or made-up key be refused without a
 * read. Only the key's SHA-256 is stored.
 */
import { createHash, randomInt } from 'node:crypto';
import { crc32 } from 'node:zlib';

const PREFIX = 'tkp_';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 32;
const CHECK_LENGTH = 6;
const SHAPE = new RegExp(`^${PREFIX}([0-9A-Za-z]{${RANDOM_LENGTH}})([0-9A-Za-z]{${CHECK_LENGTH}})$`);
/** How much of a key is shown to tell keys apart: the prefix and four characters. */
export const SHOWN_LENGTH = PREFIX.length + 4;

/** `value` in base62, left-padded to `length`. */
function base62(value: number, length: number): string {
  let text = '';
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) text = ALPHABET[rest % 62] + text;
  return text.padStart(length, '0');
}

const checksum = (body: string) => base62(crc32(body), CHECK_LENGTH);

/** A new key. */
export function newApiKey(): string {
  const body = Array.from({ length: RANDOM_LENGTH }, () => ALPHABET[randomInt(62)]).join('');
  return `${PREFIX}${body}${checksum(body)}`;
}

/** The stored form of a key: the lower-case hex SHA-256 of it. */
export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Whether `text` has a key's shape and checksum (it may still be unknown or revoked). */
export function isWellFormedApiKey(text: string): boolean {
  const match = SHAPE.exec(text);
  return match !== null && checksum(match[1]!) === match[2];
}
