/**
 * The database under the API is UTF-8 whatever the machine's locale: the
 * embedded cluster is created so even with LANG=C and no UTF-8 locale
 * installed (initdb's own choice there is SQL_ASCII, where search fails), and
 * a database in another encoding is refused at start with the fix.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { ConfigError } from '../src/config.js';
import { startEmbeddedPostgres, utf8LocaleFlagsFor } from '../src/db/embedded.js';
import { runMigrations } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import { freePort } from './support/free-port.js';
import { withDatabase } from './support/global-setup.js';

describe('the embedded PostgreSQL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('prefers an installed C.UTF-8, then en_US.UTF-8, and falls back to PostgreSQL’s own C.UTF-8', () => {
    expect(utf8LocaleFlagsFor(['C', 'C.utf8', 'en_US.utf8', 'POSIX'])).toEqual(['--encoding=UTF8', '--locale=C.utf8']);
    expect(utf8LocaleFlagsFor(['C', 'en_US.UTF-8'])).toEqual(['--encoding=UTF8', '--locale=en_US.UTF-8']);
    expect(utf8LocaleFlagsFor(['C', 'POSIX'])).toEqual(['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8']);
  });

  it('is UTF-8 with LANG=C and no UTF-8 locale installed, where search’s normalising works on any script', { timeout: 120_000 }, async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'ticketing-embedded-'));
    await chmod(folder, 0o755); // PostgreSQL may run as another user (see embedded.ts)
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const dataDir = path.join(folder, 'postgres');
    const locale = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
    let embedded;
    try {
      process.env.LANG = process.env.LC_ALL = 'C'; // what initdb would make SQL_ASCII of
      embedded = await startEmbeddedPostgres({
        dataDir,
        port: await freePort(),
        database: 'ticketing',
        persistent: false,
        logger: createLogger('warn'),
        installedLocales: [],
      });
    } finally {
      for (const [name, value] of Object.entries(locale)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    cleanups.push(embedded.stop);

    await runMigrations(embedded.url);
    const sql = postgres(embedded.url, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql`SELECT current_setting('server_encoding') AS encoding, search_normalize('ÉCOLE Köln ΑΘΗΝΑ Москва 東京') AS normalized`;
      expect(row).toEqual({ encoding: 'UTF8', normalized: 'ecole koln αθηνα москва 東京' });
    } finally {
      await sql.end();
    }

    await embedded.stop();
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    await embedded.stop(); // stopping a stopped cluster returns
  });

  it('refuses a database that is not UTF-8, naming the fix, and writes nothing to it', async () => {
    const name = `${inject('templateDatabase').replace(/_template$/, '')}_sql_ascii`;
    const admin = postgres(inject('adminUrl'), { max: 1, onnotice: () => {} });
    cleanups.push(async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });
    await admin.unsafe(`CREATE DATABASE ${name} ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`);
    const url = withDatabase(inject('adminUrl'), name);

    const refused = runMigrations(url);
    await expect(refused).rejects.toBeInstanceOf(ConfigError);
    await expect(refused).rejects.toThrow(/uses the SQL_ASCII encoding; this API needs UTF8.*createdb --encoding=UTF8/);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const [{ tables }] = await sql<
        [{ tables: number }]
      >`SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`;
      expect(tables).toBe(0);
    } finally {
      await sql.end();
    }
  });
});
