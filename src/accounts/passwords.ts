import { randomBytes } from 'node:crypto';

import { type Algorithm, hash, type Options, verify } from '@node-rs/argon2';

/** OWASP's argon2id parameters: 19 MiB of memory, 2 passes, 1 lane. */
export const PASSWORD_HASHING: Options = {
  algorithm: 2 as Algorithm, // Algorithm.Argon2id: an ambient const enum, which isolatedModules cannot read
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string, salt?: Uint8Array): Promise<string> {
  return hash(password, salt ? { ...PASSWORD_HASHING, salt } : PASSWORD_HASHING);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/**
 * A hash no password matches. Logging in with an unknown email verifies
 * against it, so that failure costs the same time as a wrong password.
 */
export const unknownUserHash: Promise<string> = hashPassword(randomBytes(32).toString('base64'));
