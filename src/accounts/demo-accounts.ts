import { createHash } from 'node:crypto';
import { hashPassword } from './passwords.js';
import type { Role } from './policy.js';

/** The demo database's accounts. Their passwords are public (README, start-up log): demo data only. */
export const DEMO_ACCOUNTS: readonly { email: string; password: string; name: string; role: Role }[] = [
  { email: 'admin@demo.test', password: 'demo-admin-password', name: 'Demo Admin', role: 'ADMIN' },
  { email: 'organizer@demo.test', password: 'demo-organizer-password', name: 'Demo Organizer', role: 'ORGANIZER' },
  { email: 'fan@demo.test', password: 'demo-fan-password', name: 'Demo Fan', role: 'FAN' },
];

/** users rows for the demo accounts. Salts derive from `seed`, so a seeded database is reproducible. */
export async function demoAccountRows(seed: number, createdAt: Date) {
  return Promise.all(
    DEMO_ACCOUNTS.map(async ({ email, password, name, role }) => ({
      email,
      name,
      role,
      password_hash: await hashPassword(password, createHash('sha256').update(`${seed}:${email}`).digest().subarray(0, 16)),
      created_at: createdAt,
    })),
  );
}
