import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { type Config, ConfigError } from './config.js';

/** The keys the service signs with: session tokens (accounts) and ticket codes (check-in). */
const SECRETS = {
  TOKEN_SECRET: { file: 'token-secret', of: (config: Config) => config.tokenSecret, signs: 'tokens' },
  TICKET_SECRET: { file: 'ticket-secret', of: (config: Config) => config.ticketSecret, signs: 'ticket codes' },
} as const;

/**
 * The secret `name` when set. Without it, processes sharing an external
 * database would sign with different keys, so that is an error; the embedded
 * default (one machine) keeps a generated key in its data folder.
 */
export async function resolveSecret(config: Config, name: keyof typeof SECRETS): Promise<string> {
  const secret = SECRETS[name];
  const value = secret.of(config);
  if (value) return value;
  if (config.databaseUrl) {
    throw new ConfigError(
      `Invalid configuration:\n  ${name} (unset): required when DATABASE_URL is set, so that every process signs ${secret.signs} ` +
        'with the same key (e.g. `openssl rand -base64 48`)',
    );
  }
  return loadOrCreateSecret(config.dataDir, secret.file);
}

/**
 * A key of the embedded default: made once, kept beside the data, so what it
 * signed stays valid across restarts. `wx` makes two processes starting at
 * once agree on the first one written.
 */
async function loadOrCreateSecret(dataDir: string, name: string): Promise<string> {
  const file = path.join(dataDir, name);
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return (await readFile(file, 'utf8')).trim();
}
