import { demoAccounts, type DemoPasswords } from '../../accounts/demo-accounts.js';
import type { Logger } from '../../logger.js';
import { seedDemoPartner } from '../../partners/demo-partner.js';
import { demoSeedLock } from '../advisory-locks.js';
import type { Sql } from '../client.js';
import { DEMO_EVENTS, seedCatalog, type SeedSummary } from './catalog.js';

export interface DemoSeedOptions {
  seed?: number;
  events?: number;
  /** Defaults to today at 00:00 UTC, so a fresh demo always shows the coming year. */
  anchor?: Date;
  logger: Logger;
  /**
   * The demo accounts' passwords and the demo partner's API key: 'published'
   * (the README's and PARTNERS.md's) is for the embedded default only;
   * 'generated' makes random ones and logs them once, as a warning, when it
   * seeds.
   */
  passwords: DemoPasswords;
}

/**
 * Seeds the demo catalog when the database has neither events nor users, and
 * returns what it created; returns undefined when there was something already.
 * One transaction under an advisory lock: processes starting together queue
 * on the lock, and the ones after the first find its committed catalog, so
 * nothing is seeded twice and a crash mid-way leaves nothing behind.
 */
export async function seedDemoIfEmpty(sql: Sql, options: DemoSeedOptions): Promise<SeedSummary | undefined> {
  const { logger } = options;
  const seed = options.seed ?? 42;
  const events = options.events ?? DEMO_EVENTS;
  const anchor = options.anchor ?? startOfTodayUtc();
  const accounts = demoAccounts(options.passwords);
  const summary = await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${demoSeedLock})`;
    // Read after the lock: under READ COMMITTED this statement sees whatever the lock's previous holder committed.
    const [{ empty }] = await tx<[{ empty: boolean }]>`
      SELECT NOT EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM users) AS empty`;
    if (!empty) return undefined;
    const started = performance.now();
    logger.info({ seed, events, anchor }, 'seeding the demo catalog');
    const seeded = await seedCatalog(tx, { seed, events, anchor, accounts });
    const partnerKey = await seedDemoPartner(tx, options.passwords, anchor);
    logger.info({ ...seeded, seconds: Math.round(performance.now() - started) / 1000 }, 'seeded the demo catalog');
    return { seeded, partnerKey };
  });
  if (summary && options.passwords === 'generated') {
    logger.warn(
      { accounts: accounts.map(({ email, password, role }) => ({ email, password, role })), partnerKey: summary.partnerKey },
      'seeded demo accounts, an ADMIN among them, with these generated passwords, shown only this once, and a demo partner with this generated API key: change or delete them before real use',
    );
  }
  return summary?.seeded;
}

/** Today at 00:00 UTC: the demo's default anchor, so a catalog seeded today is the same all day. */
export function startOfTodayUtc(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
