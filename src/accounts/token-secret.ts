import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The token key of the embedded default: made once, kept beside the data, so
 * logins survive restarts. `wx` makes two processes starting at once agree on
 * the first one written.
 */
export async function loadOrCreateTokenSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'token-secret');
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return (await readFile(file, 'utf8')).trim();
}
