/**
 * What makes a password, an email and a name acceptable (src/accounts/rules.ts), and how passwords
 * are kept (src/accounts/passwords.ts), on their own. test/accounts.test.ts signs up through the API.
 */
import { describe, expect, it } from 'vitest';

import { hashPassword, unknownUserHash, verifyPassword } from '../../src/accounts/passwords.js';
import { checkEmail, checkName, checkPassword, MIN_PASSWORD_LENGTH, normalizeEmail } from '../../src/accounts/rules.js';

const EMAIL = 'Ada.Lovelace@Example.com';

/** The code of the user error a check returns, or OK; the code of the GraphQL error it throws, with the argument it names. */
function outcome(check: () => { code: string } | undefined): string {
  try {
    return check()?.code ?? 'OK';
  } catch (error) {
    const { extensions } = error as { extensions?: { code?: string; argument?: string } };
    return `${extensions?.code} (${extensions?.argument})`;
  }
}

describe('checkPassword', () => {
  it.each([
    ['one character short', 'WEAK_PASSWORD', 'nine char'],
    [`the minimum, ${MIN_PASSWORD_LENGTH} characters`, 'OK', 'ten chars!'],
    ['the README example', 'OK', 'a long passphrase'],
    ['the maximum, 256 characters', 'OK', 'p'.repeat(256)],
    ['over the maximum, refused as any over-long text', 'BAD_USER_INPUT (input.password)', 'p'.repeat(257)],
    ['the maximum counts characters, not UTF-16 units', 'OK', '🔑'.repeat(256)],
    ['so does the minimum: five emoji are five characters', 'WEAK_PASSWORD', '🔑'.repeat(5)],
    ['and ten emoji are ten', 'OK', '🔑'.repeat(10)],
    ["the email's name", 'WEAK_PASSWORD', 'ada.lovelace'],
    ['the email address, in any case', 'WEAK_PASSWORD', 'ADA.LOVELACE@example.COM'],
    ['more than the email', 'OK', 'ada.lovelace1'],
    ['a common password', 'WEAK_PASSWORD', 'password123'],
    ['a common password in another case', 'WEAK_PASSWORD', 'PassWord123'],
    ['a password not on the list', 'OK', 'password1234567'],
  ])('%s: %s', (_, expected, password) => {
    expect(outcome(() => checkPassword(password, EMAIL))).toBe(expected);
  });

  it('says why, naming the field it was given', () => {
    expect(checkPassword('short', EMAIL, ['input', 'password', 'new'])).toEqual({
      code: 'WEAK_PASSWORD',
      message: `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
      field: ['input', 'password', 'new'],
    });
    expect(checkPassword('ada.lovelace', EMAIL)?.message).toBe('A password must not be your email address.');
    expect(checkPassword('qwertyuiop', EMAIL)?.message).toBe('This password is one of the most common ones; choose another.');
    expect(outcome(() => checkPassword('p'.repeat(257), EMAIL, ['input', 'password', 'new']))).toBe('BAD_USER_INPUT (input.password.new)');
  });
});

describe('checkEmail and normalizeEmail', () => {
  const local = (length: number) => `${'a'.repeat(length)}@example.com`; // 12 characters after the local part

  it.each([
    ['name@example.com', 'OK', 'name@example.com'],
    ['first.last+tag@mail.example.co.uk', 'OK', 'first.last+tag@mail.example.co.uk'],
    ['no dot after the @', 'INVALID_EMAIL', 'name@example'],
    ['nothing before the @', 'INVALID_EMAIL', '@example.com'],
    ['two @', 'INVALID_EMAIL', 'name@@example.com'],
    ['a space', 'INVALID_EMAIL', 'first last@example.com'],
    ['254 characters, the most an address has', 'OK', local(242)],
    ['255 characters', 'INVALID_EMAIL', local(243)],
  ])('%s: %s', (_, expected, email) => {
    expect(outcome(() => checkEmail(email))).toBe(expected);
  });

  it('compares addresses trimmed and in lower case', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
  });
});

describe('checkName', () => {
  it.each([
    ['a name', 'OK', 'Ada'],
    ['blanks only', 'NAME_REQUIRED', '   '],
    ['nothing', 'NAME_REQUIRED', ''],
    ['100 characters, blanks around them aside', 'OK', ` ${'n'.repeat(100)} `],
    ['101 characters', 'BAD_USER_INPUT (input.name)', 'n'.repeat(101)],
    ['100 emoji, counted as characters', 'OK', '🎸'.repeat(100)],
  ])('%s: %s', (_, expected, name) => {
    expect(outcome(() => checkName(name))).toBe(expected);
  });
});

describe('password hashes', () => {
  it('are argon2id with OWASP’s parameters, salted afresh each time, and verify only their password', async () => {
    const [first, second] = await Promise.all([hashPassword('a long passphrase'), hashPassword('a long passphrase')]);
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword(first, 'a long passphrase')).toBe(true);
    expect(await verifyPassword(second, 'a long passphrase')).toBe(true);
    expect(await verifyPassword(first, 'a long passphrasE')).toBe(false);
    expect(await verifyPassword(first, '')).toBe(false);
  });

  it('are the same for the same salt', async () => {
    const salt = new Uint8Array(16).fill(7);
    expect(await hashPassword('a long passphrase', salt)).toBe(await hashPassword('a long passphrase', salt));
  });

  it('answer false, not an error, for a stored hash that is not one', async () => {
    expect(await verifyPassword('not-a-hash: these users never log in', 'anything')).toBe(false);
  });

  it('include one that no password matches, for log-ins with an unknown email', async () => {
    const hash = await unknownUserHash;
    expect(hash).toMatch(/^\$argon2id\$/);
    for (const guess of ['', 'password', 'a long passphrase']) expect(await verifyPassword(hash, guess)).toBe(false);
  });
});
