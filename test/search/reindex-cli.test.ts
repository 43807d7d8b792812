/** `npm run search:reindex` as an operator runs it: in its own process, against DATABASE_URL. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { useTestDatabase } from '../support/fixture.js';
import { createFixtureDatabase, event, EVENT_KEYS } from './fixture.js';

const run = promisify(execFile);

describe('npm run search:reindex', () => {
  const { database } = useTestDatabase({ database: createFixtureDatabase });

  const reindex = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/search/rebuild-cli.ts', ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL ?? '', LOG_LEVEL: 'warn' },
    });

  it('rebuilds the index and says what it did', async () => {
    const { stdout } = await reindex(['--batch-size', '7']);
    const listed = EVENT_KEYS.filter((key) => event(key).status !== 'DRAFT').length;
    expect(stdout).toContain(`Indexed ${listed} events into postgres`);
    const [{ documents, waiting }] = await database.sql<[{ documents: number; waiting: number }]>`
      SELECT (SELECT count(*) FROM search_documents)::int AS documents, (SELECT count(*) FROM outbox m WHERE m.topic = 'event.changed' AND NOT EXISTS (
        SELECT 1 FROM outbox_deliveries d WHERE d.consumer = 'search' AND d.message_id = m.id AND d.handled_at IS NOT NULL))::int AS waiting`;
    expect({ documents, waiting }).toEqual({ documents: listed, waiting: 0 });
  });

  it('refuses a bad flag with the usage', async () => {
    const failure = await reindex(['--batch-size', '0']).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('--batch-size expects a whole number from 1 to 10000, got "0"') });
    expect((failure as { stderr: string }).stderr).toContain('Usage: npm run search:reindex');
  });
});
