/**
 * What makes an email, a name and a password acceptable. Each check returns a
 * user error or nothing; text over its length (in characters, as the schema's
 * @maxLength counts them, which refuses it first) is BAD_USER_INPUT, as any
 * over-long text is.
 */
import { characterCount, exceedsCharacters } from '../characters.js';
import { tooLong } from '../errors.js';
import { type UserError, userError } from '../user-error.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 256; // hashing cost grows with length; nobody types more
const MAX_NAME_LENGTH = 100;

/** Emails are unique case-insensitively and compared trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function checkEmail(email: string, field = ['input', 'email']): UserError | undefined {
  // Deliberately loose: the only real check of an address is a mail to it.
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return userError('INVALID_EMAIL', 'Enter an email address such as name@example.com.', field);
  }
}

export function checkName(name: string, field = ['input', 'name']): UserError | undefined {
  const trimmed = name.trim();
  if (!trimmed) return userError('NAME_REQUIRED', 'Enter your name.', field);
  if (exceedsCharacters(trimmed, MAX_NAME_LENGTH)) throw tooLong(field.join('.'), trimmed, MAX_NAME_LENGTH);
}

export function checkPassword(password: string, email: string, field = ['input', 'password']): UserError | undefined {
  const weak = (message: string): UserError => userError('WEAK_PASSWORD', message, field);
  if (characterCount(password) < MIN_PASSWORD_LENGTH) return weak(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (exceedsCharacters(password, MAX_PASSWORD_LENGTH)) throw tooLong(field.join('.'), password, MAX_PASSWORD_LENGTH);
  const lower = password.toLowerCase();
  if (lower === normalizeEmail(email) || lower === normalizeEmail(email).split('@')[0]) return weak('A password must not be your email address.');
  if (COMMON_PASSWORDS.has(lower)) return weak('This password is one of the most common ones; choose another.');
}
