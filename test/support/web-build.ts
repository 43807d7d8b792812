/**
 * The web app the test servers serve is web/dist, which `npm ci` builds. Tests run against the sources as they
 * are: when any of them (or the lockfile) is newer than the build, the global setup builds it again (about a second).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve('web');
const built = path.join(root, 'dist', 'index.html');

function newestChange(entry: string): number {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

function builtAt(): number {
  try {
    return statSync(built).mtimeMs;
  } catch {
    return -Infinity;
  }
}

export function buildWebAppIfStale(): void {
  const sources = [path.join(root, 'src'), path.join(root, 'index.html'), path.join(root, 'vite.config.ts'), path.resolve('package-lock.json')];
  if (Math.max(...sources.map(newestChange)) <= builtAt()) return;
  // In a process of its own: vitest sets NODE_ENV=test, with which Vite would bundle React's development build.
  execFileSync('npm', ['run', '--silent', 'build:web'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
