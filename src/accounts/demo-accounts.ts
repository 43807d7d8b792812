import { createHash, randomBytes } from 'node:crypto';

import { hashPassword } from './passwords.js';
import type { Role } from './policy.js';

export interface DemoAccount {
  email: string;
  password: string;
  name: string;
  role: Role;
}

/**
 * The demo database's accounts with their published passwords (README,
 * start-up log): what the embedded default seeds, for trying the API on a
 * laptop. Anywhere else the demo accounts get generated passwords (see
 * `demoAccounts`), since an ADMIN with a published password is an open door.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@demo.test', password: 'demo-admin-password', name: 'Demo Admin', role: 'ADMIN' },
  { email: 'organizer@demo.test', password: 'demo-organizer-password', name: 'Demo Organizer', role: 'ORGANIZER' },
  { email: 'fan@demo.test', password: 'demo-fan-password', name: 'Demo Fan', role: 'FAN' },
];

/** Which passwords demo accounts get: the README's, or random ones made at seeding (to be shown once). */
export type DemoPasswords = 'published' | 'generated';

/** The demo accounts, with the published passwords or with a new random one each (24 characters, 144 bits). */
export function demoAccounts(passwords: DemoPasswords): readonly DemoAccount[] {
  if (passwords === 'published') return DEMO_ACCOUNTS;
  return DEMO_ACCOUNTS.map((account) => ({ ...account, password: randomBytes(18).toString('base64url') }));
}

/** users rows for `accounts`. Salts derive from `seed`, so a seeded database is reproducible given the same passwords. */
export async function demoAccountRows(seed: number, createdAt: Date, accounts: readonly DemoAccount[]) {
  return Promise.all(
    accounts.map(async ({ email, password, name, role }) => ({
      email,
      name,
      role,
      password_hash: await hashPassword(password, createHash('sha256').update(`${seed}:${email}`).digest().subarray(0, 16)),
      created_at: createdAt,
    })),
  );
}
