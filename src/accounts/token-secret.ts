import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { type Config, ConfigError } from '../config.js';

/**
 * TOKEN_SECRET when set. Without it, processes sharing an external database
 * would sign with different keys, so that is an error; the embedded default
 * (one machine) keeps a generated key in its data folder.
 */
export async function resolveTokenSecret(config: Config): Promise<string> {
  if (config.tokenSecret) return config.tokenSecret;
  if (config.databaseUrl) {
    throw new ConfigError(
      'Invalid configuration:\n  TOKEN_SECRET (unset): required when DATABASE_URL is set, so that every process signs tokens ' +
        'with the same key (e.g. `openssl rand -base64 48`)',
    );
  }
  return loadOrCreateTokenSecret(config.dataDir);
}

/**
 * The token key of the embedded default: made once, kept beside the data, so
 * logins survive restarts. `wx` makes two processes starting at once agree on
 * the first one written.
 */
async function loadOrCreateTokenSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'token-secret');
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return (await readFile(file, 'utf8')).trim();
}
